package io.outrun.api.openapi;

import io.outrun.api.ApiTestSupport;
import org.junit.jupiter.api.Test;

class ApiDocumentationIT extends ApiTestSupport {

  @Test
  void specIsPublicAndDescribesTheApiWithTriggerExamples() {
    client()
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/workflows'].post")
        .exists()
        .jsonPath("$.paths['/api/runs/{runId}'].get")
        .exists()
        .jsonPath("$.paths['/api/console/config'].get.summary")
        .exists()
        .jsonPath("$.paths['/api/console/config'].get.security")
        .isEmpty()
        .jsonPath("$.paths['/api/workflows/{id}/stats'].get.description")
        .value(
            description ->
                org.assertj.core.api.Assertions.assertThat((String) description)
                    .contains("finished non-test runs"))
        .jsonPath("$.components.schemas.CreateWorkflowRequest.properties.settings.description")
        .value(
            description ->
                org.assertj.core.api.Assertions.assertThat((String) description)
                    .contains("timeoutMs", "maxRetries 0 to 10", "jitter none|full|equal"))
        .jsonPath(
            "$.paths['/api/workflows/{workflowId}/triggers/{triggerId}/backfill'].post.description")
        .value(
            description ->
                org.assertj.core.api.Assertions.assertThat((String) description)
                    .contains("backfill-max-runs", "scheduledAt"))
        .jsonPath(
            "$.paths['/api/workflows/{workflowId}/triggers/{triggerId}/history'].get.description")
        .value(
            description ->
                org.assertj.core.api.Assertions.assertThat((String) description)
                    .contains("\"run\"", "\"missed\"", "\"skipped\"", "\"buffered\""))
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer")
        .jsonPath(
            "$.paths[*].post.requestBody.content['application/json']"
                + ".examples['schedule (cron)'].value.config.cron")
        .isEqualTo(java.util.List.of("0 2 * * *"))
        .jsonPath(
            "$.paths[*].post.requestBody.content['application/json']"
                + ".examples.dependency.value.config.condition")
        .isEqualTo(java.util.List.of("on_success"));
  }

  @Test
  void swaggerUiIsServed() {
    client()
        .get()
        .uri("/swagger-ui.html")
        .exchange()
        .expectStatus()
        .value(status -> org.assertj.core.api.Assertions.assertThat(status).isIn(200, 302));
  }
}
