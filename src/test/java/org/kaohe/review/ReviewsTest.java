package org.kaohe.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link Reviews} on Kaohe's migrations, H2 in memory: what aggregation reads back is what was recorded. */
class ReviewsTest {

  private static final OffsetDateTime AT = OffsetDateTime.parse("2017-12-25T16:30:00+08:00");

  private JdbcTemplate jdbc;
  private Reviews reviews;

  @BeforeEach
  void database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:reviews-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("kaohe_schema_history")
        .load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    jdbc.update("INSERT INTO kaohe_round (round_id, organisation, round_year, title, notice_json, submission_deadline,"
        + " unit_count, published_at) VALUES ('r1', 'guangdong', 2017, 't', '{}', DATE '2017-12-31', 2, ?)", AT);
    reviews = new Reviews(jdbc);
  }

  @Test
  void anAreasScoresAreRecordedOnceAndReadBackByRound() {
    reviews.replaceArea("r1", "thought-guidance", List.of(
        review("guangzhou", "good", "92.5"), review("shenzhen", "average", "70")));
    // Recorded again (a retried job): still one row per unit, the latest values.
    reviews.replaceArea("r1", "thought-guidance", List.of(
        review("guangzhou", "good", "93"), review("shenzhen", "average", "70")));
    reviews.replaceArea("r1", "online-league", List.of(review("guangzhou", "fairly-good", "85.5")));

    List<Reviews.Review> read = reviews.ofRound("r1");
    assertThat(read).extracting(Reviews.Review::areaCode, Reviews.Review::unitCode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("online-league", "guangzhou"),
            org.assertj.core.groups.Tuple.tuple("thought-guidance", "guangzhou"),
            org.assertj.core.groups.Tuple.tuple("thought-guidance", "shenzhen"));
    Reviews.Review guangzhou = read.get(1);
    assertThat(guangzhou.score()).isEqualByComparingTo("93");
    assertThat(guangzhou.grade()).isEqualTo("good");
    assertThat(guangzhou.comment()).isEqualTo("评语 guangzhou");
    assertThat(guangzhou.department()).isEqualTo("publicity");
    assertThat(guangzhou.reviewedBy()).isEqualTo("publicity-staff");
    assertThat(guangzhou.reviewedAt()).isEqualTo(AT.toInstant().atOffset(guangzhou.reviewedAt().getOffset()));
    assertThat(reviews.ofRound("other")).isEmpty();
  }

  @Test
  void aDepartmentsOpinionsReplaceItsEarlierOnesAndLeaveOtherDepartmentsAlone() {
    reviews.replaceOpinions("r1", "thought-guidance", "school", List.of(opinion("guangzhou", "school", "配合好")));
    reviews.replaceOpinions("r1", "thought-guidance", "organisation",
        List.of(opinion("guangzhou", "organisation", "一般"), opinion("shenzhen", "organisation", "较好")));
    reviews.replaceOpinions("r1", "thought-guidance", "organisation", List.of(opinion("shenzhen", "organisation", "好")));

    assertThat(reviews.opinionsOfRound("r1"))
        .extracting(Reviews.Opinion::unitCode, Reviews.Opinion::department, Reviews.Opinion::opinion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("guangzhou", "school", "配合好"),
            org.assertj.core.groups.Tuple.tuple("shenzhen", "organisation", "好"));
    assertThat(reviews.opinionsOfRound("r1").get(0).givenBy()).isEqualTo("school-staff");
  }

  private static Reviews.Review review(String unit, String grade, String score) {
    return new Reviews.Review("r1", "ignored", unit, grade, new BigDecimal(score), "评语 " + unit, "publicity",
        "publicity-staff", AT);
  }

  private static Reviews.Opinion opinion(String unit, String department, String text) {
    return new Reviews.Opinion("r1", "ignored", unit, department, text, department + "-staff", AT);
  }
}
