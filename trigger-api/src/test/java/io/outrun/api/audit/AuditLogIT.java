package io.outrun.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.Page;
import io.outrun.api.RunBody;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

/** What GET /api/audit shows after the calls a workspace's members make. */
class AuditLogIT extends ApiTestSupport {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> ENTRIES =
      new ParameterizedTypeReference<>() {};
  private static final Map<String, Object> RANGE =
      Map.of("from", "2026-03-07T00:00:00Z", "to", "2026-03-08T00:00:00Z");

  private final String workspace = "ws-audit-" + UUID.randomUUID();

  @Test
  void workflowWritesAreAuditedWithWhoWhatAndOutcome() {
    ApiClient alice = apiAs("alice", workspace);
    String id = alice.createWorkflow(WorkflowBody.named("audited"));
    alice.editWorkflow(id, WorkflowBody.named("edited").version(1)).expectStatus().isOk();
    alice.editWorkflow(id, WorkflowBody.named("stale").version(1)).expectStatus().isEqualTo(409);
    deployTested(alice, id, 2);
    alice.lifecycle(id, "pause").expectStatus().isOk();
    alice.lifecycle(id, "resume").expectStatus().isOk();
    alice.lifecycle(id, "undeploy").expectStatus().isOk();
    alice.deleteWorkflow(id).expectStatus().isOk();

    List<Map<String, Object>> entries = entries(alice, "?objectId=" + id);

    assertThat(entries)
        .extracting(e -> e.get("action"), e -> e.get("status"))
        .containsExactly(
            tuple("workflow.archive", 200),
            tuple("workflow.undeploy", 200),
            tuple("workflow.resume", 200),
            tuple("workflow.pause", 200),
            tuple("workflow.deploy", 200),
            tuple("workflow.update", 409),
            tuple("workflow.update", 200),
            tuple("workflow.create", 201));
    assertThat(entries)
        .allSatisfy(
            entry -> {
              assertThat(entry).containsEntry("subject", "alice").containsEntry("role", "admin");
              assertThat(entry).containsEntry("objectType", "workflow");
              assertThat(entry.get("at")).isNotNull();
              assertThat(entry.get("requestId")).isNotNull();
            });
    assertThat(entries.getLast()).containsEntry("method", "POST");
    assertThat(entries.getLast()).containsEntry("path", "/api/workflows");
  }

  @Autowired AuditLog audit;

  @Test
  void entriesRecordedTogetherAreEachStoredByFewerInsertsThanEntries() {
    int entries = 100;
    long insertsBefore = inserts();

    Flux.range(0, entries)
        .flatMap(i -> audit.record(entry("run-" + i)), entries)
        .then()
        .block(TIMEOUT);

    long stored =
        mongo
            .count(Query.query(Criteria.where("workspaceId").is(workspace)), AuditStore.COLLECTION)
            .block(TIMEOUT);
    assertThat(stored).isEqualTo(entries);
    assertThat(inserts() - insertsBefore)
        .as("entries waiting while an insert is under way go in the next one")
        .isLessThan(entries / 2);
  }

  private AuditEntry entry(String runId) {
    return new AuditEntry(
        "alice",
        "admin",
        workspace,
        "run.start",
        "run",
        runId,
        "POST",
        "/api/workflows/w/runs",
        202,
        Instant.now(),
        UUID.randomUUID().toString());
  }

  private long inserts() {
    Document status = mongo.executeCommand(new Document("serverStatus", 1)).block(TIMEOUT);
    Document insert =
        status
            .get("metrics", Document.class)
            .get("commands", Document.class)
            .get("insert", Document.class);
    return insert == null ? 0 : insert.get("total", Number.class).longValue();
  }

  @Test
  void runAndTriggerWritesAreAudited() {
    ApiClient alice = apiAs("alice", workspace);
    String workflowId = alice.createWorkflow(WorkflowBody.named("runs"));
    deployTested(alice, workflowId, 1);
    String runId = alice.startedRun(workflowId, RunBody.empty());
    alice.cancelRun(runId).expectStatus().is2xxSuccessful();
    String schedule =
        (String) alice.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *")).get("id");
    alice.fireTrigger(workflowId, schedule, Map.of()).expectStatus().isAccepted();
    alice.backfill(workflowId, schedule, RANGE).expectStatus().isAccepted();
    alice.enableTrigger(workflowId, schedule, false).expectStatus().isOk();
    alice.deleteTrigger(workflowId, schedule).expectStatus().is2xxSuccessful();

    assertThat(entries(alice, "?limit=200"))
        .extracting(e -> e.get("action"), e -> e.get("objectType"), e -> e.get("objectId"))
        .contains(
            tuple("run.start", "run", runId),
            tuple("run.cancel", "run", runId),
            tuple("trigger.create", "trigger", schedule),
            tuple("trigger.fire", "trigger", schedule),
            tuple("trigger.backfill", "trigger", schedule),
            tuple("trigger.disable", "trigger", schedule),
            tuple("trigger.delete", "trigger", schedule));
  }

