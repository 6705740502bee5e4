package org.kaohe.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which uploads are refused as "not a web page" before the importer reads them. */
class CatalogueImportResourceTest {

  @Test
  void officeDocumentsPdfsPicturesAndBinaryDataAreNamedForWhatTheyAre() {
    assertThat(CatalogueImportResource.notHtml(new byte[] {'P', 'K', 3, 4, 20, 0}, "通知.docx"))
        .startsWith("“通知.docx”是 Word、Excel 文档（.docx、.xlsx）或压缩文件，不是网页文件。").contains("另存为");
    assertThat(CatalogueImportResource.notHtml("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "a.pdf"))
        .contains("是 PDF 文件");
    assertThat(CatalogueImportResource.notHtml(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1}, "a.doc"))
        .contains("旧版 Word、Excel 文档");
    assertThat(CatalogueImportResource.notHtml(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10}, "a.png")).contains("是图片");
    assertThat(CatalogueImportResource.notHtml(new byte[] {1, 2, 3, 0, 5, 6}, "a.bin")).contains("内容为二进制数据");
    assertThat(CatalogueImportResource.notHtml(new byte[0], "空.html")).startsWith("“空.html”是空文件");
  }

  @Test
  void htmlInAnyCharsetPasses() throws IOException {
    byte[] page;
    try (InputStream in = getClass().getResourceAsStream("/catalogue/work-points-2017.html")) {
      page = in.readAllBytes();
    }
    assertThat(CatalogueImportResource.notHtml(page, "a.html")).isNull();
    String html = new String(page, StandardCharsets.UTF_8);
    assertThat(CatalogueImportResource.notHtml(html.getBytes(Charset.forName("GBK")), "a.html")).isNull();
    byte[] utf16 = ("\uFEFF" + html).getBytes(StandardCharsets.UTF_16LE);
    assertThat(CatalogueImportResource.notHtml(utf16, "a.html")).isNull();
    assertThat(new WorkPointsImporter().importHtml(utf16).itemCount()).isEqualTo(16);
  }
}
