package io.outrun.listener.datachange;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.ScheduleTimes;
import io.outrun.service.OutrunCollections;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class WatchSpecTest {

  private static FireableTrigger trigger(Map<String, Object> config) {
    return new FireableTrigger(
        "t1",
        "ws",
        "wf",
        TriggerType.DATA_CHANGE,
        stored(TriggerType.DATA_CHANGE, config),
        2,
        ScheduleTimes.NONE);
  }

  @Test
  void matchesTheOperationsAndFilterOrAnEventThatEndsTheStream() {
    WatchSpec.Result result =
        WatchSpec.of(
            trigger(
                Map.of(
                    "collection", "leads",
                    "operations", List.of("insert", "update"),
                    "filter", Map.of("fullDocument.status", "hot"))),
            "outrun");

    WatchSpec spec = ((WatchSpec.Watchable) result).spec();
    assertThat(spec.namespace()).isEqualTo("outrun.leads");
    assertThat(spec.pipeline())
        .containsExactly(
            Document.parse(
                """
                {"$match": {"$or": [
                  {"$and": [{"operationType": {"$in": ["insert", "update"]}},
                            {"fullDocument.status": "hot"}]},
                  {"operationType": {"$in": ["drop", "rename", "dropDatabase", "invalidate"]}}]}}
                """));
  }

  @Test
  void withoutOperationsOrFilterEveryOperationMatches() {
    WatchSpec spec =
        ((WatchSpec.Watchable)
                WatchSpec.of(trigger(Map.of("collection", "leads", "database", "crm")), "outrun"))
            .spec();

    assertThat(spec.namespace()).isEqualTo("crm.leads");
    assertThat(spec.operations()).containsExactly("insert", "update", "replace", "delete");
    Document match = spec.pipeline().getFirst().get("$match", Document.class);
    assertThat(match.getList("$or", Document.class).getFirst())
        .isEqualTo(
            new Document(
                "operationType",
                new Document("$in", List.of("insert", "update", "replace", "delete"))));
  }

  @Test
  void outrunsOwnCollectionsAreRefusedInItsOwnDatabaseOnly() {
    for (String own : OutrunCollections.ALL) {
      assertThat(WatchSpec.of(trigger(Map.of("collection", own)), "outrun"))
          .isInstanceOf(WatchSpec.Refused.class);
      assertThat(WatchSpec.of(trigger(Map.of("collection", own, "database", "outrun")), "outrun"))
          .isInstanceOf(WatchSpec.Refused.class);
    }
    assertThat(WatchSpec.of(trigger(Map.of("collection", "runs", "database", "crm")), "outrun"))
        .isInstanceOf(WatchSpec.Watchable.class);
  }

  @Test
  void aConfigThatCannotBeReadIsRefusedWithTheReason() {
    assertThat(
            WatchSpec.of(
                trigger(Map.of("collection", "leads", "operations", List.of("upsert"))), "outrun"))
        .isEqualTo(
            new WatchSpec.Refused(
                "config.operations[0]: must be one of insert, update, replace, delete"));
  }

  @Test
  void systemDatabasesAndCollectionsAndAMissingCollectionAreRefused() {
    assertThat(WatchSpec.of(trigger(Map.of("collection", "x", "database", "local")), "outrun"))
        .isInstanceOf(WatchSpec.Refused.class);
    assertThat(WatchSpec.of(trigger(Map.of("collection", "system.profile")), "outrun"))
        .isInstanceOf(WatchSpec.Refused.class);
    assertThat(WatchSpec.of(trigger(Map.of()), "outrun")).isInstanceOf(WatchSpec.Refused.class);
  }
}
