package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpressionGuardFilterTest {

  private final ExpressionGuardFilter filter = new ExpressionGuardFilter();

  @Test
  void findsExpressionParametersInRawQueryStrings() {
    assertThat(ExpressionGuardFilter.expressionParameter("assigneeExpression=%24%7Bx%7D")).contains("assigneeExpression");
    assertThat(ExpressionGuardFilter.expressionParameter("a=1&dueBeforeEXPRESSION=x")).contains("dueBeforeEXPRESSION");
    assertThat(ExpressionGuardFilter.expressionParameter("candidate%47roupExpression=x")).contains("candidateGroupExpression");
    assertThat(ExpressionGuardFilter.expressionParameter("assignee=demo&sortBy=created")).isEmpty();
    assertThat(ExpressionGuardFilter.expressionParameter(null)).isEmpty();
  }

  @Test
  void findsExpressionKeysAtAnyDepth() throws IOException {
    assertThat(filter.expressionKey(json("{\"assigneeExpression\":\"${x}\"}"))).contains("assigneeExpression");
    assertThat(filter.expressionKey(json("{\"orQueries\":[{\"a\":1},{\"candidateUserExpression\":\"${x}\"}]}")))
        .contains("candidateUserExpression");
    assertThat(filter.expressionKey(json("{\"query\":{\"orQueries\":[{\"dueAfterExpression\":\"x\"}]}"))).isPresent();
  }

  @Test
  void leavesExpressionLikeTextInValuesAlone() throws IOException {
    // A summary may well contain "${...}" as text; only keys that Camunda would evaluate matter.
    assertThat(filter.expressionKey(json("{\"variables\":{\"summary\":{\"value\":\"${1+1} assigneeExpression\"}}}")))
        .isEmpty();
    assertThat(filter.expressionKey(new byte[0])).isEmpty();
  }

  @Test
  void variableNamesInVariableMapsAreNotQueries() throws IOException {
    assertThat(filter.expressionKey(json("{\"variables\":{\"reviewExpression\":{\"value\":\"好\"}}}"))).isEmpty();
    assertThat(filter.expressionKey(json("{\"variables\":{\"a\":{\"value\":1}},\"dueDateExpression\":\"x\"}")))
        .contains("dueDateExpression");
    // In a query, processVariables is a list of conditions and stays inspected.
    assertThat(filter.expressionKey(json("{\"processVariables\":[{\"name\":\"a\",\"assigneeExpression\":\"x\"}]}")))
        .contains("assigneeExpression");
  }

  @Test
  void malformedJsonIsAnError() {
    assertThatThrownBy(() -> filter.expressionKey(json("{\"a\": [1, 2"))).isInstanceOf(IOException.class);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
