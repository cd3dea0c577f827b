package io.outrun.listener.datachange;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class MongoChangeEventsTest {

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
    assertThat(MongoChangeEvents.eventId(new Document("_data", "82AB"))).isEqualTo("82AB");
    assertThat(MongoChangeEvents.eventId(new Document("ts", 1).append("x", "y")))
        .isEqualTo(new Document("ts", 1).append("x", "y").toJson());
  }

  @Test
  void thePayloadIsTheChangeEventAsPlainJson() {
    Map<String, Object> payload = MongoChangeEvents.payload(update());

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

    assertThat(MongoChangeEvents.payload(delete)).doesNotContainKey("fullDocument");
  }

  @Test
  void dropRenameDropDatabaseAndInvalidateEndTheStream() {
    for (String ending : List.of("drop", "rename", "dropDatabase", "invalidate")) {
      assertThat(MongoChangeEvents.read(update().append("operationType", ending)).ends()).isTrue();
    }
    assertThat(MongoChangeEvents.read(update()).ends()).isFalse();
    assertThat(
            MongoChangeEvents.read(update().append("operationType", "invalidate")).isInvalidate())
        .isTrue();
  }

  @Test
  void aReadEventCarriesItsIdTokenTimeAndPayload() {
    ChangeEvent event = MongoChangeEvents.read(update());

    assertThat(event.id()).isEqualTo("8265F0C0FFEE000000012B");
    assertThat(event.operationType()).isEqualTo("update");
    assertThat(event.clusterTime()).isEqualTo(Instant.ofEpochSecond(1_900_000_000));
    assertThat(event.payload()).isEqualTo(MongoChangeEvents.payload(update()));
    assertThat(event.after("crm.leads"))
        .isEqualTo(
            StreamPosition.after(event.token(), Instant.ofEpochSecond(1_900_000_000), "crm.leads"));
  }

  @Test
  void aTokenHeldAsJsonReadsBackAsTheSameBson() {
    Document token =
        new Document("_data", "82AB").append("n", 5L).append("at", new BsonTimestamp(7, 1));

    String json = MongoChangeEvents.tokenJson(token);

    assertThat(MongoChangeEvents.token(json))
        .isEqualTo(
            token.toBsonDocument(
                BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()));
    assertThat(Document.parse(json)).isEqualTo(token);
  }
}
