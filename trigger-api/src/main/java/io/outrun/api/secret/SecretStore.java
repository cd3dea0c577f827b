package io.outrun.api.secret;

import io.outrun.service.secret.StoredSecrets;
import java.time.Instant;
import java.util.Collection;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code secrets} collection ({@link StoredSecrets}). Every query names the workspace; the
 * value's ciphertext is written here and never read back by trigger-api.
 */
@Component
class SecretStore {

  private final ReactiveMongoTemplate mongo;

  SecretStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Creates or replaces the secret; answers whether it was created. */
  Mono<Boolean> put(
      String workspaceId, String name, SecretSealer.Sealed sealed, String userId, Instant now) {
    Query query = Query.query(Criteria.where("_id").is(StoredSecrets.id(workspaceId, name)));
    Update update =
        new Update()
            .set("valueEncrypted", sealed.valueEncrypted())
            .set("keyId", sealed.keyId())
            .set("updatedBy", userId)
            .set("updatedAt", now)
            .setOnInsert("workspaceId", workspaceId)
            .setOnInsert("name", name)
            .setOnInsert("createdBy", userId)
            .setOnInsert("createdAt", now);
    return mongo
        .upsert(query, update, StoredSecrets.COLLECTION)
        .map(result -> result.getUpsertedId() != null);
  }

  Mono<Boolean> exists(String workspaceId, String name) {
    return mongo.exists(
        Query.query(Criteria.where("_id").is(StoredSecrets.id(workspaceId, name))),
        StoredSecrets.COLLECTION);
  }

  Mono<Long> count(String workspaceId) {
    return mongo.count(
        Query.query(Criteria.where("workspaceId").is(workspaceId)), StoredSecrets.COLLECTION);
  }

  /** The workspace's secrets by name, without their values. */
  Flux<SecretView> list(String workspaceId) {
    Query query = Query.query(Criteria.where("workspaceId").is(workspaceId));
    query.fields().exclude("valueEncrypted");
    query.with(Sort.by("name"));
    return mongo.find(query, Document.class, StoredSecrets.COLLECTION).map(SecretStore::view);
  }

  /** Those of {@code names} the workspace holds. */
  Flux<String> existing(String workspaceId, Collection<String> names) {
    Query query = Query.query(Criteria.where("workspaceId").is(workspaceId).and("name").in(names));
    query.fields().include("name");
    return mongo
        .find(query, Document.class, StoredSecrets.COLLECTION)
        .map(document -> document.getString("name"));
  }

  Mono<Boolean> delete(String workspaceId, String name) {
    return mongo
        .remove(
            Query.query(Criteria.where("_id").is(StoredSecrets.id(workspaceId, name))),
            StoredSecrets.COLLECTION)
        .map(result -> result.getDeletedCount() > 0);
  }

  private static SecretView view(Document document) {
    return new SecretView(
        document.getString("name"),
        document.getString("createdBy"),
        instant(document.getDate("createdAt")),
        document.getString("updatedBy"),
        instant(document.getDate("updatedAt")));
  }

  private static Instant instant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }
}
