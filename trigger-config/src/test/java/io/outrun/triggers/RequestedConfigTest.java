package io.outrun.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs.Checked;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What trigger-api accepts as a trigger's config, and what it stores for it. */
class RequestedConfigTest {

  static final Set<String> OWN_COLLECTIONS = Set.of("workflows", "triggers", "runs");

  private static final RequestContext CONTEXT =
      new RequestContext("wf-1", Instant.parse("2026-03-08T07:00:00Z"), "outrun", OWN_COLLECTIONS);

  private static Checked check(String type, Map<String, Object> config) {
    return TriggerConfigs.fromRequest(type, config, CONTEXT);
  }

  private static Map<String, Object> stored(String type, Map<String, Object> config) {
    Checked checked = check(type, config);
    assertThat(checked).isInstanceOf(Checked.Valid.class);
    return TriggerConfigs.toStored(((Checked.Valid) checked).config());
  }

  private static List<String> fields(String type, Map<String, Object> config) {
    Checked checked = check(type, config);
    assertThat(checked).isInstanceOf(Checked.Invalid.class);
    return ((Checked.Invalid) checked).problems().stream().map(ConfigProblem::field).toList();
  }

  @Test
  void webhookDefaultsToPostWithoutAuthAndNeverStoresASecret() {
    assertThat(stored("webhook", Map.of("secret", "s3cret")))
        .isEqualTo(
            Map.of(
                "method", "POST",
                "authType", "none",
                "allowedOrigins", List.of(),
                "responseFormat", "json"));
    assertThat(((Checked.Valid) check("webhook", Map.of("secret", "s3cret"))).requestedSecret())
        .isNull();
  }

  @Test
  void webhookMethodIsNormalizedAndOriginsToLowerCase() {
    Map<String, Object> config =
        stored(
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
    assertThat(stored("webhook", Map.of("rateLimit", Map.of("requestsPerMinute", 60))))
        .containsEntry("rateLimit", Map.of("requestsPerMinute", 60));
    assertThat(stored("webhook", Map.of())).doesNotContainKey("rateLimit");
    for (Object bad : List.of(Map.of("requestsPerMinute", 0), Map.of("rpm", 5), 60)) {
      assertThat(fields("webhook", Map.of("rateLimit", bad)))
          .contains("config.rateLimit.requestsPerMinute");
    }
  }

  @Test
  void hmacWebhookDefaultsToTheHmacSchemeAndHandsBackTheSecretItChose() {
    Checked checked =
        check("webhook", Map.of("authType", "hmac", "secret", " a-secret-of-16-chars "));
    Checked.Valid valid = (Checked.Valid) checked;
    assertThat(TriggerConfigs.toStored(valid.config())).containsEntry("signatureScheme", "hmac");
    assertThat(valid.requestedSecret()).isEqualTo("a-secret-of-16-chars");
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
    Checked checked = check("webhook", Map.of("authType", "oauth"));
    assertThat(((Checked.Invalid) checked).problems().getFirst().message())
        .isEqualTo("must be one of none, api_key, hmac, bearer");
  }

  @Test
  void standardSchemeSecretMustBeWhsecBase64() {
    String good = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    stored("webhook", Map.of("authType", "hmac", "signatureScheme", "standard", "secret", good));
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
    assertThat(stored("schedule", Map.of("cron", "0 2 * * *")))
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
    assertThat(stored("schedule", Map.of("intervalSeconds", 60)))
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
            stored(
                "schedule",
                Map.of(
                    "cron", "0 2 * * *", "overlapPolicy", "BUFFER_ONE", "catchupWindowSeconds", 0)))
        .containsEntry("overlapPolicy", "buffer_one")
        .containsEntry("catchupWindowSeconds", 0);
  }

