package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code /api/triggers/{id}} and {@code POST /api/triggers}: the nested routes' twins by id. */
class TriggerByIdIT extends TriggerItSupport {

  private static final Map<String, Object> SCHEDULE = Map.of("cron", "0 2 * * *");

  private static WebTestClient.ResponseSpec patch(
      WebTestClient api, String id, Map<String, Object> body) {
    return api.patch()
        .uri("/api/triggers/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void postWithWorkflowIdInTheBodyCreatesTheTriggerOfThatWorkflow() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("top-level"));

    Map<String, Object> created =
        body(
            post(
                    api,
                    "/api/triggers",
                    Map.of(
                        "workflowId",
                        workflowId,
                        "type",
                        "webhook",
                        "name",
                        "inbound",
                        "config",
                        Map.of("authType", "api_key")))
                .expectStatus()
                .isCreated());

    assertThat(created).containsEntry("workflowId", workflowId).containsKey("secret");
    String id = (String) created.get("id");
    Map<String, Object> nested =
        body(
            api.get()
                .uri("/api/workflows/{w}/triggers/{t}", workflowId, id)
                .exchange()
                .expectStatus()
                .isOk());
    assertThat(nested).containsEntry("name", "inbound").doesNotContainKey("secret");
  }

  @Test
  void postWithoutWorkflowIdIs400NamingIt() {
    post(api(), "/api/triggers", Map.of("type", "manual", "name", "m"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("workflowId");
  }

  @Test
  void postIsValidatedLikeTheNestedRoute() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("top-level invalid"));

    post(
            api,
            "/api/triggers",
            Map.of(
                "workflowId",
                workflowId,
                "type",
                "webhook",
                "name",
                "w",
                "config",
                Map.of("requireSignature", true)))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.requireSignature");
  }

  @Test
  void postForAnotherWorkspacesWorkflowIs404() {
    String theirs = createWorkflow(otherWorkspace(), validWorkflow("theirs"));

    post(
            api(),
            "/api/triggers",
            Map.of("workflowId", theirs, "type", "manual", "name", "m", "config", Map.of()))
        .expectStatus()
        .isNotFound();
  }

  @Test
  void getByIdShowsTheTriggerAndAnotherWorkspaceGets404() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("get by id"));
    String id = (String) created(api, workflowId, "schedule", SCHEDULE).get("id");

    assertThat(body(api.get().uri("/api/triggers/{id}", id).exchange().expectStatus().isOk()))
        .containsEntry("id", id)
        .containsEntry("workflowId", workflowId);
    otherWorkspace().get().uri("/api/triggers/{id}", id).exchange().expectStatus().isNotFound();
    api.get().uri("/api/triggers/{id}", "no-such-trigger").exchange().expectStatus().isNotFound();
  }

  @Test
  void patchChangesOnlyTheFieldsGiven() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("patch"));
    String id = (String) created(api, workflowId, "schedule", SCHEDULE).get("id");

    Map<String, Object> renamed =
        body(patch(api, id, Map.of("name", "nightly")).expectStatus().isOk());
    assertThat(renamed).containsEntry("name", "nightly").containsEntry("enabled", true);
    assertThat(renamed.get("config"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("cron", "0 2 * * *");

    Map<String, Object> disabled =
        body(patch(api, id, Map.of("enabled", false)).expectStatus().isOk());
    assertThat(disabled).containsEntry("name", "nightly").containsEntry("enabled", false);
    assertThat(storedTrigger(id).getBoolean("enabled")).isFalse();
  }

  @Test
  void patchKeepsAWebhooksSecretAndShowsNone() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("patch webhook"));
    String id =
        (String) created(api, workflowId, "webhook", Map.of("authType", "bearer")).get("id");
    String hash = storedTrigger(id).get("config", org.bson.Document.class).getString("secretHash");

    Map<String, Object> renamed =
        body(patch(api, id, Map.of("name", "renamed")).expectStatus().isOk());

    assertThat(renamed).doesNotContainKey("secret");
    assertThat(storedTrigger(id).get("config", org.bson.Document.class).getString("secretHash"))
        .isEqualTo(hash);
  }

  @Test
  void patchIsValidatedLikeAPut() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("patch invalid"));
    String id = (String) created(api, workflowId, "schedule", SCHEDULE).get("id");

    patch(api, id, Map.of("config", Map.of("cron", "not a cron")))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.cron");
    patch(api, id, Map.of("type", "webhook"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("type");
    patch(api, id, Map.of("name", ""))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void patchAndDeleteOfAnotherWorkspacesTriggerAre404AndChangeNothing() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("isolated"));
    String id = (String) created(api, workflowId, "schedule", SCHEDULE).get("id");
    WebTestClient other = otherWorkspace();

    patch(other, id, Map.of("name", "stolen")).expectStatus().isNotFound();
    other.delete().uri("/api/triggers/{id}", id).exchange().expectStatus().isNotFound();

    assertThat(storedTrigger(id).getString("name")).isEqualTo("schedule trigger");
  }

  @Test
  void deleteByIdRemovesTheTrigger() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("delete"));
    String id = (String) created(api, workflowId, "manual", Map.of()).get("id");

    api.delete().uri("/api/triggers/{id}", id).exchange().expectStatus().isNoContent();

    assertThat(storedTrigger(id)).isNull();
    api.get().uri("/api/triggers/{id}", id).exchange().expectStatus().isNotFound();
  }
}
