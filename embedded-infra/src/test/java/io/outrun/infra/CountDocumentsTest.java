package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountDocumentsTest {

  private static final Document MATCH = new Document("$match", new Document("workspaceId", "w-1"));
  private static final Document GROUP =
      new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)));

  @Test
  void theDriversCountDocumentsBecomesACount() {
    Document count = CountDocuments.asCount(aggregate(MATCH, GROUP));

    assertThat(count)
        .isEqualTo(
            new Document("count", "triggers")
                .append("query", new Document("workspaceId", "w-1"))
                .append("$db", "outrun"));
  }

  @Test
  void skipAndLimitAreKeptInTheirOrder() {
    Document count =
        CountDocuments.asCount(
            aggregate(MATCH, new Document("$skip", 4L), new Document("$limit", 7L), GROUP));

    assertThat(count.get("skip")).isEqualTo(4L);
    assertThat(count.get("limit")).isEqualTo(7L);
    // a $skip after the $limit skips within the limit: not a count's skip
    assertThat(
            CountDocuments.asCount(
                aggregate(MATCH, new Document("$limit", 7L), new Document("$skip", 4L), GROUP)))
        .isNull();
  }

  @Test
  void anyOtherShapeIsTheServers() {
    Document byType =
        new Document("$group", new Document("_id", "$type").append("n", new Document("$sum", 1)));
    Document summed =
        new Document("$group", new Document("_id", 1).append("n", new Document("$sum", "$runs")));
    assertThat(CountDocuments.asCount(aggregate(MATCH, byType))).isNull();
    assertThat(CountDocuments.asCount(aggregate(MATCH, summed))).isNull();
    assertThat(CountDocuments.asCount(aggregate(GROUP))).isNull();
    assertThat(
            CountDocuments.asCount(
                aggregate(MATCH, new Document("$sort", new Document("a", 1)), GROUP)))
        .isNull();
    assertThat(CountDocuments.asCount(aggregate(MATCH, GROUP).append("collation", new Document())))
        .isNull();
    assertThat(CountDocuments.asCount(aggregate(MATCH, GROUP).append("hint", "workspaceId_1")))
        .isNull();
  }

  @Test
  void theAnswerIsTheGroupsOneDocumentOrNone() {
    Document answer =
        CountDocuments.answer("outrun.triggers", new Document("n", 12).append("ok", 1.0));
    Document cursor = (Document) answer.get("cursor");
    assertThat(cursor.get("firstBatch")).isEqualTo(List.of(new Document("_id", 1).append("n", 12)));
    assertThat(cursor.get("id")).isEqualTo(0L);
    assertThat(cursor.get("ns")).isEqualTo("outrun.triggers");

    Document none =
        CountDocuments.answer("outrun.triggers", new Document("n", 0).append("ok", 1.0));
    assertThat(((Document) none.get("cursor")).get("firstBatch")).isEqualTo(List.of());

    Document failed = new Document("ok", 0.0).append("errmsg", "bad").append("code", 2);
    assertThat(CountDocuments.answer("outrun.triggers", failed)).isSameAs(failed);
  }

  private static Document aggregate(Document... stages) {
    return new Document("aggregate", "triggers")
        .append("pipeline", List.of(stages))
        .append("cursor", new Document())
        .append("$db", "outrun");
  }
}
