package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadsTest {

  private final WebhookPayloads payloads = new WebhookPayloads(JsonMapper.builder().build());

  @Test
  void payloadHasMethodPathHeadersQueryAndParsedJsonBody() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/json");
    MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    query.add("a", "1");

    Map<String, Object> payload = payloads.payload(call(headers, query), bytes("{\"x\":[1,2]}"));

    assertThat(payload)
        .containsEntry("method", "POST")
        .containsEntry("path", "/api/webhooks/t-1")
        .containsEntry("headers", Map.of("content-type", "application/json"))
        .containsEntry("query", Map.of("a", "1"))
        .containsEntry("body", Map.of("x", List.of(1, 2)));
  }

  @Test
  void headerNamesAreLowerCaseAndCredentialsAndSignaturesAreLeftOut() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Authorization", "Bearer s");
    headers.set("Proxy-Authorization", "Basic s");
    headers.set("Cookie", "a=s");
    headers.set("X-API-Key", "s");
    headers.set("X-Signature", "sha256=s");
    headers.set("X-Hub-Signature-256", "sha256=s");
    headers.set("Stripe-Signature", "t=1,v1=s");
    headers.set("webhook-signature", "v1,s");
    headers.set("X-GitHub-Event", "push");
    headers.add("Accept", "text/plain");
    headers.add("Accept", "application/json");

    assertThat(WebhookPayloads.headers(headers))
        .isEqualTo(Map.of("x-github-event", "push", "accept", "text/plain, application/json"));
  }

  @Test
  void repeatedQueryParameterBecomesAList() {
    MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    query.add("tag", "a");
    query.add("tag", "b");
    query.add("one", "x");

    assertThat(WebhookPayloads.query(query))
        .isEqualTo(Map.of("tag", List.of("a", "b"), "one", "x"));
  }

  @Test
  void invalidJsonIsPassedAsTheRawString() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/json");

    assertThat(payloads.body(headers, bytes("{oops"))).isEqualTo("{oops");
  }

  @Test
  void vendorJsonTypesAreParsed() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/vnd.github+json; charset=utf-8");

    assertThat(payloads.body(headers, bytes("{\"ok\":true}"))).isEqualTo(Map.of("ok", true));
  }

  @Test
  void nonJsonBodyIsPassedAsAString() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/x-www-form-urlencoded");

    assertThat(payloads.body(headers, bytes("{\"looks\":\"json\"}")))
        .isEqualTo("{\"looks\":\"json\"}");
  }

  @Test
  void emptyBodyIsAbsent() {
    assertThat(payloads.payload(call(new HttpHeaders(), new LinkedMultiValueMap<>()), new byte[0]))
        .doesNotContainKey("body");
  }

  @Test
  void deliveryIdComesFromTheFirstDeliveryHeaderPresent() {
    HttpHeaders headers = new HttpHeaders();
    assertThat(WebhookPayloads.deliveryId(headers)).isEmpty();

    headers.set("Idempotency-Key", "key-1");
    assertThat(WebhookPayloads.deliveryId(headers)).contains("key-1");

    headers.set("X-GitHub-Delivery", "gh-1");
    assertThat(WebhookPayloads.deliveryId(headers)).contains("gh-1");

    headers.set("webhook-id", "msg_1");
    assertThat(WebhookPayloads.deliveryId(headers)).contains("msg_1");
  }

  private static WebhookCall call(HttpHeaders headers, MultiValueMap<String, String> query) {
    return new WebhookCall("t-1", "POST", "/api/webhooks/t-1", headers, query);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
