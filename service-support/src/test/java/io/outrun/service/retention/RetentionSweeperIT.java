package io.outrun.service.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.testing.TestInfraInitializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.ContextConfiguration;

/** Retention against the in-process MongoDB: the TTL index it keeps, and the sweep. */
@SpringBootTest(classes = RetentionSweeperIT.App.class, properties = "outrun.retention.runs=30d")
@ContextConfiguration(initializers = TestInfraInitializer.class)
class RetentionSweeperIT {

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    RetainedCollections retained(RetentionProperties retention) {
      return RetainedCollections.of(new RetentionRule("kept_runs", "finishedAt", retention.runs()));
    }
  }

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired RetentionSweeper started;

  @Test
  void startCreatesATtlIndexOnTheRulesField() {
    IndexInfo index = ttlIndex("kept_runs", "finishedAt_retention");

    assertThat(index.getIndexFields().getFirst().getKey()).isEqualTo("finishedAt");
    assertThat(index.getExpireAfter()).contains(Duration.ofDays(30));
  }

  /**
   * The in-process server keeps the first definition and ignores a second create with other options
   * (real MongoDB refuses it, and {@link RetentionIndexes} then uses collMod, which is not
   * exercised here); a changed setting must still start cleanly, and the sweep uses the new one.
   */
  @Test
  void aChangedRetentionStartsCleanly() {
    String collection = "changed_" + UUID.randomUUID().toString().replace("-", "");
    var indexes = new RetentionIndexes(mongo);

    indexes.ensure(new RetentionRule(collection, "at", Duration.ofDays(7))).block();
    indexes.ensure(new RetentionRule(collection, "at", Duration.ofDays(9))).block();

    assertThat(ttlIndex(collection, "at_retention")).isNotNull();
  }

  @Test
  void sweepDeletesOnlyWhatOutlivedItsRetention() {
    String collection = "swept_" + UUID.randomUUID().toString().replace("-", "");
    mongo
        .insert(
            (java.util.Collection<Document>)
                List.of(
                    new Document("_id", "expired")
                        .append("finishedAt", at(NOW.minus(Duration.ofDays(31)))),
                    new Document("_id", "recent")
                        .append("finishedAt", at(NOW.minus(Duration.ofDays(29)))),
                    new Document("_id", "running").append("status", "running")),
            collection)
        .blockLast();
    var sweeper = sweeperAtNow(new RetentionRule(collection, "finishedAt", Duration.ofDays(30)));

    assertThat(sweeper.sweep().block()).isEqualTo(1L);
    assertThat(idsIn(collection)).containsExactlyInAnyOrder("recent", "running");
  }

  /**
   * A sweep deletes a batch per command, and goes on until nothing expired is left; ids that are
   * 24-hex strings are deleted as the strings they are (Spring's query mapping made them ObjectIds,
   * which matched nothing).
   */
  @Test
  void aSweepDeletesEverythingExpiredBatchAfterBatch() {
    String collection = "batched_" + UUID.randomUUID().toString().replace("-", "");
    int expired = ExpiredDocuments.BATCH * 2 + 500;
    List<Document> documents = new java.util.ArrayList<>();
    for (int i = 0; i < expired; i++) {
      documents.add(
          new Document("_id", new ObjectId().toHexString()) // as the audit log's ids are
              .append("finishedAt", at(NOW.minus(Duration.ofDays(31 + i % 5)))));
    }
    for (int i = 0; i < 20; i++) {
      documents.add(
          new Document("_id", "recent-" + i)
              .append("finishedAt", at(NOW.minus(Duration.ofDays(i % 29)))));
    }
    mongo.insert((java.util.Collection<Document>) documents, collection).blockLast();
    var sweeper = sweeperAtNow(new RetentionRule(collection, "finishedAt", Duration.ofDays(30)));

    assertThat(sweeper.sweep().block()).isEqualTo((long) expired);
    assertThat(idsIn(collection)).hasSize(20).allMatch(id -> id.startsWith("recent-"));
    assertThat(sweeper.sweep().block()).as("nothing left to delete").isZero();
  }

  @Test
  void aWorkspaceOverrideSweepsItsDocumentsByItsOwnCutoffAndTheOthersByTheDefault() {
    String collection = "per_workspace_" + UUID.randomUUID().toString().replace("-", "");
    String shorter = "ws-short-" + UUID.randomUUID();
    String longer = "ws-long-" + UUID.randomUUID();
    mongo
        .insert(
            (java.util.Collection<Document>)
                List.of(
                    new Document("_id", shorter).append("retention", new Document("runsDays", 3)),
                    new Document("_id", longer).append("retention", new Document("runsDays", 60))),
            WorkspaceRetentions.COLLECTION)
        .blockLast();
    mongo
        .insert(
            (java.util.Collection<Document>)
                List.of(
                    ended("short-4d", shorter, 4),
                    ended("short-2d", shorter, 2),
                    ended("long-40d", longer, 40),
                    ended("long-61d", longer, 61),
                    ended("default-29d", "ws-default", 29),
                    ended("default-31d", "ws-default", 31)),
            collection)
        .blockLast();
    var sweeper =
        sweeperAtNow(new RetentionRule(collection, "finishedAt", Duration.ofDays(30), "runsDays"));

    assertThat(sweeper.sweep().block()).isEqualTo(3L);
    assertThat(idsIn(collection)).containsExactlyInAnyOrder("short-2d", "long-40d", "default-29d");
  }

  @Test
  void anOverridableRulesTtlIndexIsABackstopAsLongAsTheLongestOverride() {
    RetentionRule rule = new RetentionRule("runs", "finishedAt", Duration.ofDays(30), "runsDays");

    assertThat(rule.ttl()).isEqualTo(Duration.ofDays(RetentionRule.MAX_OVERRIDE_DAYS));
    assertThat(new RetentionRule("runs", "finishedAt", Duration.ofDays(30)).ttl())
        .isEqualTo(Duration.ofDays(30));
  }

  /** A sweeper of {@code rule} whose clock stands at {@link #NOW}, sweeping only when asked. */
  private RetentionSweeper sweeperAtNow(RetentionRule rule) {
    return new RetentionSweeper(
        mongo, RetainedCollections.of(rule), Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private List<String> idsIn(String collection) {
    return mongo
        .findAll(Document.class, collection)
        .map(d -> d.getString("_id"))
        .collectList()
        .block();
  }

  private static Document ended(String id, String workspaceId, int daysAgo) {
    return new Document("_id", id)
        .append("workspaceId", workspaceId)
        .append("finishedAt", at(NOW.minus(Duration.ofDays(daysAgo))));
  }

  private IndexInfo ttlIndex(String collection, String name) {
    return mongo
        .indexOps(collection)
        .getIndexInfo()
        .filter(info -> info.getName().equals(name))
        .next()
        .block(Duration.ofSeconds(30));
  }

  private static Date at(Instant instant) {
    return Date.from(instant);
  }
}
