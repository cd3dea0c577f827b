package io.outrun.runner.store;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.springframework.data.mongodb.core.ChangeStreamOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The runs whose cancellation trigger-api requests, as it flags them ({@code cancelRequested}): one
 * change stream on {@code runs} that matches the update setting the flag and looks nothing up, so
 * it costs nothing per run.
 */
@Component
public class CancelFlags {

  private static final String FLAG = "cancelRequested";

  private final ReactiveMongoTemplate mongo;

  CancelFlags(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The id of each run flagged from now on; fails when the stream does (reopen it then). */
  public Flux<String> flagged() {
    ChangeStreamOptions options =
        ChangeStreamOptions.builder()
            .filter(
                Aggregation.newAggregation(
                    Aggregation.match(
                        Criteria.where("updateDescription.updatedFields." + FLAG).is(true))))
            .build();
    return mongo
        .changeStream(RunDocument.COLLECTION, options, Document.class)
        .mapNotNull(event -> runId(event.getRaw()));
  }

  private static String runId(ChangeStreamDocument<Document> change) {
    if (change == null || change.getDocumentKey() == null) {
      return null;
    }
    BsonValue id = change.getDocumentKey().get("_id");
    return id != null && id.isString() ? id.asString().getValue() : null;
  }
}
