package io.outrun.listener.datachange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Reads the server's change events as {@link ChangeEvent}s: the id a run request takes from one,
 * its resume token, and the {@code $trigger} payload a run sees. No I/O.
 */
final class MongoChangeEvents {

  /** Resume tokens as extended JSON that reads back as the same BSON. */
  private static final JsonWriterSettings TOKEN_JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private MongoChangeEvents() {}

  static ChangeEvent read(Document event) {
    Document token = token(event);
    return new ChangeEvent(
        eventId(token), tokenJson(token), operationType(event), clusterTime(event), payload(event));
  }

  /** A resume token as extended JSON ({@link StreamPosition#token}). */
  static String tokenJson(Document token) {
    return token.toJson(TOKEN_JSON);
  }

  static String tokenJson(BsonDocument token) {
    return token.toJson(TOKEN_JSON);
  }

  /** A resume token held as extended JSON, as the server takes it. */
  static BsonDocument token(String json) {
    return BsonDocument.parse(json);
  }

  /**
   * The change event's id (its resume token) as a stable string: MongoDB's {@code _data} string,
   * or, for a token without one, its canonical JSON.
   */
  static String eventId(Document token) {
    Object data = token.get("_data");
    return data instanceof String text ? text : token.toJson();
  }

  private static String operationType(Document event) {
    return event.getString("operationType");
  }

  private static Document token(Document event) {
    return (Document) event.get("_id");
  }

  /** The event's cluster time, second precision; null when the server gave none. */
  static Instant clusterTime(Document event) {
    return event.get("clusterTime") instanceof BsonTimestamp ts
        ? Instant.ofEpochSecond(ts.getTime())
        : null;
  }

  /**
   * {@code $trigger}: {@code operationType}, {@code ns {db, coll}}, {@code documentKey}, {@code
   * fullDocument} (absent for deletes, and for an update whose document is gone by the lookup) and
   * {@code clusterTime} as an ISO-8601 instant (the BSON timestamp's second). Values are plain
   * JSON: ObjectIds as hex strings, dates as ISO-8601 strings, decimals as numbers, binary as
   * base64.
   */
  static Map<String, Object> payload(Document event) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("operationType", operationType(event));
    putIfPresent(payload, "ns", event.get("ns"));
    putIfPresent(payload, "documentKey", event.get("documentKey"));
    putIfPresent(payload, "fullDocument", event.get("fullDocument"));
    Instant clusterTime = clusterTime(event);
    if (clusterTime != null) {
      payload.put("clusterTime", clusterTime.toString());
    }
    return payload;
  }

  private static void putIfPresent(Map<String, Object> payload, String key, Object value) {
    if (value != null) {
      payload.put(key, plain(value));
    }
  }

  /** A BSON value as JSON-friendly Java: maps, lists, strings, numbers, booleans. */
  static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case Map<?, ?> map -> {
        Map<String, Object> plain = new LinkedHashMap<>();
        map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
        yield plain;
      }
      case Collection<?> list -> {
        List<Object> plain = new ArrayList<>(list.size());
        list.forEach(item -> plain.add(plain(item)));
        yield plain;
      }
      case ObjectId id -> id.toHexString();
      case Date date -> date.toInstant().toString();
      case BsonTimestamp ts -> Instant.ofEpochSecond(ts.getTime()).toString();
      case Decimal128 decimal -> decimal.bigDecimalValue();
      case Binary binary -> Base64.getEncoder().encodeToString(binary.getData());
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      default -> value.toString();
    };
  }
}
