package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  @Test
  void equalValuesHaveNoDifferences() {
    Map<String, Object> json = Map.of("a", List.of(1, Map.of("b", "c")), "d", true);
    assertThat(JsonPaths.differences(json, Map.copyOf(json))).isEmpty();
  }

  @Test
  void changedAddedAndRemovedKeysAreReportedAtTheirPointers() {
    Map<String, Object> before = Map.of("url", "https://a", "headers", Map.of("X-Key", "1"));
    Map<String, Object> after = Map.of("headers", Map.of("X-Key", "2", "X-New", "3"));
    assertThat(JsonPaths.differences(before, after))
        .containsExactlyInAnyOrder("/url", "/headers/X-Key", "/headers/X-New");
  }

  @Test
  void arraysAreComparedIndexByIndex() {
    assertThat(JsonPaths.differences(List.of(1, 2), List.of(1, 3, 4))).containsExactly("/1", "/2");
  }

  @Test
  void numbersCompareByValue() {
    assertThat(JsonPaths.differences(Map.of("n", 1), Map.of("n", 1.0))).isEmpty();
    assertThat(JsonPaths.differences(Map.of("n", 1L), Map.of("n", 2))).containsExactly("/n");
    assertThat(JsonPaths.differences(Double.NaN, Double.NaN)).isEmpty();
  }

  @Test
  void slashAndTildeInKeysAreEscapedAsRfc6901Says() {
    assertThat(JsonPaths.differences(Map.of("a/b~", 1), Map.of("a/b~", 2)))
        .containsExactly("/a~1b~0");
  }

  @Test
  void aNullValueDiffersFromAMissingKeyAndFromAnObject() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThat(JsonPaths.differences(Map.of(), withNull)).containsExactly("/k");
    assertThat(JsonPaths.differences(withNull, Map.of("k", Map.of()))).containsExactly("/k");
  }

  @Test
  void aChangedTypeIsReportedAtItsOwnPath() {
    assertThat(JsonPaths.differences(Map.of("k", List.of()), Map.of("k", "x")))
        .containsExactly("/k");
  }
}
