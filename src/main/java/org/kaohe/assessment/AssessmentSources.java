package org.kaohe.assessment;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kaohe.organisation.Organisation;
import org.kaohe.review.Reviews;
import org.kaohe.round.Rounds;
import org.kaohe.submission.Submissions;
import org.springframework.stereotype.Component;

/**
 * What the assessment reads from the records other features write — the round's units, the lead departments'
 * reviews, the first submitted version of each package — through those features' own repositories, shaped as
 * aggregation and the letters need it.
 */
@Component
class AssessmentSources {

  private final Rounds rounds;
  private final Reviews reviews;
  private final Submissions submissions;
  private final Organisation organisation;

  AssessmentSources(Rounds rounds, Reviews reviews, Submissions submissions, Organisation organisation) {
    this.rounds = rounds;
    this.reviews = reviews;
    this.submissions = submissions;
    this.organisation = organisation;
  }

  /** The round's taking-part units that are assessed, in the configuration's order, with their configuration. */
  List<Organisation.Unit> assessedUnits(String roundId) {
    Set<String> taking = rounds.units(roundId).stream().map(Rounds.RoundUnit::code).collect(Collectors.toSet());
    return organisation.assessedUnits().stream().filter(u -> taking.contains(u.code())).toList();
  }

  List<Reviews.Review> reviews(String roundId) {
    return reviews.ofRound(roundId);
  }

  /** Area scores by unit, then area. */
  Map<String, Map<String, BigDecimal>> areaScores(String roundId) {
    Map<String, Map<String, BigDecimal>> scores = new HashMap<>();
    for (Reviews.Review review : reviews(roundId)) {
      scores.computeIfAbsent(review.unitCode(), u -> new HashMap<>()).put(review.areaCode(), review.score());
    }
    return scores;
  }

  /**
   * Whether each unit's first submitted version was late; a unit that never submitted is absent. Lateness is the
   * first version's: a package returned for completion and resubmitted after the deadline was not late.
   */
  Map<String, Boolean> firstSubmissionLate(String roundId) {
    return submissions.firstLate(roundId);
  }
}