  @Test
  void secretAndSettingsWritesAreAuditedWithoutAnySecretValue() {
    ApiClient alice = apiAs("alice", workspace);
    String value = "sk-live-" + UUID.randomUUID();
    putSecret(alice, "API_TOKEN", value);
    alice.http().delete().uri("/api/secrets/API_TOKEN").exchange().expectStatus().isNoContent();
    alice.setWorkspaceSlug("acme-" + UUID.randomUUID().toString().substring(0, 8));
    String workflowId = alice.createWorkflow(WorkflowBody.named("hooks"));
    Map<String, Object> webhook =
        alice.createdTrigger(workflowId, TriggerBody.webhook().config("authType", "api_key"));
    String webhookSecret = (String) webhook.get("secret");

    assertThat(entries(alice, ""))
        .extracting(e -> e.get("action"), e -> e.get("objectId"))
        .contains(
            tuple("secret.put", "API_TOKEN"),
            tuple("secret.delete", "API_TOKEN"),
            tuple("workspace-settings.update", null),
            tuple("trigger.create", webhook.get("id")));
    List<String> stored =
        mongo.findAll(Document.class, "audit_log").map(Document::toJson).collectList().block();
    assertThat(webhookSecret).isNotBlank();
    assertThat(stored).isNotEmpty().noneMatch(json -> json.contains(value));
    assertThat(stored).noneMatch(json -> json.contains(webhookSecret));
  }

  @Test
  void refusedCallIsAuditedWithTheCallersRole() {
    ApiClient alice = apiAs("alice", workspace);
    String id = alice.createWorkflow(WorkflowBody.named("guarded"));
    apiAs("victor", workspace, "viewer").lifecycle(id, "deploy").expectStatus().isForbidden();
    apiAs("erin", workspace, "editor").http().get().uri("/api/audit").exchange();

    assertThat(entries(alice, "?action=workflow.deploy"))
        .extracting(
            e -> e.get("subject"), e -> e.get("role"), e -> e.get("objectId"), e -> e.get("status"))
        .containsExactly(tuple("victor", "viewer", id, 403));
    assertThat(entries(alice, "?action=audit.list"))
        .extracting(e -> e.get("subject"), e -> e.get("role"), e -> e.get("status"))
        .containsExactly(tuple("erin", "editor", 403));
  }

  @Test
  void readsAreNotAudited() {
    ApiClient alice = apiAs("alice", workspace);
    String id = alice.createWorkflow(WorkflowBody.named("read often"));
    alice.getWorkflow(id).expectStatus().isOk();
    alice.listTriggers(id).expectStatus().isOk();
    entries(alice, "");

    assertThat(entries(alice, ""))
        .extracting(e -> e.get("action"))
        .containsExactly("workflow.create");
  }

  @Test
  void anotherWorkspacesEntriesAreNeverVisible() {
    ApiClient alice = apiAs("alice", workspace);
    String id = alice.createWorkflow(WorkflowBody.named("private"));
    ApiClient mallory = apiAs("mallory", "ws-other-" + UUID.randomUUID());
    mallory.createWorkflow(WorkflowBody.named("theirs"));

    assertThat(entries(mallory, "?objectId=" + id)).isEmpty();
    assertThat(entries(mallory, "")).extracting(e -> e.get("subject")).containsOnly("mallory");
    assertThat(entries(alice, "")).extracting(e -> e.get("subject")).containsOnly("alice");
  }

  @Test
  void pagesNewestFirstWithACursor() {
    ApiClient alice = apiAs("alice", workspace);
    String first = alice.createWorkflow(WorkflowBody.named("one"));
    String second = alice.createWorkflow(WorkflowBody.named("two"));
    String third = alice.createWorkflow(WorkflowBody.named("three"));

    EntityExchangeResult<List<Map<String, Object>>> page = page(alice, "?limit=2");
    String cursor = page.getResponseHeaders().getFirst(Page.NEXT_CURSOR);

    assertThat(page.getResponseBody())
        .extracting(e -> e.get("objectId"))
        .containsExactly(third, second);
    assertThat(cursor).isNotBlank();
    assertThat(entries(alice, "?limit=2&before=" + cursor))
        .extracting(e -> e.get("objectId"))
        .containsExactly(first);
  }

  @Test
  void badFilterIs400NamingIt() {
    apiAs("alice", workspace)
        .http()
        .get()
        .uri("/api/audit?objectId=" + "x".repeat(201))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("objectId");
  }

  private static void putSecret(ApiClient api, String name, String value) {
    api.http()
        .put()
        .uri("/api/secrets/{name}", name)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("value", value))
        .exchange()
        .expectStatus()
        .isCreated();
  }

  private static List<Map<String, Object>> entries(ApiClient api, String query) {
    return page(api, query).getResponseBody();
  }

  private static EntityExchangeResult<List<Map<String, Object>>> page(ApiClient api, String query) {
    return api.http()
        .get()
        .uri("/api/audit" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(ENTRIES)
        .returnResult();
  }
}
