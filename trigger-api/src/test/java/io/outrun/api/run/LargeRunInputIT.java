package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A manual run's input within the API's limits (1 MB of body, 200,000 JSON tokens) can still make a
 * run request over Kafka's 1 MiB record limit (numbers are written back longer: {@code 1e9} becomes
 * {@code 1.0E9}): it is accepted with its input stored aside, never 503.
 */
class LargeRunInputIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void anInputThatGrowsPastKafkasLimitIsAcceptedAndTheQueuedRunHoldsAllOfIt() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("large input"));
    int count = 190_000;
    String body = "{\"input\":{\"n\":[" + "1e9,".repeat(count - 1) + "1e9]}}";
    assertThat(body.length()).isLessThan(1024 * 1024);

    String runId =
        (String)
            api.post()
                .uri("/api/workflows/{id}/runs", workflowId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("runId");

    ConsumerRecord<String, byte[]> record = record(workflowId, runId);
    assertThat(record.value().length).isLessThan(2048);
    RunRequested request = decode(record.value());
    assertThat(request.triggeredBy().payloadRef()).isNotNull();
    Map<?, ?> run =
        api.mutate()
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build()
            .get()
            .uri("/api/runs/{id}", runId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(run.get("status")).isEqualTo("queued");
    List<?> numbers =
        (List<?>) ((Map<?, ?>) ((Map<?, ?>) run.get("triggeredBy")).get("payload")).get("n");
    assertThat(numbers).hasSize(count).allMatch(n -> ((Number) n).doubleValue() == 1e9);
  }

  @Test
  void anInputOverTheBodyLimitIsRefusedWith413() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("too large"));

    api.post()
        .uri("/api/workflows/{id}/runs", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("input", Map.of("text", "x".repeat(2 * 1024 * 1024))))
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private static ConsumerRecord<String, byte[]> record(String workflowId, String runId) {
    return new RawKafka(TestInfra.shared().kafkaBootstrapServers())
        .readAll(Topics.RUN_REQUESTS, workflowId).stream()
            .filter(record -> decode(record.value()).runId().equals(runId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no run request for " + runId));
  }

  private static RunRequested decode(byte[] json) {
    return (RunRequested) ((EventCodec.Decoded.Readable) new EventCodec().decode(json)).event();
  }
}
