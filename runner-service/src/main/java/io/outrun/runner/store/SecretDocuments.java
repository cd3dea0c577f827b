package io.outrun.runner.store;

import io.outrun.service.secret.StoredSecrets;
import java.util.Collection;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The {@code secrets} documents trigger-api writes ({@link StoredSecrets}), read by id. */
@Component
public class SecretDocuments {

  /** One stored secret: its name and its value as sealed (never decrypted here). */
  public record Sealed(String name, String valueEncrypted) {}

  private final ReactiveMongoTemplate mongo;

  SecretDocuments(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Those of {@code names} the workspace holds. */
  public Flux<Sealed> find(String workspaceId, Collection<String> names) {
    var ids = names.stream().map(name -> StoredSecrets.id(workspaceId, name)).toList();
    Query query = Query.query(Criteria.where("_id").in(ids).and("workspaceId").is(workspaceId));
    query.fields().include("name", "valueEncrypted");
    return mongo
        .find(query, Document.class, StoredSecrets.COLLECTION)
        .map(
            document ->
                new Sealed(document.getString("name"), document.getString("valueEncrypted")));
  }
}
