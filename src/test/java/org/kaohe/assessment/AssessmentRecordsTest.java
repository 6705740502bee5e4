package org.kaohe.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The assessment's repositories against the real migrations on an in-memory H2. */
class AssessmentRecordsTest {

  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 28, 10, 0, 0, 0, ZoneOffset.ofHours(8));

  private JdbcTemplate jdbc;

  @BeforeEach
  void migrate() {
    var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).table("kaohe_schema_history").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    jdbc.update("INSERT INTO kaohe_round VALUES ('r1', 'guangdong', 2026, '考核', '{}', DATE '2026-12-31', 3, ?)", AT);
    for (String[] unit : new String[][] {{"guangzhou", "city"}, {"shenzhen", "city"}, {"office", "department"}}) {
      jdbc.update("INSERT INTO kaohe_round_unit (round_id, unit_code, unit_name, unit_kind) VALUES ('r1', ?, ?, ?)",
          unit[0], unit[0], unit[1]);
    }
  }

  @Test
  void sourcesGiveTheAssessedUnitsTheFirstVersionsLatenessAndTheAreaScores() {
    submission("guangzhou", 1, true);
    submission("guangzhou", 2, false);
    jdbc.update("INSERT INTO kaohe_review VALUES ('r1', 'A1', 'guangzhou', 'good', 92.5, '好', 'publicity', 'u', ?)", AT);
    Organisation organisation = new Organisation("guangdong", "团省委", "团省委", "office", List.of(
        new Organisation.Unit("guangzhou", "广州市团委", UnitKind.CITY),
        new Organisation.Unit("shantou", "汕头市团委", UnitKind.CITY),
        new Organisation.Unit("shenzhen", "深圳市团委", UnitKind.CITY),
        new Organisation.Unit("office", "办公室", UnitKind.DEPARTMENT)), null, null, null, null, null, null, null, null,
        null, new Organisation.Assessment(List.of(UnitKind.CITY), "organisation", Map.of(), null, null), null, null);
    AssessmentSources sources = new AssessmentSources(new org.kaohe.round.Rounds(jdbc),
        new org.kaohe.review.Reviews(jdbc), new org.kaohe.submission.Submissions(jdbc), organisation);

    // shantou is assessed but did not take part; office takes part but is not assessed
    assertThat(sources.assessedUnits("r1")).extracting(Organisation.Unit::code).containsExactly("guangzhou", "shenzhen");
    assertThat(sources.firstSubmissionLate("r1")).containsExactly(Map.entry("guangzhou", true));
    assertThat(sources.areaScores("r1")).containsEntry("guangzhou", Map.of("A1", new BigDecimal("92.50")));
  }

  @Test
  void componentRecordsReplaceEarlierRowsOfTheSameUnit() {
    PartyEvaluations party = new PartyEvaluations(jdbc);
    party.replace("r1", List.of(new PartyEvaluations.Row("guangzhou", "good", null, "")), "org-staff", AT);
    party.replace("r1", List.of(new PartyEvaluations.Row("guangzhou", "", new BigDecimal("88"), "改为分数")), "org-staff", AT);
    assertThat(party.ofRound("r1")).containsOnlyKeys("guangzhou");
    assertThat(party.ofRound("r1").get("guangzhou").grade()).isNull();
    assertThat(party.ofRound("r1").get("guangzhou").score()).isEqualByComparingTo("88");

    YouthSurveys surveys = new YouthSurveys(jdbc);
    surveys.replace("r1", List.of(new YouthSurveys.Row("shenzhen", 500, new BigDecimal("80.5"), new BigDecimal("90"))),
        YouthSurveys.IMPORTED, null, AT);
    assertThat(surveys.ofRound("r1").get("shenzhen").awareness()).isEqualByComparingTo("80.5");

    OralReports oral = new OralReports(jdbc);
    oral.replace("r1", List.of(new OralReports.Row("guangzhou", new BigDecimal("91"), "")), "office-staff", AT);
    assertThat(oral.ofRound("r1").get("guangzhou").score()).isEqualByComparingTo("91");

    ComponentEntries entries = new ComponentEntries(jdbc);
    entries.replace("r1", List.of(new ComponentEntries.Row("shenzhen", ComponentKind.ORAL_REPORT, new BigDecimal("80"),
        "书面述职")), "office-staff", AT);
    assertThat(entries.ofRound("r1").get("shenzhen").get(ComponentKind.ORAL_REPORT).reason()).isEqualTo("书面述职");
  }

  @Test
  void resultsAreReplacedUpdatedAndEveryAdjustmentIsKept() {
    Results results = new Results(jdbc);
    results.replace("r1", List.of(result("guangzhou", "92.80", 1), result("shenzhen", "83.10", 2)), AT);
    results.replace("r1", List.of(result("guangzhou", "92.80", 1), result("shenzhen", "85.00", 2)), AT);
    results.update("r1", "shenzhen", new BigDecimal("95.00"), "good", 1);
    results.adjusted("r1", new Results.Adjustment("shenzhen", "total", "85.00", "95.00", "书记会意见", "office-staff", AT));

    assertThat(results.ofRound("r1")).extracting(Results.Row::unitCode, Results.Row::rank)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("guangzhou", 1),
            org.assertj.core.groups.Tuple.tuple("shenzhen", 1));
    assertThat(results.adjustments("r1")).singleElement().extracting(Results.Adjustment::newValue).isEqualTo("95.00");
  }

  @Test
  void documentsRecordGenerationMailingAndDispatch() {
    AssessmentDocuments documents = new AssessmentDocuments(jdbc);
    documents.generated("r1", AssessmentDocuments.FEEDBACK_LETTER, "guangzhou", "a.docx", "feedbackLetter_guangzhou",
        "00", AT);
    documents.generated("r1", AssessmentDocuments.FEEDBACK_LETTER, "guangzhou", "a.docx", "feedbackLetter_guangzhou",
        "ff", AT);
    documents.mailed("r1", AssessmentDocuments.FEEDBACK_LETTER, "guangzhou", "leader@example.org", AT);
    documents.dispatched("r1", AssessmentDocuments.FEEDBACK_LETTER, "guangzhou", "office-staff", AT, "mail", "");

    assertThat(documents.ofRound("r1", AssessmentDocuments.FEEDBACK_LETTER)).singleElement().satisfies(d -> {
      assertThat(d.sha256()).isEqualTo("ff");
      assertThat(d.mailedTo()).isEqualTo("leader@example.org");
      assertThat(d.dispatchMethod()).isEqualTo("mail");
      assertThat(d.dispatchRemarks()).isNull();
    });
  }

  private void submission(String unit, int version, boolean late) {
    jdbc.update("INSERT INTO kaohe_submission (round_id, unit_code, version, package_json, submitted_at, due_at, late,"
        + " status, process_instance_id) VALUES ('r1', ?, ?, '{}', ?, ?, ?, 'submitted', 'pi')", unit, version, AT, AT,
        late);
  }

  private static Results.Row result(String unit, String total, int rank) {
    BigDecimal ninety = new BigDecimal("90.00");
    return new Results.Row(unit, "city", ninety, ninety, ninety, ninety, BigDecimal.ZERO, BigDecimal.ZERO,
        new BigDecimal(total), "good", rank, "{}");
  }
}
