package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OutputCapTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void smallOutputIsUntouched() {
    Map<String, Object> output = Map.of("status", 200, "body", "hi");

    assertThat(OutputCap.cap(output)).isSameAs(output);
  }

  @Test
  void largeHttpOutputKeepsStatusAndHeadersAndCutsTheBody() {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("status", 200);
    output.put("headers", Map.of("content-type", "text/plain"));
    output.put("body", "é\"x".repeat(200_000));

    Object capped = OutputCap.cap(output);

    assertThat(size(capped)).isLessThanOrEqualTo(OutputCap.MAX_BYTES);
    assertThat(capped)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("status", 200)
        .containsEntry("truncated", true)
        .containsEntry("headers", Map.of("content-type", "text/plain"));
    String body = (String) ((Map<?, ?>) capped).get("body");
    assertThat(body).isNotEmpty().startsWith("é\"x");
    assertThat(size(capped)).isGreaterThan(OutputCap.MAX_BYTES / 2);
  }

  @Test
  void largeParsedJsonBodyBecomesAPrefixOfItsText() {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("status", 200);
    output.put("body", List.of(Map.of("k", "v".repeat(300_000))));

    Map<?, ?> capped = (Map<?, ?>) OutputCap.cap(output);

    assertThat(capped.get("truncated")).isEqualTo(true);
    assertThat((String) capped.get("body")).startsWith("[{\"k\":\"vvv");
    assertThat(size(capped)).isLessThanOrEqualTo(OutputCap.MAX_BYTES);
  }

  @Test
  void otherLargeOutputBecomesAPreview() {
    Object capped = OutputCap.cap(List.of("a".repeat(300_000)), 1000);

    Map<?, ?> map = (Map<?, ?>) capped;
    assertThat(map.get("truncated")).isEqualTo(true);
    assertThat(map.get("originalBytes")).isEqualTo(300_004);
    assertThat((String) map.get("preview")).startsWith("[\"aaa");
    assertThat(size(capped)).isLessThanOrEqualTo(1000);
  }

  private static int size(Object value) {
    return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
  }
}
