package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.trigger.TriggerConfigRule.Checked;
import io.outrun.service.OutrunCollections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerConfigRuleTest {

  private static final TriggerConfigRule.Context CONTEXT =
      new TriggerConfigRule.Context("wf-1", Instant.parse("2026-03-08T07:00:00Z"), "outrun");

  private static Map<String, Object> valid(String type, Map<String, Object> config) {
    Checked checked = TriggerConfigRule.check(type, config, CONTEXT);
    assertThat(checked).isInstanceOf(Checked.Valid.class);
    return ((Checked.Valid) checked).config();
  }

  private static List<String> fields(String type, Map<String, Object> config) {
    Checked checked = TriggerConfigRule.check(type, config, CONTEXT);
    assertThat(checked).isInstanceOf(Checked.Invalid.class);
    return ((Checked.Invalid) checked).errors().stream().map(FieldProblem::field).toList();
  }

  @Test
  void webhookDefaultsToPostWithoutAuthAndNeverStoresASecret() {
    assertThat(valid("webhook", Map.of("secret", "s3cret")))
        .isEqualTo(
            Map.of(
                "method", "POST",
                "authType", "none",
                "allowedOrigins", List.of(),
                "responseFormat", "json"));
  }

  @Test
  void webhookMethodIsNormalizedAndOriginsToLowerCase() {
    Map<String, Object> config =
        valid(
            "webhook",
            Map.of(
                "method", "put",
                "authType", "hmac",
                "signatureScheme", "github",
                "allowedOrigins", List.of("https://App.Example", "http://localhost:3000")));
    assertThat(config)
        .containsEntry("method", "PUT")
        .containsEntry("signatureScheme", "github")
        .containsEntry("allowedOrigins", List.of("https://app.example", "http://localhost:3000"));
  }

  @Test
  void webhookRateLimitIsStoredOnlyWhenGivenAndMustBeAPositiveWholeNumber() {
    assertThat(valid("webhook", Map.of("rateLimit", Map.of("requestsPerMinute", 60))))
        .containsEntry("rateLimit", Map.of("requestsPerMinute", 60));
    assertThat(valid("webhook", Map.of())).doesNotContainKey("rateLimit");
    for (Object bad : List.of(Map.of("requestsPerMinute", 0), Map.of("rpm", 5), 60)) {
      assertThat(fields("webhook", Map.of("rateLimit", bad)))
          .containsExactly("config.rateLimit.requestsPerMinute");
    }
  }

  @Test
  void hmacWebhookDefaultsToTheHmacScheme() {
    assertThat(valid("webhook", Map.of("authType", "hmac")))
        .containsEntry("signatureScheme", "hmac");
  }

  @Test
  void everyWebhookProblemIsReportedAtOnce() {
    assertThat(
            fields(
                "webhook",
                Map.of(
                    "method", "TRACE",
                    "authType", "bearer",
                    "signatureScheme", "github",
                    "allowedOrigins", List.of("https://ok.example", "https://x.example/path"),
                    "responseFormat", "xml",
                    "secret", "mine")))
        .containsExactlyInAnyOrder(
            "config.method",
            "config.signatureScheme",
            "config.allowedOrigins[1]",
            "config.responseFormat",
            "config.secret");
  }

  @Test
  void unknownAuthTypeNamesTheAllowedValues() {
    Checked checked = TriggerConfigRule.check("webhook", Map.of("authType", "oauth"), CONTEXT);
    assertThat(((Checked.Invalid) checked).errors().getFirst().message())
        .isEqualTo("must be one of none, api_key, hmac, bearer");
  }

  @Test
  void standardSchemeSecretMustBeWhsecBase64() {
    String good = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    valid("webhook", Map.of("authType", "hmac", "signatureScheme", "standard", "secret", good));
    assertThat(
            fields(
                "webhook",
                Map.of(
                    "authType",
                    "hmac",
                    "signatureScheme",
                    "standard",
                    "secret",
                    "plain-secret-123456")))
        .containsExactly("config.secret");
  }

  @Test
  void scheduleWithCronGetsItsDefaults() {
    assertThat(valid("schedule", Map.of("cron", "0 2 * * *")))
        .isEqualTo(
            Map.of(
                "cron",
                "0 2 * * *",
                "timezone",
                "UTC",
                "overlapPolicy",
                "skip",
                "catchupWindowSeconds",
                60));
  }

  @Test
  void scheduleWithAnIntervalGetsTheSameDefaults() {
    assertThat(valid("schedule", Map.of("intervalSeconds", 60)))
        .isEqualTo(
            Map.of(
                "intervalSeconds",
                60,
                "timezone",
                "UTC",
                "overlapPolicy",
                "skip",
                "catchupWindowSeconds",
                60));
  }

  @Test
  void overlapPolicyIsStoredInItsCanonicalSpellingAndCatchUpMayBeZero() {
    assertThat(
            valid(
                "schedule",
                Map.of(
                    "cron", "0 2 * * *", "overlapPolicy", "BUFFER_ONE", "catchupWindowSeconds", 0)))
        .containsEntry("overlapPolicy", "buffer_one")
        .containsEntry("catchupWindowSeconds", 0);
  }

  @Test
  void scheduleWithAnInterval() {
    assertThat(
            valid(
                "schedule",
                Map.of(
                    "intervalSeconds",
                    300,
                    "timezone",
                    "America/New_York",
                    "overlapPolicy",
                    "allow_all")))
        .containsEntry("intervalSeconds", 300)
        .containsEntry("timezone", "America/New_York")
        .containsEntry("overlapPolicy", "allow_all")
        .doesNotContainKey("cron");
  }

  @Test
  void scheduleNeedsExactlyOneOfCronAndInterval() {
    assertThat(fields("schedule", Map.of())).containsExactly("config.cron");
    assertThat(fields("schedule", Map.of("cron", "0 2 * * *", "intervalSeconds", 60)))
        .containsExactly("config.cron");
  }

  @Test
  void everyScheduleProblemIsReportedAtOnce() {
    assertThat(
            fields(
                "schedule",
                Map.of(
                    "cron", "61 * * * *",
                    "timezone", "Mars/Olympus",
                    "overlapPolicy", "queue",
                    "catchupWindowSeconds", -1)))
        .containsExactlyInAnyOrder(
            "config.cron",
            "config.timezone",
            "config.overlapPolicy",
            "config.catchupWindowSeconds");
  }

  @Test
  void intervalMustBePositiveAndSane() {
    assertThat(fields("schedule", Map.of("intervalSeconds", 0)))
        .containsExactly("config.intervalSeconds");
    assertThat(fields("schedule", Map.of("intervalSeconds", 1.5)))
        .containsExactly("config.intervalSeconds");
    assertThat(fields("schedule", Map.of("intervalSeconds", 10_000_000_000L)))
        .containsExactly("config.intervalSeconds");
  }

  @Test
  void cronThatNeverFiresIsRefused() {
    Checked checked = TriggerConfigRule.check("schedule", Map.of("cron", "0 0 30 2 *"), CONTEXT);
    assertThat(((Checked.Invalid) checked).errors())
        .extracting(FieldProblem::field)
        .containsExactly("config.cron");
  }

  @Test
  void offsetsAreNotIanaZones() {
    assertThat(fields("schedule", Map.of("cron", "0 2 * * *", "timezone", "+02:00")))
        .containsExactly("config.timezone");
  }

  @Test
  void dataChangeDefaultsToEveryOperation() {
    assertThat(valid("data_change", Map.of("collection", "leads")))
        .isEqualTo(
            Map.of(
                "collection",
                "leads",
                "operations",
                List.of("insert", "update", "replace", "delete"),
                "filter",
                Map.of()));
  }

  @Test
  void dataChangeKeepsOperationsInCanonicalOrderAndItsFilter() {
    Map<String, Object> config =
        valid(
            "data_change",
            Map.of(
                "collection",
                "leads",
                "database",
                "crm",
                "operations",
                List.of("DELETE", "insert"),
                "filter",
                Map.of("fullDocument.status", "hot")));
    assertThat(config)
        .containsEntry("operations", List.of("insert", "delete"))
        .containsEntry("database", "crm")
        .containsEntry("filter", Map.of("fullDocument.status", "hot"));
  }

  @Test
  void outrunsOwnCollectionsCannotBeWatched() {
    List<String> named =
        List.of(
            "workflows",
            "workflow_versions",
            "deployments",
            "triggers",
            "runs",
            "workflow_stats",
            "webhook_logs",
            "trigger_events",
            "locks",
            "change_stream_positions",
            "change_stream_leases",
            "pending_starts");
    assertThat(OutrunCollections.ALL).containsAll(named);
    for (String internal : OutrunCollections.ALL) {
      assertThat(fields("data_change", Map.of("collection", internal)))
          .containsExactly("config.collection");
    }
    assertThat(fields("data_change", Map.of("collection", "runs", "database", "outrun")))
        .containsExactly("config.collection");
    assertThat(fields("data_change", Map.of("collection", "system.profile", "database", "crm")))
        .containsExactly("config.collection");
    valid("data_change", Map.of("collection", "runs", "database", "crm"));
  }

  @Test
  void everyDataChangeProblemIsReportedAtOnce() {
    assertThat(
            fields(
                "data_change",
                Map.of(
                    "database", "admin",
                    "operations", List.of("insert", "upsert"),
                    "filter", "status=hot")))
        .containsExactlyInAnyOrder(
            "config.database", "config.collection", "config.operations[1]", "config.filter");
  }

  @Test
  void dataChangeFilterMayNotRunJavaScript() {
    assertThat(
            fields(
                "data_change",
                Map.of(
                    "collection",
                    "leads",
                    "filter",
                    Map.of("$or", List.of(Map.of("$where", "1"))))))
        .containsExactly("config.filter");
  }

  @Test
  void dependencyDefaults() {
    assertThat(valid("dependency", Map.of("dependsOnWorkflowId", "wf-0")))
        .isEqualTo(
            Map.of("dependsOnWorkflowId", "wf-0", "condition", "on_success", "delayMinutes", 0));
  }

  @Test
  void everyDependencyProblemIsReportedAtOnce() {
    assertThat(
            fields(
                "dependency",
                Map.of("dependsOnWorkflowId", "wf-1", "condition", "always", "delayMinutes", 61)))
        .containsExactlyInAnyOrder(
            "config.dependsOnWorkflowId", "config.condition", "config.delayMinutes");
    assertThat(fields("dependency", Map.of())).containsExactly("config.dependsOnWorkflowId");
  }

  @Test
  void manualTriggerHasNoConfig() {
    assertThat(valid("manual", Map.of("anything", 1))).isEmpty();
  }

  @Test
  void unknownTriggerTypeNamesTheAllowedTypes() {
    Checked checked = TriggerConfigRule.check("carrier_pigeon", Map.of(), CONTEXT);
    assertThat(((Checked.Invalid) checked).errors().getFirst())
        .isEqualTo(
            new FieldProblem(
                "type",
                "unknown trigger type 'carrier_pigeon'; one of webhook, schedule, data_change, dependency, manual"));
  }
}
