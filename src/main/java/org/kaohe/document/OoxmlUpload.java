package org.kaohe.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRelation;

/**
 * The guards every uploaded Office file (an .xlsx workbook, a .docx document) passes before it is read, shared by
 * the readers of this package, so that each bad file is refused the same way whatever reads it.
 *
 * <p>Refuses, before any parsing, a file over the format's size ({@value #XLSX_MAX_BYTES} bytes for a workbook,
 * {@value #DOCX_MAX_BYTES} for a document), and anything that is not an unencrypted OOXML package (a .xls or .doc,
 * a renamed CSV, PDF or picture, a password-protected file, which is an OLE2 container, or broken bytes), each with
 * one message. Then one streaming pass over the zip, which keeps nothing, refuses a zip without its central
 * directory (cut off) or without [Content_Types].xml (an OpenDocument file, not OOXML), with more than
 * {@value #MAX_ENTRIES} entries, an entry over {@value #MAX_PART_BYTES} bytes or more than {@value #MAX_TOTAL_BYTES}
 * bytes in all once inflated (zip bombs: POI would hold every inflated entry in memory before we could look at it),
 * and XML with a DOCTYPE (Office never writes one; it is how external entities come in, and refusing it here keeps
 * POI's parser from logging an error for every such upload). Only then does POI open the package; a package whose
 * main part is not of the format (an .xlsx renamed .docx) is refused too.
 *
 * <p>Behind the pass stay POI's own {@link ZipSecureFile} limits, which this class tightens for the whole JVM, once,
 * to a minimum inflate ratio of {@value #MIN_INFLATE_RATIO} and at most {@value #MAX_ENTRY_BYTES} bytes per entry (it
 * never loosens a stricter setting), and POI's XML parsers, which refuse a DOCTYPE and resolve no external entity.
 */
final class OoxmlUpload {

  static final int XLSX_MAX_BYTES = 5 * 1024 * 1024;
  static final int DOCX_MAX_BYTES = 10 * 1024 * 1024;
  static final double MIN_INFLATE_RATIO = 0.01;
  static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;
  static final long MAX_PART_BYTES = 10L * 1024 * 1024;
  /** A workbook of Kaohe's or a summary with photos is a small fraction of this. */
  static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;
  /** POI's own default too; a document with a hundred pictures has a few hundred entries. */
  static final int MAX_ENTRIES = 1000;

  static final String NOT_XLSX = "文件不是有效的 Excel 2007 及以上（.xlsx）工作簿，请用 Excel 另存为 .xlsx 格式后再上传";
  static final String NOT_DOCX = "文件不是有效的 Word 2007 及以上（.docx）文档，请用 Word 或 WPS 另存为 .docx 格式后再上传";
  static final String ENCRYPTED = "文件已加密（设置了打开密码），无法读取，请去掉密码后再上传";
  static final String XLSX_TOO_LARGE = "文件超过 5 MB，请检查是否选错了文件，或删除多余的工作表和图片后再上传";
  static final String DOCX_TOO_LARGE = "文件超过 10 MB，请检查是否选错了文件，或压缩、删除文档中的图片后再上传";
  static final String BOMB = "文件解压后内容过大（疑似压缩炸弹），已拒绝读取，请检查后重新上传";

  /** What an upload must be: its size limit, the content types its main part may have, and its two messages. */
  record Format(int maxBytes, Set<String> mainContentTypes, String notThisFormat, String tooLarge) {}

  static final Format XLSX = new Format(XLSX_MAX_BYTES, Set.of(XSSFRelation.WORKBOOK.getContentType(),
      XSSFRelation.MACROS_WORKBOOK.getContentType(), XSSFRelation.TEMPLATE_WORKBOOK.getContentType(),
      XSSFRelation.MACRO_TEMPLATE_WORKBOOK.getContentType()), NOT_XLSX, XLSX_TOO_LARGE);
  static final Format DOCX = new Format(DOCX_MAX_BYTES, Set.of(XWPFRelation.DOCUMENT.getContentType(),
      XWPFRelation.MACRO_DOCUMENT.getContentType(), XWPFRelation.TEMPLATE.getContentType(),
      XWPFRelation.MACRO_TEMPLATE_DOCUMENT.getContentType()), NOT_DOCX, DOCX_TOO_LARGE);

  /** "<!DOCTYPE" as UTF-8 (and ASCII), UTF-16LE and UTF-16BE: the encodings an XML part may have. */
  private static final List<byte[]> DOCTYPE = List.of("<!DOCTYPE".getBytes(StandardCharsets.UTF_8),
      "<!DOCTYPE".getBytes(StandardCharsets.UTF_16LE), "<!DOCTYPE".getBytes(StandardCharsets.UTF_16BE));
  private static final String CONTENT_TYPES = "[Content_Types].xml";
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int END_RECORD_BYTES = 22;

