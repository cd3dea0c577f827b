package io.outrun.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}):
 * bearer-token security, and a request example for each trigger type on trigger creation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  /** Trigger creation, whatever its path variable is called. */
  static final Pattern TRIGGERS_PATH = Pattern.compile("/api/workflows/\\{[^}]+}/triggers");

  private static final String BEARER = "bearer";

  @Bean
  OpenAPI outrunOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Outrun trigger-api")
                .version("v1")
                .description(
                    "Workflows, triggers and runs. Every /api call needs a bearer JWT (with exp,"
                        + " and sub and workspaceId strings) whose workspaceId claim scopes what it"
                        + " can see, and whose roles claim (viewer, editor or admin) what it may"
                        + " do there: viewers read, editors also change workflows and triggers and"
                        + " start runs, admins also write secrets and workspace settings and read"
                        + " GET /api/audit; a call above the token's role is a 403 problem naming"
                        + " the role needed. Every error, the web server's own included, is an RFC 9457"
                        + " problem (application/problem+json: status, title, detail, and errors"
                        + " [{field, message}] for invalid input). Bodies are JSON in UTF-8, read"
                        + " strictly (a value of the wrong type is a 400 naming the field, never"
                        + " converted; duplicate keys and lone surrogates are refused) and bounded:"
                        + " depth 64, strings of 100,000 characters, 1,000 nodes and 2,000 edges"
                        + " per workflow, names of 200 characters (400 naming the limit; the"
                        + " configured outrun.api.limits apply)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /** Examples for {@code POST /api/workflows/{id}/triggers}, one per trigger type. */
  @Bean
  OpenApiCustomizer triggerExamples() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().entrySet().stream()
          .filter(entry -> TRIGGERS_PATH.matcher(entry.getKey()).matches())
          .map(entry -> entry.getValue().getPost())
          .filter(Objects::nonNull)
          .forEach(ApiDocumentation::addTriggerExamples);
    };
  }

  private static void addTriggerExamples(Operation create) {
    RequestBody body =
        create.getRequestBody() == null ? new RequestBody() : create.getRequestBody();
    Content content = body.getContent() == null ? new Content() : body.getContent();
    MediaType json = content.get("application/json");
    if (json == null) {
      json = new MediaType();
      content.addMediaType("application/json", json);
    }
    json.setExamples(TriggerExamples.all());
    create.setRequestBody(body.content(content));
  }

  /** One request body per trigger type, as CONTRACT.md describes them. */
  static final class TriggerExamples {

    private TriggerExamples() {}

    static Map<String, Example> all() {
      Map<String, Example> examples = new LinkedHashMap<>();
      examples.put(
          "schedule (cron)",
          example(
              "schedule",
              "Nightly import",
              Map.of(
                  "cron", "0 2 * * *",
                  "timezone", "America/New_York",
                  "overlapPolicy", "skip",
                  "catchupWindowSeconds", 60)));
      examples.put(
          "schedule (interval)",
          example("schedule", "Every five minutes", Map.of("intervalSeconds", 300)));
      examples.put(
          "webhook",
          example(
              "webhook",
              "GitHub pushes",
              Map.of(
                  "method", "POST",
                  "authType", "hmac",
                  "signatureScheme", "github",
                  "allowedOrigins", List.of(),
                  "responseFormat", "json")));
      examples.put(
          "data_change",
          example(
              "data_change",
              "Hot leads",
              Map.of(
                  "collection", "leads",
                  "operations", List.of("insert", "update"),
                  "filter", Map.of("fullDocument.status", "hot"))));
      examples.put(
          "dependency",
          example(
              "dependency",
              "After the import",
              Map.of(
                  "dependsOnWorkflowId", "<upstream workflow id>",
                  "condition", "on_success",
                  "delayMinutes", 0)));
      examples.put(
          "kafka_topic",
          example(
              "kafka_topic",
              "Big orders",
              Map.of("topic", "orders", "filter", "value.total > 100", "startFrom", "created")));
      examples.put("manual", example("manual", "Run by hand", Map.of()));
      return examples;
    }

    private static Example example(String type, String name, Map<String, Object> config) {
      return new Example()
          .summary(type + " trigger")
          .value(Map.of("type", type, "name", name, "enabled", true, "config", config));
    }
  }
}
