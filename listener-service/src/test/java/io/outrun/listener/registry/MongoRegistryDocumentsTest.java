package io.outrun.listener.registry;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoRegistryDocumentsTest {

  @Test
  void readsATriggerKeepingDottedConfigKeys() {
    Document document =
        new Document("_id", "t-1")
            .append("workspaceId", "ws-1")
            .append("workflowId", "wf-1")
            .append("type", "data_change")
            .append("enabled", true)
            .append("config", new Document("filter", new Document("fullDocument.status", "hot")));

    assertThat(MongoRegistryDocuments.trigger(document))
        .contains(
            new StoredTrigger(
                "t-1",
                "ws-1",
                "wf-1",
                TriggerType.DATA_CHANGE,
                true,
                stored(
                    TriggerType.DATA_CHANGE,
                    Map.of("filter", new Document("fullDocument.status", "hot")))));
  }

  @Test
  void triggerOfAnUnknownTypeIsIgnored() {
    Document document =
        new Document("_id", "t-1")
            .append("workspaceId", "ws-1")
            .append("workflowId", "wf-1")
            .append("type", "carrier_pigeon")
            .append("enabled", true);

    assertThat(MongoRegistryDocuments.trigger(document)).isEmpty();
  }

  @Test
  void readsTheTriggerNodeATriggerStandsFor() {
    Document document =
        new Document("_id", "t-1")
            .append("workspaceId", "ws-1")
            .append("workflowId", "wf-1")
            .append("type", "webhook")
            .append("nodeId", "hook");

    assertThat(MongoRegistryDocuments.trigger(document))
        .get()
        .extracting(StoredTrigger::nodeId)
        .isEqualTo("hook");
  }

  @Test
  void triggerWithoutEnabledFlagIsDisabled() {
    Document document =
        new Document("_id", "t-1")
            .append("workspaceId", "ws-1")
            .append("workflowId", "wf-1")
            .append("type", "webhook");

    assertThat(MongoRegistryDocuments.trigger(document))
        .get()
        .extracting(StoredTrigger::enabled)
        .isEqualTo(false);
  }

  @Test
  void readsAWorkflowsStatusAndDeployedVersion() {
    Document document =
        new Document("_id", "wf-1").append("status", "active").append("deployedVersion", 7L);

    assertThat(MongoRegistryDocuments.workflow(document))
        .contains(new StoredWorkflow("wf-1", "active", 7));
  }

  @Test
  void readsTheIdOfAChangeEventsDocumentKey() {
    assertThat(MongoRegistryDocuments.id(new BsonDocument("_id", new BsonString("t-9"))))
        .isEqualTo("t-9");
  }
}