  static {
    synchronized (ZipSecureFile.class) {
      if (ZipSecureFile.getMinInflateRatio() < MIN_INFLATE_RATIO) {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
      }
      if (ZipSecureFile.getMaxEntrySize() > MAX_ENTRY_BYTES) {
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
      }
    }
  }

  private OoxmlUpload() {}

  /** Makes sure the JVM-wide zip limits are set (the class's initialisation does it). */
  static void secure() {
    // initialising the class is the work
  }

  /** What is done with a package that passed the guards; anything it throws counts as a broken file. */
  @FunctionalInterface
  interface Reading<T> {
    T apply(OPCPackage pkg) throws Exception;
  }

  /** {@code reading} applied to the workbook, or {@code failure} applied to the one message of a refused file. */
  static <T> T readXlsx(byte[] xlsx, Function<XSSFWorkbook, T> reading, Function<String, T> failure) {
    return read(xlsx, XLSX, pkg -> {
      try (XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
        return reading.apply(wb);
      }
    }, failure);
  }

  /** {@code reading} applied to the document, or {@code failure} applied to the one message of a refused file. */
  static <T> T readDocx(byte[] docx, Function<XWPFDocument, T> reading, Function<String, T> failure) {
    return read(docx, DOCX, pkg -> {
      try (XWPFDocument doc = new XWPFDocument(pkg)) {
        return reading.apply(doc);
      }
    }, failure);
  }