  @Test
  void scheduleWithAnInterval() {
    assertThat(
            stored(
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
    assertThat(fields("schedule", Map.of("cron", "0 0 30 2 *"))).containsExactly("config.cron");
  }

  @Test
  void offsetsAreNotIanaZones() {
    assertThat(fields("schedule", Map.of("cron", "0 2 * * *", "timezone", "+02:00")))
        .containsExactly("config.timezone");
  }

  @Test
  void dataChangeDefaultsToEveryOperation() {
    assertThat(stored("data_change", Map.of("collection", "leads")))
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
        stored(
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
  void outrunsOwnCollectionsCannotBeWatchedInItsOwnDatabase() {
    for (String internal : OWN_COLLECTIONS) {
      assertThat(fields("data_change", Map.of("collection", internal)))
          .containsExactly("config.collection");
    }
    assertThat(fields("data_change", Map.of("collection", "runs", "database", "outrun")))
        .containsExactly("config.collection");
    assertThat(fields("data_change", Map.of("collection", "system.profile", "database", "crm")))
        .containsExactly("config.collection");
    stored("data_change", Map.of("collection", "runs", "database", "crm"));
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
    assertThat(stored("dependency", Map.of("dependsOnWorkflowId", "wf-0")))
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
    assertThat(stored("manual", Map.of())).isEmpty();
  }

  @Test
  void unknownTriggerTypeNamesTheAllowedTypes() {
    Checked checked = check("carrier_pigeon", Map.of());
    assertThat(((Checked.Invalid) checked).problems().getFirst())
        .isEqualTo(
            new ConfigProblem(
                "type",
                "unknown trigger type 'carrier_pigeon'; one of webhook, schedule, data_change, dependency, kafka_topic, manual"));
  }

  @Test
  void settingTheContractDoesNotKnowIsRefusedNamingIt() {
    assertThat(fields("webhook", Map.of("authType", "none", "requireSignature", true)))
        .containsExactly("config.requireSignature");
    assertThat(fields("schedule", Map.of("cron", "0 2 * * *", "tz", "UTC")))
        .containsExactly("config.tz");
    assertThat(fields("data_change", Map.of("collection", "leads", "operation", "insert")))
        .containsExactly("config.operation");
    assertThat(fields("dependency", Map.of("dependsOnWorkflowId", "wf-0", "delay", 5)))
        .containsExactly("config.delay");
    assertThat(fields("manual", Map.of("anything", 1))).containsExactly("config.anything");
  }

  @Test
  void storedOnlyFieldsAndUnknownRateLimitKeysAreRefusedInARequest() {
    assertThat(fields("webhook", Map.of("authType", "api_key", "secretHash", "ab")))
        .containsExactly("config.secretHash");
    assertThat(fields("webhook", Map.of("rateLimit", Map.of("requestsPerMinute", 5, "burst", 10))))
        .containsExactly("config.rateLimit.burst");
  }

  @Test
  void everySettingTheContractNamesIsKnown() {
    assertThat(
            check(
                "webhook",
                Map.of(
                    "method", "POST",
                    "authType", "hmac",
                    "signatureScheme", "github",
                    "secret", "a-secret-of-16-chars",
                    "allowedOrigins", List.of(),
                    "responseFormat", "json",
                    "rateLimit", Map.of("requestsPerMinute", 600))))
        .isInstanceOf(Checked.Valid.class);
    assertThat(
            check(
                "schedule",
                Map.of(
                    "cron", "0 2 * * *",
                    "timezone", "America/New_York",
                    "overlapPolicy", "skip",
                    "catchupWindowSeconds", 60)))
        .isInstanceOf(Checked.Valid.class);
    assertThat(
            check(
                "data_change",
                Map.of(
                    "database",
                    "crm",
                    "collection",
                    "leads",
                    "operations",
                    List.of("insert"),
                    "filter",
                    Map.of("fullDocument.status", "hot"))))
        .isInstanceOf(Checked.Valid.class);
    assertThat(
            check(
                "dependency",
                Map.of(
                    "dependsOnWorkflowId", "wf-0", "condition", "on_success", "delayMinutes", 0)))
        .isInstanceOf(Checked.Valid.class);
  }

  @Test
  void whatTheApiShowsOfARotatedWebhookIsAcceptedBack() {
    assertThat(
            check(
                "webhook",
                Map.of("authType", "api_key", "previousSecretExpiresAt", "2026-03-09T07:00:00Z")))
        .isInstanceOf(Checked.Valid.class);
  }

  @Test
  void storedConfigWithAnExtraKeyStaysReadable() {
    assertThat(
            TriggerConfigs.fromStored(
                TriggerType.SCHEDULE,
                Map.of("cron", "0 2 * * *", "timezone", "UTC", "legacy", true)))
        .isInstanceOf(StoredConfig.Readable.class);
  }

  @Test
  void webhookPathIsStoredWithoutOuterSlashesAndReadBack() {
    Map<String, Object> stored = stored("webhook", Map.of("path", "/orders/new-lead/"));

    assertThat(stored).containsEntry("path", "orders/new-lead");
    assertThat(TriggerConfigs.fromStored(TriggerType.WEBHOOK, stored).as(WebhookConfig.class))
        .hasValueSatisfying(config -> assertThat(config.path()).isEqualTo("orders/new-lead"));
    assertThat(stored("webhook", Map.of())).doesNotContainKey("path");
  }

  @Test
  void webhookPathMustBeLowerCaseSegments() {
    for (String bad :
        List.of("Orders", "a//b", "../x", "a b", "-x", "a/b/c/d/e/f/g/h/i", "x".repeat(65), "/")) {
      assertThat(fields("webhook", Map.of("path", bad))).as(bad).containsExactly("config.path");
    }
    assertThat(fields("webhook", Map.of("path", 5))).containsExactly("config.path");
  }

  @Test
  void webhookMethodAnyAcceptsEveryMethod() {
    Map<String, Object> stored = stored("webhook", Map.of("method", "any"));

    assertThat(stored).containsEntry("method", "ANY");
    WebhookConfig config =
        TriggerConfigs.fromStored(TriggerType.WEBHOOK, stored)
            .as(WebhookConfig.class)
            .orElseThrow();
    assertThat(config.allowsMethod("DELETE")).isTrue();
    assertThat(config.allowsMethod("OPTIONS")).isTrue();
  }

  @Test
  void lastNodeResponseIsStoredWithItsTimeoutAndReadBack() {
    Map<String, Object> stored =
        stored("webhook", Map.of("responseMode", "LAST_NODE", "responseTimeoutMs", 2500));

    assertThat(stored)
        .containsEntry("responseMode", "last_node")
        .containsEntry("responseTimeoutMs", 2500);
    WebhookConfig config =
        TriggerConfigs.fromStored(TriggerType.WEBHOOK, stored)
            .as(WebhookConfig.class)
            .orElseThrow();
    assertThat(config.response())
        .isEqualTo(new WebhookConfig.Response(WebhookConfig.ResponseMode.LAST_NODE, 2500));
    assertThat(config.response().waits()).isTrue();
  }

  @Test
  void lastNodeWaitsTenSecondsByDefaultAndAcceptedIsNotStored() {
    assertThat(stored("webhook", Map.of("responseMode", "last_node")))
        .containsEntry("responseTimeoutMs", 10_000);
    assertThat(stored("webhook", Map.of("responseMode", "accepted")))
        .doesNotContainKeys("responseMode", "responseTimeoutMs");
  }

  @Test
  void responseTimeoutIsAtMostAMinuteAndTheModeOneOfTwo() {
    assertThat(fields("webhook", Map.of("responseTimeoutMs", 60_001)))
        .containsExactly("config.responseTimeoutMs");
    assertThat(fields("webhook", Map.of("responseTimeoutMs", 0)))
        .containsExactly("config.responseTimeoutMs");
    assertThat(fields("webhook", Map.of("responseTimeoutMs", "10s")))
        .containsExactly("config.responseTimeoutMs");
    assertThat(fields("webhook", Map.of("responseMode", "sync")))
        .containsExactly("config.responseMode");
  }
}
