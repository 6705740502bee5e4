package org.kaohe.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

class MonthlyRulesTest {

  @Test
  void daysAtTheMinimumMeetItOneBelowIsStillToComeWhileThePeriodRunsAndAShortfallAfterIt() {
    assertThat(MonthlyRules.daysAgainstMinimum(3, 3, false).label()).isEqualTo("达标");
    assertThat(MonthlyRules.daysAgainstMinimum(3, 3, true).label()).isEqualTo("达标");
    assertThat(MonthlyRules.daysAgainstMinimum(10, 10, true).code()).isEqualTo("met");
    assertThat(MonthlyRules.daysAgainstMinimum(2, 3, false).label()).isEqualTo("尚差 1 天");
    assertThat(MonthlyRules.daysAgainstMinimum(2, 3, true).label()).isEqualTo("未达标（差 1 天）");
    assertThat(MonthlyRules.daysAgainstMinimum(9, 10, false).code()).isEqualTo("pending");
    assertThat(MonthlyRules.daysAgainstMinimum(9, 10, true).code()).isEqualTo("short");
    assertThat(MonthlyRules.daysAgainstMinimum(0, 10, true).label()).isEqualTo("未达标（差 10 天）");
  }

  @Test
  void aReportIsLateOnlyByItsOwnFlagOrWhenStillOpenAfterTheDueTime() {
    assertThat(MonthlyRules.reportStatus("submitted", false, true).label()).isEqualTo("已报送");
    assertThat(MonthlyRules.reportStatus("submitted", true, false).label()).isEqualTo("逾期报送");
    assertThat(MonthlyRules.reportStatus("open", false, false).label()).isEqualTo("未报送");
    assertThat(MonthlyRules.reportStatus("open", false, true).label()).isEqualTo("未报送（已逾期）");
    assertThat(MonthlyRules.reportStatus("missing", false, true).label()).isEqualTo("未报送（已汇编）");
    assertThat(MonthlyRules.reportStatus("received", false, true).label()).isEqualTo("已接收");
    assertThat(MonthlyRules.reportStatus("received", true, true).code()).isEqualTo("receivedLate");
    assertThat(MonthlyRules.reportStatus("withdrawn", false, true).label()).as("unknown shows as stored")
        .isEqualTo("withdrawn");
  }

  @Test
  void monthStatusesInChinese() {
    assertThat(MonthlyRules.monthStatus("open").label()).isEqualTo("填报中");
    assertThat(MonthlyRules.monthStatus("compiled").label()).isEqualTo("已汇编");
    assertThat(MonthlyRules.monthStatus("approved").label()).isEqualTo("已审定");
  }

  @Test
  void aYearIsFourDigitsFrom2000ToNextYear() {
    assertThat(ProgressResource.year("2000", 2026)).isEqualTo(2000);
    assertThat(ProgressResource.year("2027", 2026)).isEqualTo(2027);
    assertThatThrownBy(() -> ProgressResource.year("2028", 2026)).isInstanceOfSatisfying(
        WebApplicationException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(404));
    assertThatThrownBy(() -> ProgressResource.year("1999", 2026)).isInstanceOfSatisfying(
        WebApplicationException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(404));
    for (String bad : new String[] {"26", "２０２６", "2026 ", "abcd", ""}) {
      assertThatThrownBy(() -> ProgressResource.year(bad, 2026)).as(bad).isInstanceOfSatisfying(
          WebApplicationException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(400));
    }
  }
}
