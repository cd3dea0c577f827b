package io.outrun.listener.registry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One unordered bulk write to {@code triggers} per call: {@code $inc} of {@code triggerCount} and
 * {@code $max} of {@code lastTriggeredAt} per trigger, no upsert.
 */
@Component
class MongoTriggerActivityStore implements TriggerActivityStore {

  private final ReactiveMongoTemplate mongo;

  MongoTriggerActivityStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public Mono<Void> write(List<TriggerFires> fires) {
    ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, MongoRegistrySource.TRIGGERS);
    fires.forEach(
        f ->
            bulk.updateOne(
                Query.query(where("_id").is(f.triggerId())),
                new Update().inc("triggerCount", f.count()).max("lastTriggeredAt", f.lastAt())));
    return bulk.execute().then();
  }
}
