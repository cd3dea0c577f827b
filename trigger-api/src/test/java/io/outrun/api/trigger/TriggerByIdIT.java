package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code /api/triggers/{id}} and {@code POST /api/triggers}: the nested routes' twins by id. */
class TriggerByIdIT extends TriggerItSupport {

  private static TriggerBody nightly() {
    return TriggerBody.schedule("0 2 * * *");
  }

  @Test
  void postWithWorkflowIdInTheBodyCreatesTheTriggerOfThatWorkflow() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("top-level"));

    Map<String, Object> created =
        body(
            api.createTopLevelTrigger(
                    workflowId,
                    TriggerBody.of("webhook").named("inbound").config("authType", "api_key"))
                .expectStatus()
                .isCreated());

    assertThat(created).containsEntry("workflowId", workflowId).containsKey("secret");
    String id = (String) created.get("id");
    Map<String, Object> nested = body(api.getTrigger(workflowId, id).expectStatus().isOk());
    assertThat(nested).containsEntry("name", "inbound").doesNotContainKey("secret");
  }

  @Test
  void postWithoutWorkflowIdIs400NamingIt() {
    owner()
        .post("/api/triggers", Map.of("type", "manual", "name", "m"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("workflowId");
  }

  @Test
  void postIsValidatedLikeTheNestedRoute() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("top-level invalid"));

    api.createTopLevelTrigger(
            workflowId, TriggerBody.of("webhook").named("w").config("requireSignature", true))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.requireSignature");
  }

  @Test
  void postForAnotherWorkspacesWorkflowIs404() {
    String theirs = stranger().createWorkflow(WorkflowBody.named("theirs"));

    owner()
        .createTopLevelTrigger(theirs, TriggerBody.manual().named("m"))
        .expectStatus()
        .isNotFound();
  }

  @Test
  void getByIdShowsTheTriggerAndAnotherWorkspaceGets404() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("get by id"));
    String id = (String) api.createdTrigger(workflowId, nightly()).get("id");

    assertThat(body(api.triggerById(id).expectStatus().isOk()))
        .containsEntry("id", id)
        .containsEntry("workflowId", workflowId);
    stranger().triggerById(id).expectStatus().isNotFound();
    api.triggerById("no-such-trigger").expectStatus().isNotFound();
  }

  @Test
  void patchChangesOnlyTheFieldsGiven() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("patch"));
    String id = (String) api.createdTrigger(workflowId, nightly()).get("id");

    Map<String, Object> renamed =
        body(api.patchTrigger(id, Map.of("name", "nightly")).expectStatus().isOk());
    assertThat(renamed).containsEntry("name", "nightly").containsEntry("enabled", true);
    assertThat(renamed.get("config"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("cron", "0 2 * * *");

    Map<String, Object> disabled =
        body(api.patchTrigger(id, Map.of("enabled", false)).expectStatus().isOk());
    assertThat(disabled).containsEntry("name", "nightly").containsEntry("enabled", false);
    assertThat(storedTrigger(id).getBoolean("enabled")).isFalse();
  }

  @Test
  void patchKeepsAWebhooksSecretAndShowsNone() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("patch webhook"));
    String id =
        (String)
            api.createdTrigger(workflowId, TriggerBody.of("webhook").config("authType", "bearer"))
                .get("id");
    String hash = storedTrigger(id).get("config", Document.class).getString("secretHash");

    Map<String, Object> renamed =
        body(api.patchTrigger(id, Map.of("name", "renamed")).expectStatus().isOk());

    assertThat(renamed).doesNotContainKey("secret");
    assertThat(storedTrigger(id).get("config", Document.class).getString("secretHash"))
        .isEqualTo(hash);
  }

  @Test
  void patchIsValidatedLikeAPut() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("patch invalid"));
    String id = (String) api.createdTrigger(workflowId, nightly()).get("id");

    api.patchTrigger(id, Map.of("config", Map.of("cron", "not a cron")))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.cron");
    api.patchTrigger(id, Map.of("type", "webhook"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("type");
    api.patchTrigger(id, Map.of("name", ""))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void patchAndDeleteOfAnotherWorkspacesTriggerAre404AndChangeNothing() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("isolated"));
    String id = (String) api.createdTrigger(workflowId, nightly()).get("id");
    ApiClient other = stranger();

    other.patchTrigger(id, Map.of("name", "stolen")).expectStatus().isNotFound();
    other.deleteTriggerById(id).expectStatus().isNotFound();

    assertThat(storedTrigger(id).getString("name")).isEqualTo("schedule trigger");
  }

  @Test
  void deleteByIdRemovesTheTrigger() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("delete"));
    String id = (String) api.createdTrigger(workflowId, TriggerBody.manual()).get("id");

    api.deleteTriggerById(id).expectStatus().isNoContent();

    assertThat(storedTrigger(id)).isNull();
    api.triggerById(id).expectStatus().isNotFound();
  }
}
