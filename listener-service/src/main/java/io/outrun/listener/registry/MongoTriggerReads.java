package io.outrun.listener.registry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads one trigger and its workflow by id, as the registry would hold them. */
@Component
class MongoTriggerReads {

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

  private Mono<Optional<StoredWorkflow>> workflow(String workflowId) {
    Query query = Query.query(where("_id").is(workflowId));
    query.fields().include("_id", "status", "deployedVersion");
    return mongo
        .findOne(query, Document.class, MongoRegistrySource.WORKFLOWS)
        .map(MongoRegistryDocuments::workflow)
        .defaultIfEmpty(Optional.empty());
  }
}
