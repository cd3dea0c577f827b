package io.outrun.runner.store;

import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code workflow_versions} documents trigger-api writes, read as they are stored. */
@Component
public class WorkflowVersionDocuments {

  public static final String COLLECTION = "workflow_versions";

  private final ReactiveMongoTemplate mongo;

  WorkflowVersionDocuments(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * The document {@code <workflowId>:<version>} as plain JSON values (maps, lists, strings,
   * numbers), empty when there is none.
   */
  public Mono<Map<String, Object>> find(String id) {
    return mongo.findById(id, Document.class, COLLECTION).map(document -> document);
  }
}
