package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredJsonTest {

  @Test
  void keysMongoCannotTakeAreEscaped() {
    Map<String, Object> stored =
        StoredJson.toStored(
            map("\u0000", 1, "", 2, "$set", 3, "a.b", 4, "100%", 5, "a$b", 6, "plain", 7));

    assertThat(stored.keySet())
        .containsExactly("%00", "%", "%24set", "a%2Eb", "100%25", "a$b", "plain");
  }

  @Test
  void storedKeysReadBackAsWritten() {
    Map<String, Object> json =
        map(
            "\u0000",
            map("$gt", List.of(map("a.b", "x", "", List.of(1, map("%00", true))))),
            "%",
            "literal percent",
            "$",
            null,
            "..",
            "dots");

    Map<String, Object> stored = StoredJson.toStored(json);

    assertThat(StoredJson.fromStored(stored)).isEqualTo(json);
    assertThat(allKeys(stored))
        .allSatisfy(
            key ->
                assertThat(key).isNotEmpty().doesNotContain("\u0000", ".").doesNotStartWith("$"));
  }

  @Test
  void everyKeyRoundTrips() {
    Random random = new Random(42);
    String alphabet = "%.$\u0000a0-_2E4";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder key = new StringBuilder();
      int length = random.nextInt(6);
      for (int i = 0; i < length; i++) {
        key.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String escaped = StoredJson.escapeKey(key.toString());
      assertThat(StoredJson.unescapeKey(escaped)).as("key %s", escaped).isEqualTo(key.toString());
      assertThat(escaped).isNotEmpty().doesNotContain("\u0000", ".").doesNotStartWith("$");
    }
  }

  @Test
  void jsonWithoutSuchKeysIsNotCopied() {
    Map<String, Object> json = map("a", List.of(map("b", 1)), "c", "x.y $z");

    assertThat(StoredJson.toStored(json)).isSameAs(json);
    assertThat(StoredJson.fromStored(json)).isSameAs(json);
  }

  @Test
  void keysStoredBeforeEscapingReadAsTheyWere() {
    Map<String, Object> legacy = map("fullDocument.status", "hot", "50%", 1, "a%zz", 2);

    assertThat(StoredJson.fromStored(legacy)).isEqualTo(legacy);
  }

  @Test
  void scalarsAndListsPassThrough() {
    assertThat(StoredJson.toStored("text")).isEqualTo("text");
    assertThat(StoredJson.toStored((Object) null)).isNull();
    assertThat(StoredJson.toStored(List.of(map("$x", 1)))).isEqualTo(List.of(map("%24x", 1)));
  }

  @Test
  void numbersMongoHasNoCodecForBecomeLongsOrDoubles() {
    Map<String, Object> stored =
        StoredJson.toStored(
            map(
                "whole",
                new java.math.BigInteger("12"),
                "huge",
                new java.math.BigInteger("123456789012345678901234567890"),
                "decimal",
                new java.math.BigDecimal("1.5"),
                "wholeDecimal",
                new java.math.BigDecimal("7.000")));

    assertThat(stored)
        .containsEntry("whole", 12L)
        .containsEntry("huge", 1.2345678901234568e29)
        .containsEntry("decimal", 1.5)
        .containsEntry("wholeDecimal", 7L);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static List<String> allKeys(Object value) {
    List<String> keys = new java.util.ArrayList<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, item) -> {
            keys.add((String) key);
            keys.addAll(allKeys(item));
          });
    } else if (value instanceof List<?> items) {
      items.forEach(item -> keys.addAll(allKeys(item)));
    }
    return keys;
  }
}
