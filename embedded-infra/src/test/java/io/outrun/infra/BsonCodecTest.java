package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link BsonCodec} writes what mongo-java-server's {@link BsonEncoder} writes, byte for byte: the
 * data directory keeps documents so, and index keys compare by these bytes.
 */
class BsonCodecTest {

  private static final List<Object> VALUES =
      List.of(
          "",
          "plain",
          "héllo wörld",
          "emoji 😀 and 中文",
          "a lone surrogate \uD800 here",
          "nul \u0000 inside",
          42,
          1L << 40,
          2.5,
          -0.0,
          true,
          false,
          new ObjectId(),
          Instant.ofEpochMilli(1_700_000_000_123L),
          new BsonTimestamp(99L << 32 | 1),
          UUID.fromString("6f1c6a8e-1f35-4c3e-9d2a-2a8c7f0f1b11"),
          new BinData(new byte[] {9, 8, 7}),
          new Decimal128(new BigDecimal("10.25")),
          MaxKey.getInstance(),
          MinKey.getInstance(),
          new Document("tenant", "ws-1").append("n", 1),
          List.of(1, "two", new Document("three", 3), List.of("four")),
          new LinkedHashSet<>(List.of("b", "a")));

  @Test
  void aDocumentOfEveryKindOfValueIsWrittenAsMongoJavaServerWritesIt() {
    Document document = new Document("_id", new ObjectId()).append("none", null);
    for (int i = 0; i < VALUES.size(); i++) {
      document.append("field " + i + " ü", VALUES.get(i));
    }
    document.append("long array", IntStream.range(0, 1_100).boxed().toList());
    document.append(
        "steps",
        List.of(
            new Document("nodeId", "greet").append("output", new Document("message", "Hello Ada")),
            new Document("nodeId", "shout").append("output", "HELLO ADA")));
    document.append("nested", new Document("deeper", new Document("deepest", List.of())));

    assertThat(ours(document)).isEqualTo(theirs(document));
  }

  @Test
  void everySingleValueIsWrittenAsMongoJavaServerWritesIt() {
    for (Object value : VALUES) {
      byte type = BsonEncoder.determineType(value);
      ByteBuf theirs = Unpooled.buffer();
      theirs.writeByte(type);
      BsonEncoder.encodeValue(type, value, theirs);

      assertThat(BsonCodec.valueBytes(value)).as("%s", value).isEqualTo(bytes(theirs));
    }
  }

  private static byte[] ours(Document document) {
    ByteBuf out = Unpooled.buffer();
    BsonCodec.encodeDocument(document, out);
    return bytes(out);
  }

  private static byte[] theirs(Document document) {
    ByteBuf out = Unpooled.buffer();
    BsonEncoder.encodeDocument(document, out);
    return bytes(out);
  }

  private static byte[] bytes(ByteBuf buffer) {
    return ByteBufUtil.getBytes(buffer);
  }
}
