package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineRequestGuardFilterTest {

  private final EngineRequestGuardFilter filter = new EngineRequestGuardFilter();

  @Test
  void findsExpressionParametersInRawQueryStrings() {
    assertThat(EngineRequestGuardFilter.expressionParameter("assigneeExpression=%24%7Bx%7D")).contains("assigneeExpression");
    assertThat(EngineRequestGuardFilter.expressionParameter("a=1&dueBeforeEXPRESSION=x")).contains("dueBeforeEXPRESSION");
    assertThat(EngineRequestGuardFilter.expressionParameter("candidate%47roupExpression=x")).contains("candidateGroupExpression");
    assertThat(EngineRequestGuardFilter.expressionParameter("assignee=demo&sortBy=created")).isEmpty();
    assertThat(EngineRequestGuardFilter.expressionParameter(null)).isEmpty();
  }

  @Test
  void findsExpressionKeysAtAnyDepth() throws IOException {
    assertThat(filter.problem(json("{\"assigneeExpression\":\"${x}\"}")))
        .hasValueSatisfying(m -> assertThat(m).contains("assigneeExpression"));
    assertThat(filter.problem(json("{\"orQueries\":[{\"a\":1},{\"candidateUserExpression\":\"${x}\"}]}")))
        .hasValueSatisfying(m -> assertThat(m).contains("candidateUserExpression"));
    assertThat(filter.problem(json("{\"query\":{\"orQueries\":[{\"dueAfterExpression\":\"x\"}]}"))).isPresent();
  }

  @Test
  void leavesExpressionLikeTextInValuesAlone() throws IOException {
    // A summary may well contain "${...}" as text; only keys that Camunda would evaluate matter.
    assertThat(filter.problem(json("{\"variables\":{\"summary\":{\"value\":\"${1+1} assigneeExpression\"}}}")))
        .isEmpty();
    assertThat(filter.problem(new byte[0])).isEmpty();
  }

  @Test
  void variableNamesInVariableMapsAreNotQueries() throws IOException {
    assertThat(filter.problem(json("{\"variables\":{\"reviewExpression\":{\"value\":\"好\"}}}"))).isEmpty();
    assertThat(filter.problem(json("{\"variables\":{\"a\":{\"value\":1}},\"dueDateExpression\":\"x\"}")))
        .hasValueSatisfying(m -> assertThat(m).contains("dueDateExpression"));
    // In a query, processVariables is a list of conditions and stays inspected.
    assertThat(filter.problem(json("{\"processVariables\":[{\"name\":\"a\",\"assigneeExpression\":\"x\"}]}")))
        .hasValueSatisfying(m -> assertThat(m).contains("assigneeExpression"));
  }

  @Test
  void javaSerializedVariablesAreRefusedAlsoInsideVariableMaps() throws IOException {
    assertThat(filter.problem(json("{\"variables\":{\"x\":{\"value\":\"rO0=\",\"type\":\"Object\",\"valueInfo\":"
        + "{\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}")))
        .hasValueSatisfying(m -> assertThat(m).contains("Java 序列化"));
    assertThat(filter.problem(json("{\"variables\":{\"x\":{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":"
        + "{\"serializationDataFormat\":\"application/json\"}}}}"))).isEmpty();
  }

  @Test
  void aJsonVariableThatIsNotJsonIsNamed() throws IOException {
    assertThat(filter.problem(json("{\"variables\":{\"submissionPackage\":{\"value\":\"not json\",\"type\":\"Json\"}}}")))
        .hasValueSatisfying(m -> assertThat(m).contains("submissionPackage").contains("不是有效的 JSON"));
    assertThat(filter.problem(json("{\"variables\":{\"p\":{\"value\":\"{\\\"a\\\":1}\",\"type\":\"Json\"}}}"))).isEmpty();
    assertThat(filter.problem(json("{\"modifications\":{\"p\":{\"value\":\"[1,\",\"type\":\"json\"}}}"))).isPresent();
  }

  @Test
  void malformedJsonIsAnError() {
    assertThatThrownBy(() -> filter.problem(json("{\"a\": [1, 2"))).isInstanceOf(IOException.class);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
