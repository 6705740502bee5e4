package org.kaohe.assessment;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaohe.organisation.Organisation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the assessment reads from the records other features write: the round's units, the lead departments'
 * reviews and the first submitted version of each package. Own queries on purpose, so that this feature does not
 * depend on the review feature's classes.
 */
@Repository
class AssessmentSources {

  private final JdbcTemplate jdbc;
  private final Organisation organisation;

  AssessmentSources(JdbcTemplate jdbc, Organisation organisation) {
    this.jdbc = jdbc;
    this.organisation = organisation;
  }

  /** The round's taking-part units that are assessed, in the configuration's order, with their configuration. */
  List<Organisation.Unit> assessedUnits(String roundId) {
    Set<String> taking = new HashSet<>(jdbc.queryForList(
        "SELECT unit_code FROM kaohe_round_unit WHERE round_id = ?", String.class, roundId));
    return organisation.assessedUnits().stream().filter(u -> taking.contains(u.code())).toList();
  }

  record Review(String areaCode, String unitCode, String grade, BigDecimal score, String comment, String department) {}

  List<Review> reviews(String roundId) {
    return jdbc.query("SELECT area_code, unit_code, grade, score, review_comment, department FROM kaohe_review"
            + " WHERE round_id = ? ORDER BY area_code, unit_code",
        (rs, i) -> new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
            rs.getString(6)), roundId);
  }

  /** Area scores by unit, then area. */
  Map<String, Map<String, BigDecimal>> areaScores(String roundId) {
    Map<String, Map<String, BigDecimal>> scores = new HashMap<>();
    for (Review review : reviews(roundId)) {
      scores.computeIfAbsent(review.unitCode(), u -> new HashMap<>()).put(review.areaCode(), review.score());
    }
    return scores;
  }

  /**
   * Whether each unit's first submitted version was late; a unit that never submitted is absent. Lateness is the
   * first version's: a package returned for completion and resubmitted after the deadline was not late.
   */
  Map<String, Boolean> firstSubmissionLate(String roundId) {
    Map<String, Boolean> late = new HashMap<>();
    jdbc.query("SELECT unit_code, late FROM kaohe_submission WHERE version = 1 AND round_id = ?",
        rs -> {
          late.put(rs.getString(1), rs.getBoolean(2));
        }, roundId);
    return late;
  }
}
