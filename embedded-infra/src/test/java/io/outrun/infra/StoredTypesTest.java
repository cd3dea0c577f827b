package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.junit.jupiter.api.Test;

class StoredTypesTest {

  private static final List<Object> KEYS =
      List.of(
          "run-1",
          "run-2",
          "",
          1,
          2,
          1L,
          1.0,
          -0.0,
          true,
          new ObjectId(),
          new BsonTimestamp(7L << 32 | 3),
          Instant.ofEpochMilli(1_700_000_000_123L),
          UUID.fromString("6f1c6a8e-1f35-4c3e-9d2a-2a8c7f0f1b11"),
          new Document("tenant", "ws-1").append("n", 1),
          new Document("n", 1).append("tenant", "ws-1"),
          List.of("a", 1),
          new BinData(new byte[] {1, 2, 3}),
          new Decimal128(new BigDecimal("1.5")),
          MaxKey.getInstance(),
          Missing.getInstance());

  @Test
  void aDocumentReadsBackWithTheTypesAClientsCommandDecodesTo() {
    Document document =
        new Document("_id", new ObjectId())
            .append("text", "héllo")
            .append("int", 42)
            .append("long", 1L << 40)
            .append("double", 2.5)
            .append("flag", false)
            .append("none", null)
            .append("at", Instant.ofEpochMilli(1_700_000_000_123L))
            .append("ts", new BsonTimestamp(99L << 32 | 1))
            .append("uuid", UUID.randomUUID())
            .append("bytes", new BinData(new byte[] {9, 8}))
            .append("decimal", new Decimal128(new BigDecimal("10.25")))
            .append("list", List.of(1, "two", new Document("three", 3)))
            .append("nested", new Document("deeper", new Document("deepest", List.of())));

    assertThat(roundTrip(StoredTypes.DOCUMENTS, document)).isEqualTo(document);
  }

  @Test
  void everyKeyReadsBackEqual() {
    for (Object key : KEYS) {
      assertThat(roundTrip(StoredTypes.KEYS, key)).as("%s", key).isEqualTo(key);
    }
  }

  @Test
  void twoKeysAreTheSameKeyExactlyWhenTheyAreEqual() {
    for (Object a : KEYS) {
      for (Object b : KEYS) {
        assertThat(StoredTypes.compareKeys(a, b) == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
        assertThat(Integer.signum(StoredTypes.compareKeys(a, b)))
            .as("%s vs %s, both ways", a, b)
            .isEqualTo(-Integer.signum(StoredTypes.compareKeys(b, a)));
      }
    }
  }

  @Test
  void keysOfOneNaturallyOrderedClassKeepTheirNaturalOrder() {
    // the order stored B-trees are in; by their encodings most of these pairs would be reversed
    List<List<Object>> ascending =
        List.of(
            List.of("ab", "b"),
            List.of(new BsonTimestamp(1L << 32 | 2), new BsonTimestamp(2L << 32 | 1)),
            List.of(
                new ObjectId("000000000000000000000002"), new ObjectId("010000000000000000000001")),
            List.of(-1L, 256L),
            List.of(-1, 256),
            List.of(-1.5, 2.5),
            List.of(false, true),
            List.of(Instant.ofEpochMilli(-1), Instant.ofEpochMilli(256)),
            List.of(new UUID(1, 2), new UUID(2, 1)));
    for (List<Object> pair : ascending) {
      assertThat(StoredTypes.compareKeys(pair.get(0), pair.get(1))).as("%s", pair).isNegative();
    }
  }

  @Test
  void keysAreTotallyOrdered() {
    List<Object> sorted = new ArrayList<>(KEYS);
    sorted.sort(StoredTypes::compareKeys);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        assertThat(StoredTypes.compareKeys(sorted.get(i), sorted.get(j)))
            .as("%s before %s", sorted.get(i), sorted.get(j))
            .isNegative();
      }
    }
  }

  @Test
  void indexKeysCompareFieldByFieldAndReadBackEqual() {
    KeyValue one = new KeyValue("ws-1", 1.0);
    KeyValue two = new KeyValue("ws-1", 2.0);
    KeyValue absent = new KeyValue(Arrays.asList(null, 1.0));

    assertThat(StoredTypes.INDEX_KEYS.compare(one, two)).isNegative();
    assertThat(StoredTypes.INDEX_KEYS.compare(two, one)).isPositive();
    assertThat(StoredTypes.INDEX_KEYS.compare(one, new KeyValue("ws-1", 1.0))).isZero();
    assertThat(StoredTypes.INDEX_KEYS.compare(one, new KeyValue("ws-1"))).isPositive();
    for (KeyValue key : List.of(one, two, absent)) {
      assertThat(roundTrip(StoredTypes.INDEX_KEYS, key)).isEqualTo(key);
    }
  }

  private static <T> T roundTrip(DataType<T> type, T value) {
    WriteBuffer out = new WriteBuffer();
    type.write(out, value);
    out.put((byte) 0x55); // what follows in a page must be left where it is
    ByteBuffer in = out.getBuffer();
    in.flip();
    T read = type.read(in);
    assertThat(in.get()).as("the byte after the value").isEqualTo((byte) 0x55);
    assertThat(in.hasRemaining()).isFalse();
    return read;
  }
}
