package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionFilterTest {

  static final String CAMUNDA = "attachment; filename=\"广州市团委2026年度考核结果反馈函.docx\"; filename*=UTF-8''"
      + "%E5%B9%BF%E5%B7%9E%E5%B8%82%E5%9B%A2%E5%A7%942026%E5%B9%B4%E5%BA%A6%E8%80%83%E6%A0%B8%E7%BB%93%E6%9E%9C"
      + "%E5%8F%8D%E9%A6%88%E5%87%BD.docx";

  @Test
  void aChineseFileNameBecomesAnAsciiStandInAndFilenameStarKeepsTheRealName() {
    String safe = ContentDispositionFilter.safe("Content-Disposition", CAMUNDA);
    assertThat(safe).matches("[\\x20-\\x7E]*");
    assertThat(safe).startsWith("attachment; filename=\"_____2026_________.docx\"; filename*=UTF-8''%E5%B9%BF");
    assertThat(safe).endsWith("%E5%87%BD.docx");
  }

  @Test
  void filenameStarIsAddedWhenMissing() {
    assertThat(ContentDispositionFilter.safe("content-disposition", "attachment; filename=\"青年评议 模板.xlsx\""))
        .isEqualTo("attachment; filename=\"____ __.xlsx\"; filename*=UTF-8''%E9%9D%92%E5%B9%B4%E8%AF%84%E8%AE%AE"
            + "%20%E6%A8%A1%E6%9D%BF.xlsx");
  }

  @Test
  void asciiValuesAndOtherHeadersAreLeftAlone() {
    assertThat(ContentDispositionFilter.safe("Content-Disposition", "attachment; filename=\"report.xlsx\""))
        .isEqualTo("attachment; filename=\"report.xlsx\"");
    assertThat(ContentDispositionFilter.safe("X-Other", "中文")).isEqualTo("中文");
    assertThat(ContentDispositionFilter.safe("Content-Disposition", null)).isNull();
  }
}
