package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collection;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The names of a workspace's triggers by id, for the runs listed across workflows. Reads the
 * trigger feature's {@code triggers} documents by shape ({@code _id}, {@code workspaceId}, {@code
 * name}) rather than through its types: the trigger feature already uses this one (it records the
 * runs it fires), so the run feature may not use it back.
 */
@Component
class TriggerNameStore {

  private static final String TRIGGERS = "triggers";

  private final ReactiveMongoTemplate mongo;

  TriggerNameStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * The workspace's triggers among {@code ids}: id -> name, in one query. Ids of another workspace
   * or of deleted triggers are left out.
   */
  Mono<Map<String, String>> names(String workspaceId, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    Query query = Query.query(where("_id").in(ids).and("workspaceId").is(workspaceId));
    query.fields().include("name");
    return mongo
        .find(query, Document.class, TRIGGERS)
        .filter(trigger -> trigger.get("name") instanceof String)
        .collectMap(trigger -> trigger.getString("_id"), trigger -> trigger.getString("name"));
  }
}
