package org.kaohe.assessment;

import java.math.BigDecimal;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision table {@code processes/assessment-grade.dmn} (综合考核等次), evaluated as the aggregation does:
 * through the engine's DecisionService, latest version, input {@code total}, output {@code grade}.
 */
@Deployment(resources = "processes/assessment-grade.dmn")
class AssessmentGradeDecisionTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .build();

  private static final String KEY = "assessment-grade";

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "0, poor",
      "59.99, poor",
      "60, average",
      "60.01, average",
      "79.99, average",
      "80, fairly-good",
      "89.99, fairly-good",
      "90, good",
      "100, good",
      "102.5, good",   // bonus points may lift a total above 100
      "-2, poor"       // a late deduction on an empty total
  })
  void theTotalGivesTheGrade(double total, String grade) {
    Assertions.assertThat(grade(total)).isEqualTo(grade);
  }

  @Test
  void theAggregationsBigDecimalTotalsAndIntegersAreAccepted() {
    Assertions.assertThat(grade(new BigDecimal("89.99"))).isEqualTo("fairly-good");
    Assertions.assertThat(grade(new BigDecimal("90.00"))).isEqualTo("good");
    Assertions.assertThat(grade(80)).isEqualTo("fairly-good");
    Assertions.assertThat(grade(59L)).isEqualTo("poor");
  }

  @Test
  void theTableIsUniqueAndNamedAndItsRulesCarryTheChineseGradeNames() {
    DecisionDefinition definition = repositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(KEY)
        .singleResult();
    Assertions.assertThat(definition.getName()).isEqualTo("综合考核等次");
    Assertions.assertThat(definition.getHistoryTimeToLive()).isNotNull();

    DmnModelInstance model = repositoryService().getDmnModelInstance(definition.getId());
    DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
    Assertions.assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    Assertions.assertThat(table.getInputs()).singleElement()
        .satisfies(input -> {
          Assertions.assertThat(input.getInputExpression().getTypeRef()).isEqualTo("double");
          Assertions.assertThat(input.getInputExpression().getText().getTextContent()).isEqualTo("total");
        });
    Assertions.assertThat(table.getOutputs()).singleElement()
        .satisfies(output -> {
          Assertions.assertThat(output.getName()).isEqualTo("grade");
          Assertions.assertThat(output.getTypeRef()).isEqualTo("string");
        });
    Assertions.assertThat(table.getRules()).extracting(
            rule -> rule.getOutputEntries().iterator().next().getText().getTextContent() + "=" + description(rule))
        .containsExactly("\"good\"=好", "\"fairly-good\"=较好", "\"average\"=一般", "\"poor\"=差");
    // The file is a valid DMN model with diagram information for Camunda Modeler.
    Assertions.assertThat(Dmn.convertToString(model)).contains("DMNShape");
  }

  @Test
  void aMissingTotalMatchesNoRule() {
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put("total", null);
    DmnDecisionResult result = decisionService().evaluateDecisionByKey(KEY).variables(variables).evaluate();
    Assertions.assertThat(result).isEmpty();
  }

  private static String description(Rule rule) {
    return rule.getDescription() == null ? null : rule.getDescription().getTextContent();
  }

  private String grade(Object total) {
    DmnDecisionResult result = decisionService().evaluateDecisionByKey(KEY).variables(Map.of("total", total)).evaluate();
    return result.getSingleResult().getSingleEntry();
  }

  private DecisionService decisionService() {
    return engine.getDecisionService();
  }

  private RepositoryService repositoryService() {
    return engine.getRepositoryService();
  }
}
