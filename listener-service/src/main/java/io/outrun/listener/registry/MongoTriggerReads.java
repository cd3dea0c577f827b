package io.outrun.listener.registry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.events.TriggerType;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads one trigger and its workflow by id, as the registry would hold them; a webhook by its path;
 * a workspace by its slug ({@code workspaces}, written by trigger-api).
 */
@Component
class MongoTriggerReads {

  static final String WORKSPACES = "workspaces";

  private final ReactiveMongoTemplate mongo;

  MongoTriggerReads(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The trigger as the registry would know it, with its standing; empty if there is none. */
  Mono<TriggerLookup.Read> read(String triggerId) {
    return mongo
        .findOne(
            Query.query(where("_id").is(triggerId)), Document.class, MongoRegistrySource.TRIGGERS)
        .flatMap(document -> Mono.justOrEmpty(MongoRegistryDocuments.trigger(document)))
        .flatMap(
            trigger ->
                workflow(trigger.workflowId())
                    .map(workflow -> TriggerLookup.Read.of(trigger, workflow.orElse(null))));
  }

  /** The id of the workspace whose settings have {@code slug}; empty if none has. */
  Mono<String> workspaceWithSlug(String slug) {
    Query query = Query.query(where("slug").is(slug));
    query.fields().include("_id");
    return mongo
        .findOne(query, Document.class, WORKSPACES)
        .flatMap(document -> Mono.justOrEmpty(MongoRegistryDocuments.id(document.get("_id"))));
  }

  /** The id of the workspace's webhook trigger at {@code path}; empty if there is none. */
  Mono<String> webhookAt(String workspaceId, String path) {
    Query query =
        Query.query(
            where("workspaceId")
                .is(workspaceId)
                .and("type")
                .is(TriggerType.WEBHOOK.wireName())
                .and("config.path")
                .is(path));
    query.fields().include("_id");
    return mongo
        .findOne(query, Document.class, MongoRegistrySource.TRIGGERS)
        .flatMap(document -> Mono.justOrEmpty(MongoRegistryDocuments.id(document.get("_id"))));
  }

  private Mono<Optional<StoredWorkflow>> workflow(String workflowId) {
    Query query = Query.query(where("_id").is(workflowId));
    query.fields().include("_id", "status", "deployedVersion");
    return mongo
        .findOne(query, Document.class, MongoRegistrySource.WORKFLOWS)
        .map(MongoRegistryDocuments::workflow)
        .defaultIfEmpty(Optional.empty());
  }
}
