package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Keys in trigger config: no empty or NUL key anywhere and no {@code $} key, except in a
 * data_change filter, which is a MongoDB query and is stored as given (minus operators that run
 * code or make a database reference).
 */
class TriggerConfigKeysIT extends ApiTestSupport {

  private static final Map<String, Object> FILTER =
      Map.of(
          "fullDocument.amount",
          Map.of("$gt", 5),
          "$or",
          List.of(
              Map.of("fullDocument.tier", Map.of("$in", List.of("gold", "silver"))),
              Map.of("$expr", Map.of("$gt", List.of("$fullDocument.score", 10)))),
          "fullDocument.name",
          Map.of("$regex", "^A", "$options", "i"));

  private WebTestClient api;
  private String workflowId;

  @BeforeEach
  void workflow() {
    api = as("u1", "ws-config-keys-" + UUID.randomUUID());
    workflowId = createWorkflow(api, validWorkflow("config keys"));
  }

  @Test
  void settingTheContractDoesNotKnowIs400NamingItAndNothingIsStored() {
    refused(create("webhook", Map.of("authType", "none", "requireSignature", true)))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.requireSignature")
        .jsonPath("$.errors.length()")
        .isEqualTo(1);

    assertThat(
            mongo
                .count(new Query(Criteria.where("workflowId").is(workflowId)), Trigger.COLLECTION)
                .block(TIMEOUT))
        .isZero();
  }

  @Test
  void dollarKeyInWebhookConfigIs400() {
    Map<String, Object> config =
        Map.of("authType", "none", "rateLimit", Map.of("$set", 1, "requestsPerMinute", 5));

    refused(create("webhook", config))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.rateLimit.$set");
  }

  @Test
  void emptyKeyInScheduleConfigIs400() {
    refused(create("schedule", Map.of("cron", "0 2 * * *", "", 1)))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.");
  }

  @Test
  void nulKeyInDataChangeFilterIs400() {
    Map<String, Object> config =
        Map.of("collection", "leads", "filter", Map.of("fullDocument.a\0", 1));

    refused(create("data_change", config))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.filter.fullDocument.a\0");
  }

  @Test
  void databaseReferenceInFilterIs400() {
    Map<String, Object> config =
        Map.of("collection", "leads", "filter", Map.of("owner", Map.of("$ref", "users", "$id", 1)));

    refused(create("data_change", config)).jsonPath("$.errors[0].field").isEqualTo("config.filter");
  }

  @Test
  void codeInsideExprIs400() {
    Map<String, Object> code = Map.of("body", "function() { return true; }", "args", List.of());
    Map<String, Object> config =
        Map.of(
            "collection",
            "leads",
            "filter",
            Map.of("$expr", Map.of("$function", Map.of("body", code, "lang", "js"))));

    refused(create("data_change", config)).jsonPath("$.errors[0].field").isEqualTo("config.filter");
  }

  @Test
  void filterKeepsOperatorsAndDottedPathsOnCreateAndOnUpdate() {
    Map<String, Object> config = Map.of("collection", "leads", "filter", FILTER);
    String id =
        (String)
            create("data_change", config)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    assertThat(storedFilter(id)).isEqualTo(FILTER);

    api.put()
        .uri("/api/workflows/{w}/triggers/{t}", workflowId, id)
        .bodyValue(Map.of("type", "data_change", "name", "renamed", "config", config))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.config.filter['fullDocument.amount']['$gt']")
        .isEqualTo(5);
    assertThat(storedFilter(id)).isEqualTo(FILTER);
  }

  private Object storedFilter(String triggerId) {
    Document trigger = mongo.findById(triggerId, Document.class, "triggers").block(TIMEOUT);
    return plain(trigger.get("config", Document.class).get("filter", Document.class));
  }

  /** Stored BSON as plain maps and lists, to compare with what was sent. */
  private static Object plain(Object value) {
    return switch (value) {
      case Map<?, ?> map -> {
        Map<Object, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(key, plain(item)));
        yield copy;
      }
      case List<?> list -> list.stream().map(TriggerConfigKeysIT::plain).toList();
      default -> value;
    };
  }

  private WebTestClient.ResponseSpec create(String type, Map<String, Object> config) {
    return api.post()
        .uri("/api/workflows/{id}/triggers", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("type", type, "name", "t", "config", config))
        .exchange();
  }

  private static WebTestClient.BodyContentSpec refused(WebTestClient.ResponseSpec response) {
    return response
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody();
  }
}
