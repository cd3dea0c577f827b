package io.outrun.listener.datachange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {

  private static final ObjectId ID = new ObjectId("65f0c0ffee00000000000001");

  private static Document update() {
    return new Document("_id", new Document("_data", "8265F0C0FFEE000000012B"))
        .append("operationType", "update")
        .append("clusterTime", new BsonTimestamp(1_900_000_000, 7))
        .append("ns", new Document("db", "crm").append("coll", "leads"))
        .append("documentKey", new Document("_id", ID))
        .append(
            "fullDocument",
            new Document("_id", ID)
                .append("status", "hot")
                .append("at", Date.from(Instant.parse("2030-01-01T00:00:00Z")))
                .append("score", new Decimal128(new BigDecimal("9.5")))
                .append("tags", List.of("a", new ObjectId("65f0c0ffee00000000000002"))))
        .append("updateDescription", new Document("updatedFields", new Document()));
  }

  @Test
  void theEventIdIsTheTokensDataStringOrItsCanonicalJson() {
    assertThat(ChangeEvents.eventId(new Document("_data", "82AB"))).isEqualTo("82AB");
    assertThat(ChangeEvents.eventId(new Document("ts", 1).append("x", "y")))
        .isEqualTo(new Document("ts", 1).append("x", "y").toJson());
  }

  @Test
  void thePayloadIsTheChangeEventAsPlainJson() {
    Map<String, Object> payload = ChangeEvents.payload(update());

    assertThat(payload)
        .containsOnlyKeys("operationType", "ns", "documentKey", "fullDocument", "clusterTime")
        .containsEntry("operationType", "update")
        .containsEntry("ns", Map.of("db", "crm", "coll", "leads"))
        .containsEntry("documentKey", Map.of("_id", ID.toHexString()))
        .containsEntry("clusterTime", Instant.ofEpochSecond(1_900_000_000).toString());
    assertThat(payload.get("fullDocument"))
        .isEqualTo(
            Map.of(
                "_id",
                ID.toHexString(),
                "status",
                "hot",
                "at",
                "2030-01-01T00:00:00Z",
                "score",
                new BigDecimal("9.5"),
                "tags",
                List.of("a", "65f0c0ffee00000000000002")));
  }

  @Test
  void aDeleteHasNoFullDocument() {
    Document delete = update().append("operationType", "delete");
    delete.remove("fullDocument");

    assertThat(ChangeEvents.payload(delete)).doesNotContainKey("fullDocument");
  }

  @Test
  void dropRenameDropDatabaseAndInvalidateEndTheStream() {
    for (String ending : List.of("drop", "rename", "dropDatabase", "invalidate")) {
      assertThat(ChangeEvents.ends(new Document("operationType", ending))).isTrue();
    }
    assertThat(ChangeEvents.ends(update())).isFalse();
    assertThat(ChangeEvents.isInvalidate(new Document("operationType", "invalidate"))).isTrue();
  }
}
