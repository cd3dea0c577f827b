package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver's {@code countDocuments} answers on the in-process MongoDB ({@link CountDocuments}: as
 * the {@code count} command) as on a plain in-memory mongo-java-server, which runs the driver's
 * aggregation: the same count for every filter, skip and limit, and the same error for a bad
 * filter. Aggregations of any other shape are the server's own, and answer as before.
 */
class CountDocumentsIT {

  @TempDir Path dataDir;

  private ComparedServers servers;
  private MongoCollection<Document> triggers;
  private MongoCollection<Document> expectedTriggers;

  @BeforeEach
  void start() {
    servers = new ComparedServers(dataDir);
    triggers = servers.embedded().getDatabase("outrun").getCollection("triggers");
    expectedTriggers = servers.reference().getDatabase("outrun").getCollection("triggers");
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      documents.add(
          new Document("_id", "trigger-" + i)
              .append("workspaceId", "workspace-" + i % 3)
              .append("type", i % 4 == 0 ? "webhook" : "schedule")
              .append("enabled", i % 5 != 0)
              .append("config", new Document("cron", "0 0 1 1 *").append("slot", i)));
    }
    triggers.insertMany(documents);
    expectedTriggers.insertMany(documents);
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  @Test
  void countsAsTheServersAggregationDoes() {
    List<Bson> filters =
        List.of(
            new Document(),
            Filters.eq("workspaceId", "workspace-1"),
            Filters.and(Filters.eq("workspaceId", "workspace-2"), Filters.eq("enabled", true)),
            Filters.in("type", List.of("webhook", "kafka_topic")),
            Filters.gte("config.slot", 45),
            Filters.eq("workspaceId", "nobody"),
            Filters.eq("_id", "trigger-7"),
            Filters.exists("config.cron", false));
    List<CountOptions> options =
        List.of(
            new CountOptions(),
            new CountOptions().skip(3),
            new CountOptions().limit(5),
            new CountOptions().skip(4).limit(7),
            new CountOptions().skip(100));
    for (Bson filter : filters) {
      for (CountOptions option : options) {
        assertThat(triggers.countDocuments(filter, option))
            .as("%s, skip %d, limit %d", filter, option.getSkip(), option.getLimit())
            .isEqualTo(expectedTriggers.countDocuments(filter, option));
      }
    }
    assertThat(triggers.countDocuments(Filters.eq("workspaceId", "workspace-1"))).isEqualTo(20);
  }

  @Test
  void aCollectionThatDoesNotExistCountsNothing() {
    assertThat(servers.embedded().getDatabase("outrun").getCollection("nothing").countDocuments())
        .isZero();
    assertThat(
            servers
                .embedded()
                .getDatabase("outrun")
                .getCollection("nothing")
                .countDocuments(Filters.eq("a", 1)))
        .isZero();
  }

  @Test
  void aBadFilterFailsAsTheServersAggregationDoes() {
    Bson bad = new Document("enabled", new Document("$unknownOperator", 1));

    MongoCommandException failure =
        catchThrowableOfType(MongoCommandException.class, () -> triggers.countDocuments(bad));
    MongoCommandException expected =
        catchThrowableOfType(
            MongoCommandException.class, () -> expectedTriggers.countDocuments(bad));

    assertThat(failure).isNotNull();
    assertThat(failure.getErrorCode()).isEqualTo(expected.getErrorCode());
  }

  @Test
  void otherAggregationsAreTheServersOwn() {
    List<Bson> groupByType =
        List.of(
            new Document("$match", new Document("enabled", true)),
            new Document(
                "$group", new Document("_id", "$type").append("n", new Document("$sum", 1))),
            new Document("$sort", new Document("_id", 1)));
    List<Bson> groupByNull =
        List.of(
            new Document("$match", new Document("workspaceId", "workspace-0")),
            new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1))));
    for (List<Bson> pipeline : List.of(groupByType, groupByNull)) {
      assertThat(triggers.aggregate(pipeline).into(new ArrayList<>()))
          .isEqualTo(expectedTriggers.aggregate(pipeline).into(new ArrayList<>()))
          .isNotEmpty();
    }
  }
}
