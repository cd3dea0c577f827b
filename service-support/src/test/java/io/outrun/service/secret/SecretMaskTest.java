package io.outrun.service.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

  private final SecretMask mask = SecretMask.of(List.of("tok-123", "tok-123-long"));

  @Test
  void inputKeepsTemplatesThatNameSecretsAndResolvedValuesOtherwise() {
    Map<String, Object> written =
        Map.of(
            "url", "https://api.example.org/{{ $trigger.id }}?key={{ $secrets.KEY }}",
            "headers", Map.of("X-Trace", "{{ $trigger.trace }}"),
            "body", Map.of("items", List.of("{{ $secrets.A }}", "plain")));
    Map<String, Object> resolved =
        Map.of(
            "url", "https://api.example.org/7?key=tok-123",
            "headers", Map.of("X-Trace", "t-1"),
            "body", Map.of("items", List.of("tok-123", "plain")));

    Map<String, Object> input = mask.input(written, resolved);

    assertThat(input.get("url"))
        .isEqualTo("https://api.example.org/{{ $trigger.id }}?key={{ $secrets.KEY }}");
    assertThat(input.get("headers")).isEqualTo(Map.of("X-Trace", "t-1"));
    assertThat(input.get("body")).isEqualTo(Map.of("items", List.of("{{ $secrets.A }}", "plain")));
  }

  @Test
  void sensitiveHeadersAreMaskedUnlessWrittenAsATemplate() {
    Map<String, Object> written =
        Map.of(
            "headers",
            Map.of(
                "Authorization", "Bearer {{ $secrets.T }}",
                "cookie", "session=abc",
                "X-API-Key", "{{ $trigger.key }}"));
    Map<String, Object> resolved =
        Map.of(
            "headers",
            Map.of("Authorization", "Bearer tok-123", "cookie", "session=abc", "X-API-Key", "k"));

    Map<String, Object> input = mask.input(written, resolved);

    assertThat(input.get("headers"))
        .isEqualTo(
            Map.of(
                "Authorization", "Bearer {{ $secrets.T }}",
                "cookie", "***",
                "X-API-Key", "***"));
  }

  @Test
  void secretValuesAreMaskedAnywhereInOutputLongestFirst() {
    Object output =
        mask.output(
            Map.of(
                "status", 200,
                "headers", Map.of("Set-Cookie", List.of("a=1"), "X-Echo", "tok-123"),
                "body", Map.of("echo", "got tok-123-long and tok-123", "tok-123", 1)));

    assertThat(output)
        .isEqualTo(
            Map.of(
                "status", 200,
                "headers", Map.of("Set-Cookie", List.of("***"), "X-Echo", "***"),
                "body", Map.of("echo", "got *** and ***", "***", 1)));
    assertThat(mask.text("HTTP 401 from https://x/?k=tok-123"))
        .isEqualTo("HTTP 401 from https://x/?k=***");
  }

  @Test
  void withoutSecretsOnlySensitiveHeadersChange() {
    Map<String, Object> resolved =
        Map.of("headers", Map.of("Proxy-Authorization", "Basic x"), "n", 1);

    assertThat(SecretMask.NONE.input(resolved, resolved))
        .isEqualTo(Map.of("headers", Map.of("Proxy-Authorization", "***"), "n", 1));
    assertThat(SecretMask.NONE.text("tok-123")).isEqualTo("tok-123");
  }
}
