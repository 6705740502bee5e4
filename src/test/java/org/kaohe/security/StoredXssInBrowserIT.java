package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Stored XSS, fast: every free-text field and file name gets a payload, every payload of the corpus is used at
 * least once (rotated over the fields on a few reloads of the approval form), every view is visited by someone
 * other than the writer. 0 executions expected. The full matrix is StoredXssLongIT.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class StoredXssInBrowserIT extends StoredXssScenario {

  private static final String TEST = StoredXssInBrowserIT.class.getSimpleName();

  @Test
  void payloadsWrittenByACityNeverRunForItsLeaderTheOfficeOrASupervisor() throws Exception {
    long start = System.currentTimeMillis();
    String approve = cityWritesPayloads();
    String urge = officeUrges(approve);
    int fieldsPerLoad = fields.size();

    try (XssBrowser leader = new XssBrowser(port, TEST, "leader")) {
      leaderViews(leader, approve, payloads.get(0), urge);
      // Further rotations until the whole corpus went through the form once.
      for (int k = fieldsPerLoad; used.size() < payloads.size(); k += fieldsPerLoad) {
        String first = rotate(approve, k);
        leaderReloads(leader, approve, first);
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
    assertThat(used).as("every payload used").hasSize(payloads.size());
    assertThat(payloads).hasSizeGreaterThanOrEqualTo(50);
    assertThat(executions).as("payloads executed").isEmpty();
  }
}
