package io.outrun.listener;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/** {@code workflows} and {@code triggers} documents, shaped as trigger-api writes them. */
public final class StoredDocuments {

  public static final String WORKSPACE = "ws-test";

  private StoredDocuments() {}

  public static WorkflowBuilder workflow() {
    return new WorkflowBuilder();
  }

  public static TriggerBuilder webhookTrigger(String workflowId) {
    return new TriggerBuilder(workflowId, "webhook");
  }

  public static TriggerBuilder trigger(String workflowId, String type) {
    return new TriggerBuilder(workflowId, type);
  }

  public static final class WorkflowBuilder {
    private final String id = UUID.randomUUID().toString();
    private String status = "active";
    private Integer deployedVersion = 3;

    public WorkflowBuilder status(String status) {
      this.status = status;
      return this;
    }

    public WorkflowBuilder deployedVersion(Integer deployedVersion) {
      this.deployedVersion = deployedVersion;
      return this;
    }

    public String id() {
      return id;
    }

    public Document build() {
      Instant now = Instant.now();
      Document node =
          new Document("id", "n1")
              .append("type", "log")
              .append("position", new Document("x", 0).append("y", 0))
              .append("data", new Document("message", "hello"));
      return new Document("_id", id)
          .append("workspaceId", WORKSPACE)
          .append("name", "Lead pipeline")
          .append("nodes", List.of(node))
          .append("edges", List.of())
          .append("settings", new Document("timeoutMs", 300000))
          .append("status", status)
          .append("version", deployedVersion == null ? 1 : deployedVersion)
          .append("deployedVersion", deployedVersion)
          .append("createdBy", "u1")
          .append("createdAt", now)
          .append("updatedAt", now);
    }
  }

  public static final class TriggerBuilder {
    private final String id = UUID.randomUUID().toString();
    private final String workflowId;
    private final String type;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private boolean enabled = true;

    private TriggerBuilder(String workflowId, String type) {
      this.workflowId = workflowId;
      this.type = type;
    }

    public TriggerBuilder config(String key, Object value) {
      config.put(key, value);
      return this;
    }

    public TriggerBuilder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public String id() {
      return id;
    }

    public Document build() {
      Instant now = Instant.now();
      return new Document("_id", id)
          .append("workspaceId", WORKSPACE)
          .append("workflowId", workflowId)
          .append("type", type)
          .append("name", "incoming leads")
          .append("enabled", enabled)
          .append("config", new Document(config))
          .append("createdAt", now)
          .append("updatedAt", now)
          .append("triggerCount", 0);
    }
  }
}
