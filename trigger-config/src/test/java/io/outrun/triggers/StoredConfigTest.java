package io.outrun.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunOutcome;
import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig.Readable;
import io.outrun.triggers.StoredConfig.Unreadable;
import io.outrun.triggers.WebhookConfig.AuthType;
import io.outrun.triggers.WebhookConfig.SignatureScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored configs read as types and written back unchanged. The golden files under {@code
 * src/test/resources/stored/} are {@code triggers} documents' configs as trigger-api writes them,
 * in MongoDB extended JSON (so a date is a BSON date, a number an int32).
 */
class StoredConfigTest {

  static Stream<Path> goldenFiles() throws URISyntaxException, IOException {
    Path dir = Path.of(StoredConfigTest.class.getResource("/stored").toURI());
    return Files.list(dir).filter(path -> path.toString().endsWith(".json")).sorted();
  }

  private static Document golden(Path file) {
    try {
      return Document.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StoredConfig read(String type, Object config) {
    return TriggerConfigs.fromStored(TriggerType.fromWireName(type), config);
  }

  @ParameterizedTest
  @MethodSource("goldenFiles")
  void aStoredConfigReadAndWrittenAgainIsTheSameDocument(Path file) {
    Document stored = golden(file);
    Document config = stored.get("config", Document.class);

    StoredConfig read = read(stored.getString("type"), config);

    assertThat(read).as(file.getFileName().toString()).isInstanceOf(Readable.class);
    assertThat(new Document(TriggerConfigs.toStored(read)).toJson()).isEqualTo(config.toJson());
  }

  @ParameterizedTest
  @MethodSource("goldenFiles")
  void aWrittenConfigReadsBackAsAnEqualOne(Path file) {
    Document stored = golden(file);
    TriggerConfig config =
        ((Readable) read(stored.getString("type"), stored.get("config"))).config();

    StoredConfig again = read(stored.getString("type"), TriggerConfigs.toStored(config));

    assertThat(again).isEqualTo(new Readable(config));
  }

  @Test
  void aRotatedWebhookKeepsBothSecretsAndWhenThePreviousExpires() {
    Document stored = golden(Path.of("src/test/resources/stored/webhook-github-rotated.json"));
    WebhookConfig webhook =
        read("webhook", stored.get("config")).as(WebhookConfig.class).orElseThrow();

    assertThat(webhook.authType()).isEqualTo(AuthType.HMAC);
    assertThat(webhook.signatureScheme()).isEqualTo(SignatureScheme.GITHUB);
    assertThat(webhook.secrets().current().encrypted()).startsWith("AAEC");
    assertThat(webhook.secrets().previous().keyId()).isEqualTo("3f2a9c1d");
    assertThat(webhook.secrets().previousExpiresAt())
        .isEqualTo(Instant.parse("2026-03-09T07:00:00.123Z"));
  }

  @Test
  void theApiShowsAConfigWithoutItsSecretMaterial() {
    Document stored = golden(Path.of("src/test/resources/stored/webhook-github-rotated.json"));

    Map<String, Object> shown = TriggerConfigs.shown(read("webhook", stored.get("config")));

    assertThat(shown)
        .containsOnlyKeys(
            "method",
            "authType",
            "signatureScheme",
            "allowedOrigins",
            "responseFormat",
            "previousSecretExpiresAt")
        .containsEntry("previousSecretExpiresAt", Instant.parse("2026-03-09T07:00:00.123Z"));
  }

  @Test
  void aStoredWebhookWithoutAMethodAcceptsAny() {
    WebhookConfig webhook = read("webhook", Map.of()).as(WebhookConfig.class).orElseThrow();

    assertThat(webhook.method()).isNull();
    assertThat(webhook.allowsMethod("PATCH")).isTrue();
    assertThat(TriggerConfigs.toStored(webhook)).doesNotContainKey("method");
  }

  @Test
  void aStoredConfigThatBreaksTheRulesIsUnreadableWithEveryReason() {
    Map<String, Object> config = Map.of("authType", "oauth", "rateLimit", Map.of("rpm", 5));

    StoredConfig read = read("webhook", config);

    assertThat(read).isInstanceOf(Unreadable.class);
    Unreadable unreadable = (Unreadable) read;
    assertThat(unreadable.stored()).isEqualTo(config);
    assertThat(unreadable.reason())
        .isEqualTo(
            "config.authType: must be one of none, api_key, hmac, bearer; "
                + "config.rateLimit.requestsPerMinute: must be a whole number from 1 to 100000");
    assertThat(read.as(WebhookConfig.class)).isEmpty();
    assertThat(TriggerConfigs.toStored(read)).isEqualTo(config);
  }

  @Test
  void aScheduleWithoutCronOrIntervalAndADataChangeWithoutCollectionAreUnreadable() {
    assertThat(read("schedule", Map.of("timezone", "UTC"))).isInstanceOf(Unreadable.class);
    assertThat(read("schedule", Map.of("cron", "0 2 * * *", "timezone", "+02:00")))
        .isInstanceOf(Unreadable.class);
    assertThat(read("data_change", Map.of("operations", List.of("insert"))))
        .isInstanceOf(Unreadable.class);
    assertThat(read("data_change", Map.of("collection", "x", "database", "local")))
        .isInstanceOf(Unreadable.class);
    assertThat(read("dependency", Map.of("condition", "on_success")))
        .isInstanceOf(Unreadable.class);
  }

  @Test
  void aStoredConfigIsReadWithTheDefaultsARequestGets() {
    ScheduleConfig schedule =
        read("schedule", Map.of("intervalSeconds", 60)).as(ScheduleConfig.class).orElseThrow();
    assertThat(schedule.timing()).isEqualTo(new ScheduleConfig.Interval(Duration.ofMinutes(1)));
    assertThat(schedule.timezone()).isEqualTo(ScheduleConfig.UTC);
    assertThat(schedule.overlapPolicy()).isEqualTo(OverlapPolicy.SKIP);
    assertThat(schedule.catchupWindow()).isEqualTo(Duration.ofSeconds(60));

    DependencyConfig dependency =
        read("dependency", Map.of("dependsOnWorkflowId", "wf-0"))
            .as(DependencyConfig.class)
            .orElseThrow();
    assertThat(dependency.condition()).isEqualTo(DependencyCondition.ON_SUCCESS);
    assertThat(dependency.delay()).isZero();
  }

  @Test
  void anythingButAMapReadsAsAnEmptyConfig() {
    assertThat(read("manual", "nonsense")).isEqualTo(new Readable(ManualConfig.INSTANCE));
    assertThat(read("webhook", null).as(WebhookConfig.class)).isPresent();
  }

  @Test
  void conditionsMatchTheUpstreamOutcome() {
    assertThat(DependencyCondition.ON_SUCCESS.matches(RunOutcome.COMPLETED)).isTrue();
    assertThat(DependencyCondition.ON_SUCCESS.matches(RunOutcome.FAILED)).isFalse();
    assertThat(DependencyCondition.ON_FAILURE.matches(RunOutcome.FAILED)).isTrue();
    assertThat(DependencyCondition.ON_FAILURE.matches(RunOutcome.CANCELLED)).isFalse();
    assertThat(DependencyCondition.ON_COMPLETION.matches(RunOutcome.CANCELLED)).isTrue();
  }
}
