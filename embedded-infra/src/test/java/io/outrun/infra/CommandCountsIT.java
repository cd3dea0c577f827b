package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * {@code serverStatus} tells the commands answered by name ({@code metrics.commands}) and by kind
 * ({@code opcounters}), as MongoDB's does: what the benchmarks read to print commands per run.
 */
class CommandCountsIT {

  @Test
  void serverStatusCountsCommandsByNameAndOperationsByKind() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase admin = client.getDatabase("admin");
      MongoCollection<Document> runs = client.getDatabase("outrun").getCollection("runs");
      Document before = admin.runCommand(new Document("serverStatus", 1));

      runs.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b")));
      runs.bulkWrite(
          List.of(
              new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.set("n", 1)),
              new UpdateOneModel<>(Filters.eq("_id", "b"), Updates.set("n", 2))));
      runs.find(Filters.eq("_id", "a")).first();
      assertThatThrownBy(() -> admin.runCommand(new Document("noSuchCommand", 1)))
          .isInstanceOf(MongoCommandException.class);

      Document after = admin.runCommand(new Document("serverStatus", 1));
      assertThat(commands(after, "insert") - commands(before, "insert")).isEqualTo(1);
      assertThat(commands(after, "update") - commands(before, "update")).isEqualTo(1);
      assertThat(commands(after, "find") - commands(before, "find")).isEqualTo(1);
      assertThat(failed(after, "noSuchCommand")).isEqualTo(1);
      assertThat(ops(after, "insert") - ops(before, "insert")).isEqualTo(2);
      assertThat(ops(after, "update") - ops(before, "update")).isEqualTo(2);
      assertThat(ops(after, "query") - ops(before, "query")).isEqualTo(1);
    }
  }

  private static long commands(Document status, String name) {
    Document counts = command(status, name);
    return counts == null ? 0 : counts.get("total", Number.class).longValue();
  }

  private static long failed(Document status, String name) {
    return command(status, name).get("failed", Number.class).longValue();
  }

  private static Document command(Document status, String name) {
    return status
        .get("metrics", Document.class)
        .get("commands", Document.class)
        .get(name, Document.class);
  }

  private static long ops(Document status, String kind) {
    return status.get("opcounters", Document.class).get(kind, Number.class).longValue();
  }
}