  /**
   * {@code reading} applied to the package, or {@code failure} applied to the one message of a refused file. An
   * exception thrown by {@code reading} counts as a broken file (or a zip bomb, when POI says so).
   */
  static <T> T read(byte[] bytes, Format format, Reading<T> reading, Function<String, T> failure) {
    if (bytes != null && bytes.length > format.maxBytes()) {
      return failure.apply(format.tooLarge());
    }
    if (bytes == null || bytes.length == 0) {
      return failure.apply(format.notThisFormat());
    }
    FileMagic magic = FileMagic.valueOf(bytes);
    if (magic == FileMagic.OLE2) {
      return failure.apply(encrypted(bytes) ? ENCRYPTED : format.notThisFormat());
    }
    if (magic != FileMagic.OOXML) {
      return failure.apply(format.notThisFormat());
    }
    String refused;
    try {
      refused = scan(bytes, format);
    } catch (IOException | RuntimeException e) {
      refused = format.notThisFormat();
    }
    if (refused != null) {
      return failure.apply(refused);
    }
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      if (!format.mainContentTypes().contains(mainContentType(pkg))) {
        return failure.apply(format.notThisFormat());
      }
      return reading.apply(pkg);
    } catch (EncryptedDocumentException e) {
      return failure.apply(ENCRYPTED);
    } catch (Exception e) {
      return failure.apply(isZipBomb(e) ? BOMB : format.notThisFormat());
    } catch (StackOverflowError e) {
      // POI measures XML depth recursively (XMLHelper.getDepthOfChildNodes), so a few KB of deeply nested
      // elements overflow the stack before any of its limits apply; the thread's stack is unwound by now, so the
      // file is simply refused instead of the request ending in a 500.
      return failure.apply(format.notThisFormat());
    }
  }

  /**
   * The streaming pass: null when the package may be opened, else the message. It reads the entries as POI's
   * package reader does (the same commons-compress stream, the same settings), so both see the same entries.
   */
  private static String scan(byte[] bytes, Format format) throws IOException {
    if (!endsWithCentralDirectory(bytes)) {
      return format.notThisFormat();
    }
    int entries = 0;
    long total = 0;
    boolean contentTypes = false;
    byte[] buffer = new byte[16 * 1024];
    try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8.name(), false, true)) {
      for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > MAX_ENTRIES) {
          return BOMB;
        }
        contentTypes |= entry.getName().equalsIgnoreCase(CONTENT_TYPES);
        DoctypeSearch doctype = xml(entry.getName()) ? new DoctypeSearch() : null;
        ElementDepth depth = doctype != null ? new ElementDepth(ElementDepth.limit(entry.getName())) : null;
        long size = 0;
        for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
          size += n;
          total += n;
          if (size > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) {
            return BOMB;
          }
          if (doctype != null && (doctype.found(buffer, n) || depth.tooDeep(buffer, n))) {
            return format.notThisFormat();
          }
        }
      }
    }
    // Every OOXML package has its [Content_Types].xml; a zip without (an OpenDocument file) is not one.
    return contentTypes ? null : format.notThisFormat();
  }

  /** A zip ends with its end-of-central-directory record and the archive's comment; a cut-off file does not. */
  private static boolean endsWithCentralDirectory(byte[] bytes) {
    int last = bytes.length - END_RECORD_BYTES;
    for (int at = last; at >= 0 && at >= last - 0xffff; at--) {
      if (int32(bytes, at) == END_OF_CENTRAL_DIRECTORY) {
        int commentLength = (bytes[at + 20] & 0xff) | (bytes[at + 21] & 0xff) << 8;
        if (at + END_RECORD_BYTES + commentLength == bytes.length) {
          return true;
        }
      }
    }
    return false;
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  /** The parts POI parses as XML: the package's own (.rels, [Content_Types].xml) and the format's. */
  private static boolean xml(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".xml") || n.endsWith(".rels") || n.endsWith(".vml");
  }

  /**
   * Estimates how deep the elements of an XML part nest, piece by piece. POI parses core properties, styles and
   * the body into DOM trees and walks some of them recursively: a few kilobytes of unclosed tags nested thousands
   * deep made it overflow its stack or run for minutes (found by the importer fuzzer). Real spreadsheets and Word
   * files nest a few dozen levels (nested tables add four each); the limit leaves room for far more.
   * An estimate suffices: it counts start tags up and end tags down and ignores declarations, comments and
   * self-closing tags; a '>' inside an attribute value can only end a tag early, never hide one.
   * The core properties get a tight limit: they are flat (depth 2), and POI's compliance check of that part walks
   * every element's subtree again for each ancestor, so 60 nested elements there took minutes.
   */
  private static final class ElementDepth {
    private static final int MAX_DEPTH = 400;
    private static final int MAX_CORE_PROPERTIES_DEPTH = 8;
    private final int limit;
    private int depth;
    private boolean inTag;
    private boolean nameSeen;
    private boolean closing;
    private boolean neutral;
    private byte previous;

    ElementDepth(int limit) {
      this.limit = limit;
    }

    static int limit(String partName) {
      return partName.toLowerCase(Locale.ROOT).endsWith("docprops/core.xml") ? MAX_CORE_PROPERTIES_DEPTH : MAX_DEPTH;
    }

    boolean tooDeep(byte[] buffer, int n) {
      for (int i = 0; i < n; i++) {
        byte c = buffer[i];
        if (!inTag) {
          if (c == '<') {
            inTag = true;
            nameSeen = false;
            closing = false;
            neutral = false;
          }
        } else if (!nameSeen) {
          nameSeen = true;
          closing = c == '/';
          neutral = c == '?' || c == '!';
        } else if (c == '>') {
          inTag = false;
          if (closing) {
            depth = Math.max(0, depth - 1);
          } else if (!neutral && previous != '/' && ++depth > limit) {
            return true;
          }
        }
        previous = c;
      }
      return false;
    }
  }

  /**
   * Looks for {@link #DOCTYPE} in an entry read piece by piece, across the pieces' borders. It looks only where
   * there is a '!', which XML rarely has, so that tens of megabytes pass in a few milliseconds.
   */
  private static final class DoctypeSearch {
    private static final int KEEP = DOCTYPE.stream().mapToInt(p -> p.length).max().orElseThrow() - 1;
    private byte[] tail = new byte[0];

    boolean found(byte[] buffer, int n) {
      byte[] window = new byte[tail.length + n];
      System.arraycopy(tail, 0, window, 0, tail.length);
      System.arraycopy(buffer, 0, window, tail.length, n);
      for (int i = 0; i < window.length; i++) {
        if (window[i] == '!') {
          for (byte[] pattern : DOCTYPE) {
            if (at(window, i, pattern)) {
              return true;
            }
          }
        }
      }
      tail = Arrays.copyOfRange(window, Math.max(0, window.length - KEEP), window.length);
      return false;
    }

    /** Whether {@code pattern} stands in {@code data} with its own '!' at {@code bang}. */
    private static boolean at(byte[] data, int bang, byte[] pattern) {
      int start = bang - bangIndex(pattern);
      if (start < 0 || start + pattern.length > data.length) {
        return false;
      }
      for (int j = 0; j < pattern.length; j++) {
        if (data[start + j] != pattern[j]) {
          return false;
        }
      }
      return true;
    }

    private static int bangIndex(byte[] pattern) {
      for (int j = 0; j < pattern.length; j++) {
        if (pattern[j] == '!') {
          return j;
        }
      }
      throw new IllegalStateException();
    }
  }

  /** The content type of the part the package's officeDocument relationship points to; null if there is none. */
  private static String mainContentType(OPCPackage pkg) throws Exception {
    PackageRelationshipCollection main = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
    if (main.isEmpty()) {
      main = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
    }
    if (main.isEmpty()) {
      return null;
    }
    PackagePart part = pkg.getPart(main.getRelationship(0));
    return part == null ? null : part.getContentType();
  }

  private static boolean encrypted(byte[] bytes) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
      return fs.getRoot().hasEntry(Decryptor.DEFAULT_POIFS_ENTRY) || fs.getRoot().hasEntry("EncryptionInfo");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (message.contains("Zip bomb") || message.contains("max size of the expanded data")
          || message.contains("MaxEntrySize") || message.contains("too many entries")
          || message.contains("more internal file entries than expected"))) {
        return true;
      }
    }
    return false;
  }
}
