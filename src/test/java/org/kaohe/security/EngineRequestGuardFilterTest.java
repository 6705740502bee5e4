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
    assertThat(filter.problem(json("{\"query\":{\"orQueries\":[{\"dueAfterExpression\":\"x\"}]}}"))).isPresent();
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
        + "{\"serializationDataFormat\":\"application/json\",\"objectTypeName\":\"org.kaohe.round.Notice\"}}}}")))
        .isEmpty();
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

  @Test
  void markersInAnyQueryParameterNameOrValueAreRefused() {
    assertThat(EngineRequestGuardFilter.expressionParameter("assignee=%24%7BidentityService.createUser('x')%7D"))
        .contains("assignee");
    assertThat(EngineRequestGuardFilter.expressionParameter("a=1&nameLike=%23%7B1%2B1%7D")).contains("nameLike");
    assertThat(EngineRequestGuardFilter.expressionParameter("dueAfter=$+{x}")).contains("dueAfter");
    assertThat(EngineRequestGuardFilter.expressionParameter("%24%7Bx%7D=1")).contains("${x}");
    assertThat(EngineRequestGuardFilter.expressionParameter("nameLike=%25%24%25&priority=%7B5%7D")).isEmpty();
  }

  @Test
  void markersInAnyValueOfAQueryOrCommandBodyAreRefusedAtAnyDepth() throws IOException {
    assertThat(filter.problem(json("{\"assignee\":\"${execution.setVariable('pwned',1)}\"}")))
        .hasValueSatisfying(m -> assertThat(m).contains("不允许使用表达式").contains("assignee"));
    assertThat(filter.problem(json("{\"orQueries\":[{\"candidateGroups\":[\"office\",\"#{x}\"]}]}")))
        .hasValueSatisfying(m -> assertThat(m).contains("candidateGroups"));
    assertThat(filter.problem(json("{\"processVariables\":[{\"name\":\"a\",\"operator\":\"eq\",\"value\":\"${x}\"}]}")))
        .as("a query's variable conditions are query fields").isPresent();
    assertThat(filter.problem(json("{\"resourceType\":\"Task\",\"name\":\"x\",\"properties\":{\"description\":\"${x}\"}}")))
        .isPresent();
    assertThat(filter.problem(json("{\"messageName\":\"m\",\"businessKey\":\"${x}\"}"))).isPresent();
    assertThat(filter.problem(json("{\"processInstanceQuery\":{\"businessKeyLike\":\"${x}\"}}"))).isPresent();
  }

  @Test
  void markersInVariableValuesAndFreeTextAreData() throws IOException {
    assertThat(filter.problem(json("{\"variables\":{\"summary\":{\"value\":\"${identityService.createUser('x')}\","
        + "\"type\":\"String\"}},\"businessKey\":\"guangzhou\"}"))).isEmpty();
    assertThat(filter.problem(json("{\"value\":\"#{x}\",\"type\":\"String\"}"), true)).isEmpty();
    assertThat(filter.problem(json("{\"message\":\"${x}\"}"), true)).isEmpty();
    assertThat(filter.problem(json("{\"message\":\"${x}\"}"), false)).isPresent();
  }

  @Test
  void objectVariablesMustBeKaohesOwnTypesInJson() throws IOException {
    for (String type : new String[] {"java.lang.ProcessBuilder", "java.util.HashMap", "", "org.kaohe.X<java.lang.Runtime>"}) {
      assertThat(filter.problem(json("{\"variables\":{\"x\":{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":"
          + "{\"serializationDataFormat\":\"application/json\",\"objectTypeName\":\"" + type + "\"}}}}")))
          .as(type).hasValueSatisfying(m -> assertThat(m).contains("不接受变量 x 的对象类型"));
    }
    assertThat(filter.problem(json("{\"modifications\":{\"x\":{\"value\":\"<a/>\",\"type\":\"object\",\"valueInfo\":"
        + "{\"serializationDataFormat\":\"application/xml\",\"objectTypeName\":\"org.kaohe.round.Notice\"}}}}")))
        .isPresent();
    assertThat(filter.problem(json("{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":"
        + "{\"serializationDataFormat\":\"application/json\",\"objectTypeName\":\"java.lang.Runtime\"}}"), true))
        .as("PUT of one variable").isPresent();
    assertThat(filter.problem(json("{\"variables\":{\"x\":{\"value\":\"<a/>\",\"type\":\"Xml\"}}}"))).isPresent();
    assertThat(filter.problem(json("{\"variables\":{\"x\":{\"value\":{\"a\":1}}}}")))
        .as("an untyped map would become a serialized java.util map").isPresent();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
