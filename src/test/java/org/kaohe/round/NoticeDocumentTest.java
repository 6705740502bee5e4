package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoticeDocumentTest {

  @Test
  void contactLinesAtTheEndOfTheBodyAreLeftToTheContactsBlock() {
    String body = "各地市团委：\n\n一、工作总结\n请按时报送。\n\n联系人：刘敏、宋洁\n联系电话：020-87185611\n邮箱：tsw5611@126.com\n\n";
    assertThat(NoticeDocument.withoutTrailingContacts(body)).isEqualTo("各地市团委：\n\n一、工作总结\n请按时报送。");
  }

  @Test
  void contactWordsInsideTheTextStay() {
    String body = "各地市团委：\n请联系人事部门核实。\n联系人：张三\n二、其他\n按要求报送。";
    assertThat(NoticeDocument.withoutTrailingContacts(body)).isEqualTo(body);
    assertThat(NoticeDocument.withoutTrailingContacts(null)).isNull();
  }
}
