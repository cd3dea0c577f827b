package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** {@code GET /api/runs}: the workspace's runs across workflows, filtered and paged. */
class RunListIT extends ApiTestSupport {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
      new ParameterizedTypeReference<>() {};
  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void listsTheWorkspacesRunsAcrossWorkflowsNewestFirstWithTheirTriggersName() {
    ApiClient api = apiAs("u1", workspace);
    String first = api.createWorkflow(WorkflowBody.named("first"));
    String second = api.createWorkflow(WorkflowBody.named("second"));
    String hookId =
        (String) api.createdTrigger(first, TriggerBody.webhook().named("Inbound")).get("id");
    String hooked =
        insertRun(
            RunDocument.of(workspace, first)
                .triggeredBy("webhook", hookId, "webhook")
                .queuedAt(T0));
    String manual = insertRun(RunDocument.of(workspace, second).queuedAt(T0.plusSeconds(1)));

    List<Map<String, Object>> runs = page(api, "/api/runs").getResponseBody();

    assertThat(runs).extracting(run -> run.get("id")).containsExactly(manual, hooked);
    assertThat(runs.get(0)).containsEntry("workflowId", second).doesNotContainKey("workspaceId");
    assertThat(triggeredBy(runs.get(0)))
        .containsEntry("type", "manual")
        .doesNotContainKey("triggerName");
    assertThat(triggeredBy(runs.get(1)))
        .containsEntry("triggerId", hookId)
        .containsEntry("triggerName", "Inbound");
  }

