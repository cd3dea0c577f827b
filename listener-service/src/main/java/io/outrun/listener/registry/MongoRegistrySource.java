package io.outrun.listener.registry;

import com.mongodb.client.model.changestream.FullDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ChangeStreamEvent;
import org.springframework.data.mongodb.core.ChangeStreamOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads {@code triggers} and {@code workflows}, and follows their change streams. */
@Component
class MongoRegistrySource implements RegistrySource {

  private static final Logger log = LoggerFactory.getLogger(MongoRegistrySource.class);

  static final String TRIGGERS = "triggers";
  static final String WORKFLOWS = "workflows";

  private final ReactiveMongoTemplate mongo;

  MongoRegistrySource(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public Mono<RegistryChange> load() {
    Mono<List<StoredTrigger>> triggers =
        mongo
            // disabled ones too: the registry keeps their owners to log requests to them
            .find(new Query(), Document.class, TRIGGERS)
            .flatMapIterable(document -> MongoRegistryDocuments.trigger(document).stream().toList())
            .collectList();
    Query active = Query.query(Criteria.where("status").is(StoredWorkflow.ACTIVE));
    active.fields().include("_id", "status", "deployedVersion");
    Mono<List<StoredWorkflow>> workflows =
        mongo
            .find(active, Document.class, WORKFLOWS)
            .flatMapIterable(
                document -> MongoRegistryDocuments.workflow(document).stream().toList())
            .collectList();
    return Mono.zip(triggers, workflows, RegistryChange.Loaded::new);
  }

  @Override
  public Flux<RegistryChange> changesSince(Instant from) {
    return Flux.merge(
        stream(TRIGGERS, from, MongoRegistrySource::triggerChange),
        stream(WORKFLOWS, from, MongoRegistrySource::workflowChange));
  }

  private Flux<RegistryChange> stream(
      String collection,
      Instant from,
      Function<ChangeStreamEvent<Document>, Optional<RegistryChange>> toChange) {
    ChangeStreamOptions options =
        ChangeStreamOptions.builder()
            .fullDocumentLookup(FullDocument.UPDATE_LOOKUP)
            .resumeAt(from)
            .build();
    return mongo
        .changeStream(collection, options, Document.class)
        .doOnNext(event -> log.debug("Change event {}", event.getRaw()))
        .flatMapIterable(event -> toChange.apply(event).stream().toList())
        .concatWith(
            Mono.error(
                () -> new IllegalStateException("change stream on " + collection + " ended")));
  }

  private static Optional<RegistryChange> triggerChange(ChangeStreamEvent<Document> event) {
    if (event.getOperationType() == null) {
      return Optional.empty();
    }
    return switch (event.getOperationType()) {
      case INSERT, UPDATE, REPLACE -> {
        Optional<StoredTrigger> trigger =
            Optional.ofNullable(event.getBody()).flatMap(MongoRegistryDocuments::trigger);
        yield trigger.isPresent()
            ? trigger.<RegistryChange>map(RegistryChange.TriggerSaved::new)
            : id(event).<RegistryChange>map(RegistryChange.TriggerRemoved::new);
      }
      case DELETE -> id(event).<RegistryChange>map(RegistryChange.TriggerRemoved::new);
      default -> Optional.empty();
    };
  }

  private static Optional<RegistryChange> workflowChange(ChangeStreamEvent<Document> event) {
    if (event.getOperationType() == null) {
      return Optional.empty();
    }
    return switch (event.getOperationType()) {
      case INSERT, UPDATE, REPLACE -> {
        Optional<StoredWorkflow> workflow =
            Optional.ofNullable(event.getBody()).flatMap(MongoRegistryDocuments::workflow);
        yield workflow.isPresent()
            ? workflow.<RegistryChange>map(RegistryChange.WorkflowSaved::new)
            : id(event).<RegistryChange>map(RegistryChange.WorkflowRemoved::new);
      }
      case DELETE -> id(event).<RegistryChange>map(RegistryChange.WorkflowRemoved::new);
      default -> Optional.empty();
    };
  }

  /**
   * The changed document's id, from its document key. Read the id of an insert, update or replace
   * from the full document instead: mongo-java-server puts the update operators, not the id, in the
   * document key of an update event.
   */
  private static Optional<String> id(ChangeStreamEvent<Document> event) {
    return Optional.ofNullable(MongoRegistryDocuments.id(event.getRaw().getDocumentKey()));
  }
}
