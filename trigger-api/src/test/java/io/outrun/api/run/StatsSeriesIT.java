package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import io.outrun.api.WorkflowBody;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/workflows/{id}/stats/series} over runs stored at known times. The service reads
 * the context's {@link Clock}; the runs are placed by the same clock, and buckets are matched by
 * their start, so an hour that turns during the test moves nothing out of the window.
 */
class StatsSeriesIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Autowired Clock clock;

  @Test
  void runsAreCountedByOutcomeInTheHourTheyWereQueued() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("series"));
    Instant hour = SeriesWindow.DAY.start(clock.instant()).plus(Duration.ofHours(20));
    insertRun(run(workflowId, hour.plusSeconds(60), "completed", 100, 40, 0.5));
    insertRun(run(workflowId, hour.plusSeconds(120), "completed", 300, 10, 0.25));
    insertRun(run(workflowId, hour.plusSeconds(180), "failed", 200, 0, 0));
    insertRun(run(workflowId, hour.minusSeconds(1), "cancelled", 5, 0, 0));
    insertRun(run(workflowId, hour.plusSeconds(240), "completed", 999, 7, 7).test());
    insertRun(run(workflowId, hour.plusSeconds(300), "running", 0, 0, 0));
    insertRun(run(workflowId, hour.minus(Duration.ofDays(2)), "completed", 1, 1, 1));
    insertRun(run("another-workflow", hour.plusSeconds(60), "completed", 1, 1, 1));

    Map<String, Object> series = ApiClient.body(api.statsSeries(workflowId, "?window=day"));

    assertThat(series)
        .containsEntry("workflowId", workflowId)
        .containsEntry("window", "day")
        .containsEntry("bucketSeconds", 3600);
    assertThat(buckets(series)).hasSize(24);
    assertThat(bucket(series, hour))
        .containsEntry("completed", 2)
        .containsEntry("failed", 1)
        .containsEntry("cancelled", 0)
        .containsEntry("durationP50Ms", 200)
        .containsEntry("durationP95Ms", 300)
        .containsEntry("aiTokens", 50)
        .containsEntry("aiCost", 0.75);
    assertThat(bucket(series, hour.minus(Duration.ofHours(1))))
        .containsEntry("cancelled", 1)
        .containsEntry("completed", 0);
    assertThat(buckets(series).stream().mapToInt(b -> (Integer) b.get("completed")).sum())
        .isEqualTo(2);
  }

  @Test
  void weekHasTwentyEightSixHourBucketsOldestFirst() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("weekly"));

    Map<String, Object> series = ApiClient.body(api.statsSeries(workflowId, "?window=week"));

    assertThat(series).containsEntry("bucketSeconds", 21600);
    List<Map<String, Object>> buckets = buckets(series);
    assertThat(buckets).hasSize(28);
    assertThat(Instant.parse((String) buckets.getFirst().get("start")))
        .isBefore(Instant.parse((String) buckets.getLast().get("start")));
    assertThat(buckets.getLast())
        .containsEntry("completed", 0)
        .containsEntry("durationP50Ms", null)
        .containsEntry("aiCost", 0.0);
  }

  @Test
  void workflowOfAnotherWorkspaceIsNotFound() {
    String workflowId =
        apiAs("u1", "ws-other-" + UUID.randomUUID()).createWorkflow(WorkflowBody.named("theirs"));

    apiAs("u1", workspace)
        .statsSeries(workflowId, "?window=day")
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType("application/problem+json");
  }

  @Test
  void unknownWindowIsABadRequestNamingIt() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("bad window"));

    api.statsSeries(workflowId, "?window=month")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("window");
  }

  private RunDocument run(
      String workflowId,
      Instant queuedAt,
      String status,
      long durationMs,
      long tokens,
      double cost) {
    RunDocument run =
        RunDocument.of(workspace, workflowId).queuedAt(queuedAt).status(status).took(durationMs);
    run.build()
        .append(
            "usage",
            new Document("aiTokensUsed", tokens)
                .append("estimatedCost", cost)
                .append("webhooksCalled", 0L)
                .append("httpRequests", 0L));
    return run;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> buckets(Map<String, Object> series) {
    return (List<Map<String, Object>>) series.get("buckets");
  }

  private static Map<String, Object> bucket(Map<String, Object> series, Instant start) {
    return buckets(series).stream()
        .filter(bucket -> Instant.parse((String) bucket.get("start")).equals(start))
        .findFirst()
        .orElseThrow();
  }
}
