package org.kaohe.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitStatusTest {

  private static UnitStatus.Facts facts(String record, boolean submitOpen, boolean claimed, boolean draft,
      boolean approvalOpen) {
    return new UnitStatus.Facts(record, submitOpen, claimed, draft, approvalOpen);
  }

  @Test
  void anUntouchedTaskIsNotStartedAClaimOrADraftIsDrafting() {
    assertThat(UnitStatus.of(facts(null, true, false, false, false), false)).isEqualTo(UnitStatus.NOT_STARTED);
    assertThat(UnitStatus.of(facts(null, true, true, false, false), false)).isEqualTo(UnitStatus.DRAFTING);
    assertThat(UnitStatus.of(facts(null, true, false, true, false), false)).isEqualTo(UnitStatus.DRAFTING);
  }

  @Test
  void theLeadersTaskIsAwaitingLeaderEvenForAReturnedPackageSentAgain() {
    assertThat(UnitStatus.of(facts(null, false, false, true, true), false)).isEqualTo(UnitStatus.AWAITING_LEADER);
    assertThat(UnitStatus.of(facts("returned", false, false, true, true), false)).isEqualTo(UnitStatus.AWAITING_LEADER);
  }

  @Test
  void aReturnedPackageBackWithTheStaffIsReturnedClaimedOrNot() {
    assertThat(UnitStatus.of(facts("returned", true, false, true, false), false)).isEqualTo(UnitStatus.RETURNED);
    assertThat(UnitStatus.of(facts("returned", true, true, true, false), false)).isEqualTo(UnitStatus.RETURNED);
  }

  @Test
  void aStandingPackageIsSubmittedBeforeAndAfterTheDeadline() {
    assertThat(UnitStatus.of(facts("submitted", false, false, true, false), false)).isEqualTo(UnitStatus.SUBMITTED);
    assertThat(UnitStatus.of(facts("submitted", false, false, true, false), true)).isEqualTo(UnitStatus.SUBMITTED);
  }

  @Test
  void pastTheDeadlineEveryUnitWithoutAStandingPackageIsLateAndKeepsItsStage() {
    UnitStatus.Facts[] open = {facts(null, true, false, false, false), facts(null, true, true, false, false),
        facts(null, false, false, true, true), facts("returned", true, false, true, false)};
    UnitStatus[] stages = {UnitStatus.NOT_STARTED, UnitStatus.DRAFTING, UnitStatus.AWAITING_LEADER, UnitStatus.RETURNED};
    for (int i = 0; i < open.length; i++) {
      assertThat(UnitStatus.of(open[i], true)).isEqualTo(UnitStatus.LATE);
      assertThat(UnitStatus.stage(open[i])).isEqualTo(stages[i]);
    }
  }

  @Test
  void anInstanceClosedWithoutAPackageIsNotStartedOrDraftingByWhatWasSaved() {
    assertThat(UnitStatus.stage(facts(null, false, false, false, false))).isEqualTo(UnitStatus.NOT_STARTED);
    assertThat(UnitStatus.stage(facts(null, false, false, true, false))).isEqualTo(UnitStatus.DRAFTING);
  }

  @Test
  void theLabelsAreTheOnesSupervisorsRead() {
    assertThat(java.util.Arrays.stream(UnitStatus.values()).map(UnitStatus::label))
        .containsExactly("未开始", "填报中", "待审定", "已报送", "已逾期", "已退回");
  }
}
