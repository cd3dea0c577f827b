package io.outrun.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs.Checked;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a {@code kafka_topic} trigger's config may hold, as requested and as stored. */
class KafkaTopicConfigTest {

  private static final RequestContext CONTEXT =
      new RequestContext("wf-1", Instant.parse("2026-03-08T07:00:00Z"), "outrun", Set.of());

  private static Checked check(Map<String, Object> config) {
    return TriggerConfigs.fromRequest("kafka_topic", config, CONTEXT);
  }

  private static List<ConfigProblem> problems(Map<String, Object> config) {
    Checked checked = check(config);
    assertThat(checked).isInstanceOf(Checked.Invalid.class);
    return ((Checked.Invalid) checked).problems();
  }

  private static List<String> fields(Map<String, Object> config) {
    return problems(config).stream().map(ConfigProblem::field).toList();
  }

  @Test
  void aTopicAloneIsStoredAsItIsWithOutrunsOwnClusterAndNoFilter() {
    Checked.Valid valid = (Checked.Valid) check(Map.of("topic", "orders"));
    KafkaTopicConfig config = (KafkaTopicConfig) valid.config();

    assertThat(config.topic()).isEqualTo("orders");
    assertThat(config.ownCluster()).isTrue();
    assertThat(config.filter()).isNull();
    assertThat(config.startFrom()).isEqualTo(KafkaTopicStart.CREATED);
    assertThat(TriggerConfigs.toStored(config)).isEqualTo(Map.of("topic", "orders"));
  }

  @Test
  void startFromEarliestIsReadIgnoringCaseAndStoredWhileCreatedIsTheDefaultLeftOut() {
    KafkaTopicConfig earliest =
        (KafkaTopicConfig)
            ((Checked.Valid) check(Map.of("topic", "orders", "startFrom", "Earliest"))).config();
    KafkaTopicConfig created =
        (KafkaTopicConfig)
            ((Checked.Valid) check(Map.of("topic", "orders", "startFrom", "created"))).config();

    assertThat(earliest.startFrom()).isEqualTo(KafkaTopicStart.EARLIEST);
    assertThat(TriggerConfigs.toStored(earliest))
        .isEqualTo(Map.of("topic", "orders", "startFrom", "earliest"));
    assertThat(created.startFrom()).isEqualTo(KafkaTopicStart.CREATED);
    assertThat(TriggerConfigs.toStored(created)).isEqualTo(Map.of("topic", "orders"));
  }

  @Test
  void aStartFromThatIsNotOneOfTheChoicesIsRefusedNamingTheField() {
    for (Object bad : List.of("latest", "", "created\0", "$gt", 0, true, Map.of("$gt", ""))) {
      List<ConfigProblem> problems = problems(Map.of("topic", "orders", "startFrom", bad));
      assertThat(problems).extracting(ConfigProblem::field).containsExactly("config.startFrom");
      assertThat(problems.getFirst().message()).contains("created, earliest");
    }
  }

  @Test
  void aClusterAndAFilterAreStoredAsGiven() {
    Map<String, Object> config =
        Map.of("topic", "orders", "cluster", "partners", "filter", "value.total > 100");
    Checked.Valid valid = (Checked.Valid) check(config);

    assertThat(TriggerConfigs.toStored(valid.config())).isEqualTo(config);
  }

  @Test
  void outrunsOwnTopicsAndKafkasInternalOnesAreRefusedNamingTheField() {
    for (String own : List.of("outrun.run-requests", "outrun.run-completions.dlt", "__offsets")) {
      List<ConfigProblem> problems = problems(Map.of("topic", own));
      assertThat(problems).extracting(ConfigProblem::field).containsExactly("config.topic");
      assertThat(problems.getFirst().message()).contains(own).contains("cannot be consumed");
    }
  }

  @Test
  void anOwnTopicNameOnAnotherClusterIsNotOutrunsAndIsAccepted() {
    assertThat(check(Map.of("topic", "outrun.run-requests", "cluster", "partners")))
        .isInstanceOf(Checked.Valid.class);
  }

  @Test
  void aMissingInvalidOrHostileTopicIsRefused() {
    assertThat(fields(Map.of())).containsExactly("config.topic");
    for (Object bad :
        List.of("", "has space", "..", "a/b", "nul\0", "$where", "x".repeat(250), 42, List.of())) {
      assertThat(fields(Map.of("topic", bad))).as(String.valueOf(bad)).contains("config.topic");
    }
  }

  @Test
  void aFilterThatIsNotJsonataOrNotTextIsRefused() {
    assertThat(fields(Map.of("topic", "orders", "filter", "value.total >")))
        .contains("config.filter");
    assertThat(fields(Map.of("topic", "orders", "filter", Map.of("$gt", 1))))
        .contains("config.filter");
    assertThat(fields(Map.of("topic", "orders", "filter", "(".repeat(5000))))
        .contains("config.filter");
  }

  @Test
  void anInvalidClusterNameIsRefused() {
    assertThat(fields(Map.of("topic", "orders", "cluster", "Other Cluster")))
        .containsExactly("config.cluster");
  }

  @Test
  void aSettingTheContractDoesNotKnowIsRefusedNotDropped() {
    assertThat(fields(Map.of("topic", "orders", "groupId", "mine", "fromBeginning", true)))
        .containsExactly("config.fromBeginning", "config.groupId");
  }

  @Test
  void aStoredConfigOnAnOwnTopicIsUnreadableWithTheReason() {
    StoredConfig stored =
        TriggerConfigs.fromStored(TriggerType.KAFKA_TOPIC, Map.of("topic", "outrun.run-requests"));

    assertThat(stored).isInstanceOf(StoredConfig.Unreadable.class);
    assertThat(((StoredConfig.Unreadable) stored).reason()).contains("config.topic");
  }

  @Test
  void theConsumerGroupIsOnePerTrigger() {
    assertThat(KafkaTopicConfig.consumerGroup("t-1")).isEqualTo("outrun-trigger-t-1");
  }
}
