package org.kaohe.organisation;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken organisation file into one readable start-up failure instead of a stack trace. */
public class OrganisationFailureAnalyzer extends AbstractFailureAnalyzer<OrganisationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, OrganisationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "改正 " + cause.file() + " 中列出的字段后重新启动（见 docs/organisation-configuration.md）。"
            + " Correct the fields listed above and start again.",
        cause);
  }
}
