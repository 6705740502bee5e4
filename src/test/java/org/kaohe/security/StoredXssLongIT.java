package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Stored XSS, the full matrix (profile -Plong): the package is rewritten once per payload, rotated so that every
 * payload lands in every free-text field of the package, and the leader's approval form reloaded each time;
 * then the office's, the history's and Cockpit's views as in the fast class. Bounded by {@link #BOUND}.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class StoredXssLongIT extends StoredXssScenario {

  private static final String TEST = StoredXssLongIT.class.getSimpleName();
  /** A few seconds per reload on 2 cores: the whole corpus (67 rotations) takes about 4 minutes. */
  static final Duration BOUND = Duration.ofMinutes(10);

  @Test
  void everyPayloadInEveryFieldNeverRuns() throws Exception {
    long start = System.currentTimeMillis();
    String approve = cityWritesPayloads();
    String urge = officeUrges(approve);
    int rotations = 0;
    try (XssBrowser leader = new XssBrowser(port, TEST, "leader")) {
      leaderViews(leader, approve, payloads.get(0), urge);
      // Rotation k puts payload (field + k) into each field: k over the whole corpus is every payload everywhere.
      for (int k = 1; k < payloads.size(); k++) {
        assertThat(Duration.ofMillis(System.currentTimeMillis() - start)).as("bound").isLessThan(BOUND);
        leaderReloads(leader, approve, rotate(approve, k));
        rotations++;
      }
      documentsAreAttachments(approve, "guangzhou-leader");
      pageLoads += leader.pageLoads;
    }
    String receive = leaderApproves(approve);
    try (XssBrowser office = new XssBrowser(port, TEST, "office")) {
      officeViews(office, receive, firstPlanted);
      pageLoads += office.pageLoads;
    }
    try (XssBrowser supervisor = new XssBrowser(port, TEST, "supervisor")) {
      supervisorViews(supervisor, approvalComment);
      pageLoads += supervisor.pageLoads;
    }
    contentSecurityPolicyIsInPlace();
    figures(TEST, System.currentTimeMillis() - start);
    System.out.println("[figures] stored XSS matrix: " + (rotations + 1) + " rotations x " + (fields.size() - 3)
        + " package fields = " + (rotations + 1) * (fields.size() - 3) + " payload placements in the approval form");
    assertThat(rotations + 1).isEqualTo(payloads.size());
    assertThat(executions).as("payloads executed").isEmpty();
  }
}
