package io.outrun.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.input.DefinitionJson.DollarKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionJsonTest {

  @Test
  void operatorsAndDotsAreAllowedWhereDollarKeysAre() {
    Map<String, Object> query = Map.of("a.b", Map.of("$in", List.of(1, 2)), "$or", List.of());

    assertThat(problems(query, DollarKeys.ALLOWED)).isEmpty();
  }

  @Test
  void dollarKeysAreRefusedWhereTheyAreNot() {
    assertThat(problems(Map.of("retry", Map.of("$max", 3)), DollarKeys.REFUSED))
        .containsExactly(new FieldProblem("x.retry.$max", "a key may not start with '$' here"));
  }

  @Test
  void nulAndEmptyKeysAreRefusedEverywhereAlsoInsideLists() {
    Map<String, Object> json = Map.of("list", List.of(Map.of("", 1), Map.of("a\0", 2)));

    assertThat(problems(json, DollarKeys.ALLOWED))
        .extracting(FieldProblem::field)
        .containsExactly("x.list[0].", "x.list[1].a\0");
  }

  @Test
  void numbersTooLargeForADoubleAreRefused() {
    assertThat(problems(Map.of("n", Double.POSITIVE_INFINITY), DollarKeys.ALLOWED))
        .containsExactly(new FieldProblem("x.n", "is a number out of range"));
  }

  @Test
  void atMostFiftyProblemsAreReported() {
    Map<String, Object> json = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      json.put("\0" + i, 1);
    }

    assertThat(problems(json, DollarKeys.ALLOWED)).hasSize(DefinitionJson.MAX_PROBLEMS);
  }

  private static List<FieldProblem> problems(Object json, DollarKeys dollarKeys) {
    List<FieldProblem> problems = new ArrayList<>();
    DefinitionJson.check("x", json, dollarKeys, problems);
    return problems;
  }
}
