package io.outrun.api.audit;

import io.outrun.api.PageCursor;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code audit_log} collection: entries are only inserted (never changed) and read newest first
 * within one workspace, served by the {@code workspace_newest} index.
 */
@Component
class AuditStore {

  static final String COLLECTION = "audit_log";
  static final String AT = "at";

  private final ReactiveMongoTemplate mongo;

  AuditStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Inserts the entries in one command, each under a new ObjectId's text: ids made in one process
   * grow with time, so entries of the same millisecond still list newest first.
   */
  Mono<Void> insertAll(List<AuditEntry> entries) {
    return mongo.insert(entries.stream().map(AuditStore::document).toList(), COLLECTION).then();
  }

  private static Document document(AuditEntry entry) {
    return new Document("_id", new ObjectId().toHexString())
        .append("workspaceId", entry.workspaceId())
        .append("subject", entry.subject())
        .append("role", entry.role())
        .append("action", entry.action())
        .append("objectType", entry.objectType())
        .append("objectId", entry.objectId())
        .append("method", entry.method())
        .append("path", entry.path())
        .append("status", entry.status())
        .append(AT, Date.from(entry.at()))
        .append("requestId", entry.requestId());
  }

  /** The workspace's entries newest first (time, then id), after {@code before} if given. */
  Flux<Document> page(String workspaceId, AuditFilter filter, PageCursor before, int limit) {
    Query query = Query.query(Criteria.where("workspaceId").is(workspaceId));
    if (filter.action() != null) {
      query.addCriteria(Criteria.where("action").is(filter.action()));
    }
    if (filter.objectId() != null) {
      query.addCriteria(Criteria.where("objectId").is(filter.objectId()));
    }
    if (before != null) {
      query.addCriteria(before.after(AT));
    }
    query.with(Sort.by(Sort.Direction.DESC, AT, "_id")).limit(limit);
    return mongo.find(query, Document.class, COLLECTION);
  }
}
