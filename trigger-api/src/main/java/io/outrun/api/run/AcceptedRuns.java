package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.service.StoredJson;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes a run visible as {@code queued} as soon as its request is on Kafka, so the run id a 202
 * hands out can be looked up at once. The document (docs/ARCHITECTURE.md shape) is only inserted if
 * absent: when the runner got there first, or already finished the run, nothing changes, and when
 * this lands first the runner finds the queued run and executes it. Written after Kafka's
 * acknowledgement, never before, so no queued run exists that no runner will ever take.
 */
@Component
public class AcceptedRuns {

  private static final Logger log = LoggerFactory.getLogger(AcceptedRuns.class);
  private static final String RUNS = "runs";

  private final ReactiveMongoTemplate mongo;

  AcceptedRuns(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Never fails: the request is on Kafka, so the run exists once the runner takes it anyway. */
  public Mono<Void> record(RunRequested request) {
    return mongo
        .upsert(query(where("_id").is(request.runId())), queuedRun(request), RUNS)
        .then()
        .onErrorResume(DuplicateKeyException.class, raced -> Mono.empty())
        .onErrorResume(
            e -> {
              log.warn("Run {} is on Kafka but not yet visible: {}", request.runId(), e.toString());
              return Mono.empty();
            });
  }

  private static Update queuedRun(RunRequested request) {
    TriggeredBy by = request.triggeredBy();
    Document triggeredBy =
        new Document("type", by.type().wireName())
            .append("triggerId", by.triggerId())
            .append("source", by.source())
            .append("payload", new Document(StoredJson.toStored(by.payload())));
    return new Update()
        .setOnInsert("requestEventId", request.eventId())
        .setOnInsert("workspaceId", request.workspaceId())
        .setOnInsert("workflowId", request.workflowId())
        .setOnInsert("workflowVersion", request.workflowVersion())
        .setOnInsert("test", request.test())
        .setOnInsert("chainDepth", request.chainDepth())
        .setOnInsert("status", "queued")
        .setOnInsert("triggeredBy", triggeredBy)
        .setOnInsert("steps", List.of())
        .setOnInsert("usage", zeroUsage())
        .setOnInsert("queuedAt", request.occurredAt());
  }

  private static Map<String, Object> zeroUsage() {
    return Map.of(
        "aiTokensUsed", 0L, "estimatedCost", 0.0, "webhooksCalled", 0L, "httpRequests", 0L);
  }
}
