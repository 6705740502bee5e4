package org.kaohe.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.ZipPackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.IOUtils;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The guards every uploaded workbook passes before it is read, shared by the workbooks of this package.
 *
 * <p>Refuses, before any parsing, a file over {@value #MAX_BYTES} bytes, and anything that is not an unencrypted
 * OOXML workbook (a .xls, a renamed CSV, a password-protected .xlsx, which is an OLE2 container, or broken bytes),
 * each with one message. Zip bombs are stopped by POI's {@link ZipSecureFile} limits while the package is read:
 * this class tightens them for the whole JVM, once, to a minimum inflate ratio of {@value #MIN_INFLATE_RATIO} and at
 * most {@value #MAX_ENTRY_BYTES} bytes per entry (it never loosens a stricter setting). A part still larger than
 * {@value #MAX_PART_BYTES} bytes is refused before the workbook is parsed.
 */
final class XlsxUpload {

  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final double MIN_INFLATE_RATIO = 0.01;
  static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;
  static final long MAX_PART_BYTES = 10L * 1024 * 1024;

  static final String NOT_XLSX = "文件不是有效的 Excel 2007 及以上（.xlsx）工作簿，请用 Excel 另存为 .xlsx 格式后再上传";
  static final String ENCRYPTED = "文件已加密（设置了打开密码），无法读取，请去掉密码后再上传";
  static final String TOO_LARGE = "文件超过 5 MB，请检查是否选错了文件，或删除多余的工作表和图片后再上传";
  static final String BOMB = "文件解压后内容过大（疑似压缩炸弹），已拒绝读取，请检查后重新上传";

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

  private XlsxUpload() {}

  /** Makes sure the JVM-wide zip limits are set (the class's initialisation does it). */
  static void secure() {
    // initialising the class is the work
  }

  /**
   * {@code reading} applied to the workbook, or {@code failure} applied to the one message of a refused file. An
   * exception thrown by {@code reading} counts as a broken file (or a zip bomb, when POI says so).
   */
  static <T> T read(byte[] xlsx, Function<XSSFWorkbook, T> reading, Function<String, T> failure) {
    if (xlsx != null && xlsx.length > MAX_BYTES) {
      return failure.apply(TOO_LARGE);
    }
    if (xlsx == null || xlsx.length == 0) {
      return failure.apply(NOT_XLSX);
    }
    FileMagic magic = FileMagic.valueOf(xlsx);
    if (magic == FileMagic.OLE2) {
      return failure.apply(encrypted(xlsx) ? ENCRYPTED : NOT_XLSX);
    }
    if (magic != FileMagic.OOXML) {
      return failure.apply(NOT_XLSX);
    }
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(xlsx))) {
      for (PackagePart part : pkg.getParts()) {
        if (part instanceof ZipPackagePart && tooLarge(part)) {
          return failure.apply(BOMB);
        }
      }
      try (XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
        return reading.apply(wb);
      }
    } catch (EncryptedDocumentException e) {
      return failure.apply(ENCRYPTED);
    } catch (Exception e) {
      return failure.apply(isZipBomb(e) ? BOMB : NOT_XLSX);
    }
  }

  /** The part's size is not in the package (data descriptors): count what POI already inflated into memory. */
  private static boolean tooLarge(PackagePart part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      return IOUtils.skipFully(in, MAX_PART_BYTES + 1) > MAX_PART_BYTES;
    }
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
          || message.contains("MaxEntrySize") || message.contains("too many entries"))) {
        return true;
      }
    }
    return false;
  }
}