  @Test
  void everyRunOfAPageCarriesItsOwnTriggersName() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("many triggers"));
    for (String name : List.of("alpha", "beta", "gamma")) {
      String triggerId =
          (String) api.createdTrigger(workflowId, TriggerBody.webhook().named(name)).get("id");
      insertRun(RunDocument.of(workspace, workflowId).triggeredBy("webhook", triggerId, "webhook"));
      insertRun(RunDocument.of(workspace, workflowId).triggeredBy("webhook", triggerId, "webhook"));
    }

    assertThat(page(api, "/api/runs?limit=100").getResponseBody())
        .extracting(run -> triggeredBy(run).get("triggerName"))
        .containsExactlyInAnyOrder("alpha", "alpha", "beta", "beta", "gamma", "gamma");
  }

  @Test
  void theWorkspaceListHasAnIndexInItsOrder() {
    assertThat(mongo.indexOps("runs").getIndexInfo().collectList().block(TIMEOUT))
        .anySatisfy(
            index -> {
              assertThat(index.getName()).isEqualTo("workspace_newest");
              assertThat(index.getIndexFields())
                  .extracting(field -> field.getKey())
                  .containsExactly("workspaceId", "queuedAt", "_id");
            });
  }

  @Test
  void anotherWorkspacesRunsAndTriggerNamesAreNeverShown() {
    ApiClient owner = apiAs("u1", workspace);
    String workflowId = owner.createWorkflow(WorkflowBody.named("private"));
    String hookId =
        (String)
            owner.createdTrigger(workflowId, TriggerBody.webhook().named("Secret name")).get("id");
    insertRun(RunDocument.of(workspace, workflowId).triggeredBy("webhook", hookId, "webhook"));
    String other = "ws-other-" + UUID.randomUUID();
    // a run of the other workspace naming the owner's trigger does not learn its name
    String theirs =
        insertRun(
            RunDocument.of(other, "their-workflow").triggeredBy("webhook", hookId, "webhook"));

    ApiClient stranger = apiAs("u2", other);
    List<Map<String, Object>> seen = page(stranger, "/api/runs").getResponseBody();
    assertThat(seen).extracting(run -> run.get("id")).containsExactly(theirs);
    assertThat(triggeredBy(seen.get(0))).doesNotContainKey("triggerName");
    assertThat(page(stranger, "/api/runs?workflowId=" + workflowId).getResponseBody()).isEmpty();
  }

  @Test
  void pagesByCursorLikeARunHistory() {
    ApiClient api = apiAs("u1", workspace);
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // two runs per instant: ties are ordered by id
      Instant queuedAt = T0.plusSeconds(i / 2);
      newestFirst.add(insertRun(RunDocument.of(workspace, "wf-" + i).queuedAt(queuedAt)));
    }
    List<String> expected =
        newestFirst.stream()
            .sorted(
                (a, b) -> {
                  int ai = newestFirst.indexOf(a) / 2;
                  int bi = newestFirst.indexOf(b) / 2;
                  return ai != bi ? Integer.compare(bi, ai) : b.compareTo(a);
                })
            .toList();

    List<String> seen = new ArrayList<>();
    String next = "/api/runs?limit=2";
    while (next != null) {
      EntityExchangeResult<List<Map<String, Object>>> page = page(api, next);
      assertThat(page.getResponseBody()).hasSizeLessThanOrEqualTo(2);
      page.getResponseBody().forEach(run -> seen.add((String) run.get("id")));
      String link = page.getResponseHeaders().getFirst("Link");
      String cursor = page.getResponseHeaders().getFirst("X-Next-Cursor");
      assertThat(link == null).isEqualTo(cursor == null);
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      if (next != null) {
        assertThat(next).startsWith("/api/runs?").contains("before=" + cursor);
      }
    }

    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void filtersCombine() {
    ApiClient api = apiAs("u1", workspace);
    String failed =
        insertRun(
            RunDocument.of(workspace, "wf-a")
                .status("failed")
                .triggeredBy("schedule", "t-1", "schedule")
                .queuedAt(T0));
    String cancelled =
        insertRun(
            RunDocument.of(workspace, "wf-b")
                .status("cancelled")
                .triggeredBy("webhook", "t-2", "webhook")
                .queuedAt(T0.plusSeconds(10)));
    String completedTest =
        insertRun(RunDocument.of(workspace, "wf-a").test().queuedAt(T0.plusSeconds(20)));

    assertThat(ids(api, "?status=failed&status=cancelled")).containsExactly(cancelled, failed);
    assertThat(ids(api, "?status=failed,completed")).containsExactly(completedTest, failed);
    assertThat(ids(api, "?workflowId=wf-a")).containsExactly(completedTest, failed);
    assertThat(ids(api, "?triggerId=t-2")).containsExactly(cancelled);
    assertThat(ids(api, "?triggerType=schedule")).containsExactly(failed);
    assertThat(ids(api, "?test=true")).containsExactly(completedTest);
    assertThat(ids(api, "?test=false")).containsExactly(cancelled, failed);
    assertThat(ids(api, "?from=2026-03-08T07:00:10Z")).containsExactly(completedTest, cancelled);
    assertThat(ids(api, "?to=2026-03-08T07:00:10Z")).containsExactly(failed);
    assertThat(ids(api, "?workflowId=wf-a&test=false&from=2026-03-08T07:00:00Z"))
        .containsExactly(failed);
  }

  @Test
  void aBadParameterIsA400NamingIt() {
    ApiClient api = apiAs("u1", workspace);
    Map<String, String> refused =
        Map.of(
            "status=done",
            "status",
            "triggerType=cron",
            "triggerType",
            "test=yes",
            "test",
            "from=yesterday",
            "from",
            "to=2026-13-01",
            "to",
            "from=2026-03-08T08:00:00Z&to=2026-03-08T07:00:00Z",
            "to",
            "before=%24where",
            "before",
            "workflowId=" + "w".repeat(201),
            "workflowId");

    refused.forEach(
        (query, parameter) ->
            api.runs("?" + query)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(parameter));
    api.runs("?limit=x").expectStatus().isBadRequest();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> triggeredBy(Map<String, Object> run) {
    return (Map<String, Object>) run.get("triggeredBy");
  }

  private static List<String> ids(ApiClient api, String query) {
    return page(api, "/api/runs" + query).getResponseBody().stream()
        .map(run -> (String) run.get("id"))
        .toList();
  }

  private static EntityExchangeResult<List<Map<String, Object>>> page(ApiClient api, String uri) {
    return api.http()
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(LIST)
        .returnResult();
  }
}
