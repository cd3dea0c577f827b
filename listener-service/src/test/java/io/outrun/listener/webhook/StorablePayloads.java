package io.outrun.listener.webhook;

import com.mongodb.MongoClientSettings;
import io.outrun.service.StoredJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * Whether a run's payload can be stored by MongoDB as the runner stores it (keys escaped with
 * {@link StoredJson}) and read back unchanged: no value a codec refuses, no text that does not
 * survive UTF-8, and within MongoDB's nesting limit of 100 (the payload sits 3 levels down in a run
 * document).
 */
final class StorablePayloads {

  private static final int MAX_PAYLOAD_DEPTH = 100 - 2;
  private static final DocumentCodec CODEC =
      new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

  private StorablePayloads() {}

  /** Why {@code payload} would not be stored as it is; empty when it would. */
  static Optional<String> problem(Map<String, Object> payload) {
    int depth = depth(payload);
    if (depth > MAX_PAYLOAD_DEPTH) {
      return Optional.of("nested " + depth + " levels deep, over MongoDB's 100 in a run");
    }
    try {
      Document stored = new Document(StoredJson.toStored(payload));
      BsonDocument bson = new RawBsonDocument(stored, CODEC);
      Document read = CODEC.decode(bson.asBsonReader(), DecoderContext.builder().build());
      Map<String, Object> back = StoredJson.fromStored(read);
      return payload.equals(back)
          ? Optional.empty()
          : Optional.of("reads back changed: " + cut(payload) + " became " + cut(back));
    } catch (RuntimeException unstorable) {
      return Optional.of("cannot be stored: " + unstorable);
    }
  }

  private static int depth(Object value) {
    return switch (value) {
      case Map<?, ?> map ->
          1 + map.values().stream().mapToInt(StorablePayloads::depth).max().orElse(0);
      case List<?> list -> 1 + list.stream().mapToInt(StorablePayloads::depth).max().orElse(0);
      case null, default -> 0;
    };
  }

  private static String cut(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
