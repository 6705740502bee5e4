package org.kaohe.review;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The indicator-evaluation records: each lead department's score of each assessed unit in its area
 * ({@code kaohe_review}) and the cooperating departments' opinions ({@code kaohe_review_opinion}). Aggregation
 * reads these, not the area-review instances, which are gone once an area is reviewed.
 */
@Repository
public class Reviews {

  private static final RowMapper<Review> REVIEW = (rs, i) -> new Review(rs.getString("round_id"),
      rs.getString("area_code"), rs.getString("unit_code"), rs.getString("grade"), rs.getBigDecimal("score"),
      rs.getString("review_comment"), rs.getString("department"), rs.getString("reviewed_by"),
      rs.getObject("reviewed_at", OffsetDateTime.class));

  private static final RowMapper<Opinion> OPINION = (rs, i) -> new Opinion(rs.getString("round_id"),
      rs.getString("area_code"), rs.getString("unit_code"), rs.getString("department"), rs.getString("opinion"),
      rs.getString("given_by"), rs.getObject("given_at", OffsetDateTime.class));

  private final JdbcTemplate jdbc;

  public Reviews(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The area's scores, replacing any earlier ones of the same area: a retried or repeated recording leaves one
   * row per unit, as the primary key requires.
   */
  void replaceArea(String roundId, String areaCode, List<Review> reviews) {
    jdbc.update("DELETE FROM kaohe_review WHERE round_id = ? AND area_code = ?", roundId, areaCode);
    jdbc.batchUpdate("INSERT INTO kaohe_review (round_id, area_code, unit_code, grade, score, review_comment,"
            + " department, reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reviews, 500, (ps, review) -> {
          ps.setString(1, roundId);
          ps.setString(2, areaCode);
          ps.setString(3, review.unitCode());
          ps.setString(4, review.grade());
          ps.setBigDecimal(5, review.score());
          ps.setString(6, review.comment());
          ps.setString(7, review.department());
          ps.setString(8, review.reviewedBy());
          ps.setObject(9, review.reviewedAt());
        });
  }

  /** One department's opinions on the area's units, replacing its earlier ones; empty opinions are not kept. */
  void replaceOpinions(String roundId, String areaCode, String department, List<Opinion> opinions) {
    jdbc.update("DELETE FROM kaohe_review_opinion WHERE round_id = ? AND area_code = ? AND department = ?",
        roundId, areaCode, department);
    jdbc.batchUpdate("INSERT INTO kaohe_review_opinion (round_id, area_code, unit_code, department, opinion, given_by,"
            + " given_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        opinions, 500, (ps, opinion) -> {
          ps.setString(1, roundId);
          ps.setString(2, areaCode);
          ps.setString(3, opinion.unitCode());
          ps.setString(4, department);
          ps.setString(5, opinion.opinion());
          ps.setString(6, opinion.givenBy());
          ps.setObject(7, opinion.givenAt());
        });
  }

  /** Every score of the round, by area and unit. */
  public List<Review> ofRound(String roundId) {
    return jdbc.query("SELECT * FROM kaohe_review WHERE round_id = ? ORDER BY area_code, unit_code", REVIEW, roundId);
  }

  /** Every opinion of the round, by area, unit and department. */
  public List<Opinion> opinionsOfRound(String roundId) {
    return jdbc.query("SELECT * FROM kaohe_review_opinion WHERE round_id = ? ORDER BY area_code, unit_code, department",
        OPINION, roundId);
  }

  /** A lead department's score of a unit in its area; {@code department} is the lead department's code. */
  public record Review(String roundId, String areaCode, String unitCode, String grade, BigDecimal score,
      String comment, String department, String reviewedBy, OffsetDateTime reviewedAt) {}

  /** A cooperating department's opinion on a unit in an area. */
  public record Opinion(String roundId, String areaCode, String unitCode, String department, String opinion,
      String givenBy, OffsetDateTime givenAt) {}
}
