package io.outrun.api.fuzz;

import io.outrun.api.fuzz.Bodies.Type;
import io.outrun.api.fuzz.JsonText.Raw;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a valid body into a hostile one. Each mutation knows whether the result must be refused
 * (the oracle): text the reader refuses whatever the endpoint (a lone surrogate, too deep, too
 * long, broken syntax, invalid UTF-8, a duplicate key), a value of the wrong type where the type is
 * fixed, a key that cannot mean anything in a definition; or whether it only must not break
 * anything (odd but legal values and keys).
 */
final class BodyMutations {

  /** A mutated body: its bytes, whether it must be refused, and what was done. */
  record Mutated(byte[] body, boolean refused, String label) {}

  /** Values that are legal JSON; where they land decides whether the request is valid. */
  private static final List<Object> ODD_VALUES =
      List.of(
          new Raw("null"),
          new Raw("-1"),
          new Raw("0"),
          new Raw("1e308"),
          new Raw("-0.0"),
          new Raw("123456789012345678901234567890"),
          "",
          " ",
          "💥🚀",
          "\u202e\u200b",
          "../../etc/passwd",
          "{{ $trigger }}",
          "2026-13-45T99:99:99Z",
          "+1000000000-12-31T23:59:59Z",
          Bodies.map(),
          Bodies.list(),
          Bodies.map("$gt", ""),
          Bodies.map("$where", "sleep(1000)"),
          Bodies.map("$set", Bodies.map("x", 1)),
          Bodies.map("$ref", "users", "$id", 1),
          Bodies.map("", 1, "a.b", Bodies.map("\u0000", 2)),
          new Raw("[[[[[[[[[[]]]]]]]]]]"));

  private static final List<String> BROKEN =
      List.of(
          "{",
          "}",
          "[",
          "{\"name\":",
          "{name:\"x\"}",
          "{'name':'x'}",
          "{\"name\":\"x\",}",
          "nul",
          "NaN",
          "{\"a\":1}{\"b\":2}",
          "{\"a\":1} x",
          "{\"name\":\"\\x\"}",
          "\"unterminated",
          "{\"a\":01}",
          "{\"a\":.5}",
          "{\"a\":+1}",
          "{\"a\":Infinity}",
          "{\"a\":1}\u0000",
          "\u00ef\u00bb\u00bf{}",
          "[".repeat(10_000) + "]".repeat(10_000));

  private final Random random;

  BodyMutations(Random random) {
    this.random = random;
  }

  Mutated mutate(Bodies kind, Map<String, Object> body) {
    int choice = random.nextInt(100);
    if (choice < 14) {
      return wrongType(kind, body);
    }
    if (choice < 26) {
      return badKey(kind, body);
    }
    if (choice < 36) {
      return loneSurrogate(body);
    }
    if (choice < 44) {
      return brokenText(kind, body);
    }
    if (choice < 50) {
      return tooMuch(body);
    }
    if (choice < 54) {
      return duplicateKey(body);
    }
    if (choice < 58) {
      return tooMany(kind, body);
    }
    if (choice < 80) {
      return oddValue(body);
    }
    return oddKey(kind, body);
  }

  private Mutated wrongType(Bodies kind, Map<String, Object> body) {
    Bodies.Typed field = pick(kind.typed());
    Object wrong = pick(wrongValues(field.type()));
    Object mutated = field.path().isEmpty() ? wrong : set(body, field.path(), wrong);
    return refused(mutated, "wrong type at " + field.path() + ": " + JsonText.of(wrong));
  }

  private Mutated badKey(Bodies kind, Map<String, Object> body) {
    if (kind.definitions().isEmpty()) {
      return oddKey(kind, body);
    }
    Bodies.Definition place = pick(kind.definitions());
    List<String> keys = new ArrayList<>(List.of("", "\u0000", "a\u0000b", "\u0000$set"));
    if (place.dollarRefused()) {
      keys.addAll(List.of("$set", "$where", "$", "$ref"));
    }
    String key = pick(keys);
    Object target = get(body, place.path());
    if (target instanceof Map<?, ?>) {
      insertDeep(cast(target), key, random.nextInt(3));
      return refused(body, "key " + JsonText.of(key) + " in " + place.path());
    }
    return oddKey(kind, body);
  }

  private Mutated loneSurrogate(Map<String, Object> body) {
    String lone = pick(List.of("\ud800", "\udc00", "a\udbffb", "\udfff\ud800"));
    if (random.nextBoolean()) {
      List<Object> path = randomPath(body);
      Object mutated = path.isEmpty() ? lone : set(body, path, lone + "x");
      return refused(mutated, "lone surrogate value at " + path);
    }
    Map<String, Object> object = randomObject(body);
    object.put(lone + "key", 1);
    return refused(body, "lone surrogate key");
  }

  private Mutated brokenText(Bodies kind, Map<String, Object> body) {
    byte[] valid = JsonText.of(body).getBytes(StandardCharsets.UTF_8);
    return switch (random.nextInt(3)) {
      case 0 -> {
        int cut = 1 + random.nextInt(valid.length - 1);
        yield new Mutated(Arrays.copyOf(valid, cut), true, "truncated at " + cut);
      }
      case 1 -> {
        int at = random.nextInt(valid.length + 1);
        byte[] bad = new byte[valid.length + 1];
        System.arraycopy(valid, 0, bad, 0, at);
        bad[at] = (byte) 0xFF;
        System.arraycopy(valid, at, bad, at + 1, valid.length - at);
        yield new Mutated(bad, true, "invalid UTF-8 byte at " + at);
      }
      default -> {
        String broken = pick(BROKEN);
        yield new Mutated(broken.getBytes(StandardCharsets.UTF_8), true, "broken JSON");
      }
    };
  }

  private Mutated tooMuch(Map<String, Object> body) {
    List<Object> path = randomPath(body);
    Object value =
        switch (random.nextInt(4)) {
          case 0 -> new Raw("[".repeat(65) + "]".repeat(65));
          case 1 -> new Raw("{\"a\":".repeat(70) + "1" + "}".repeat(70));
          case 2 -> "s".repeat(100_001);
          default -> new Raw("9".repeat(101));
        };
    String what = value instanceof String ? "100001-char string" : "deep or long value";
    if (random.nextInt(4) == 0) {
      randomObject(body).put("k".repeat(1_025), 1);
      return refused(body, "1025-char key");
    }
    return refused(path.isEmpty() ? value : set(body, path, value), what + " at " + path);
  }

  private Mutated duplicateKey(Map<String, Object> body) {
    Map<String, Object> object = randomObject(body);
    if (object.isEmpty()) {
      object.put("k", 1);
    }
    JsonText.Twice twice = new JsonText.Twice(object);
    object.clear();
    object.put("__twice__", twice);
    return refused(unwrapTwice(body), "duplicate key");
  }

  private Mutated tooMany(Bodies kind, Map<String, Object> body) {
    if ((kind == Bodies.WORKFLOW || kind == Bodies.WORKFLOW_EDIT) && random.nextBoolean()) {
      List<Object> nodes = new ArrayList<>();
      for (int i = 0; i < 1_001; i++) {
        nodes.add(Bodies.map("id", "n" + i, "type", "log"));
      }
      body.put("nodes", nodes);
      return refused(body, "1001 nodes");
    }
    List<Object> path = randomPath(body);
    Raw array = new Raw("[" + "0,".repeat(200_000) + "0]");
    return refused(path.isEmpty() ? array : set(body, path, array), "200001-item array");
  }

  private Mutated oddValue(Map<String, Object> body) {
    List<Object> path = randomPath(body);
    Object value = pick(ODD_VALUES);
    Object mutated = path.isEmpty() ? value : set(body, path, value);
    return new Mutated(bytes(mutated), false, "odd value at " + path + ": " + JsonText.of(value));
  }

  /** Keys that are fine as data: operators and dots (stored escaped), unicode, percent signs. */
  private Mutated oddKey(Bodies kind, Map<String, Object> body) {
    String key = pick(List.of("$gt", "a.b", "%24x", "%", "ключ", "🚀", "_id", "$ref", "x y"));
    randomObject(body).put(key, Bodies.map("$in", Bodies.list(1, 2)));
    return new Mutated(bytes(body), false, "odd key " + key + " in " + kind);
  }

  private static List<Object> wrongValues(Type type) {
    return switch (type) {
      case STRING ->
          List.of(new Raw("123"), new Raw("true"), new Raw("1.5"), Bodies.list(), Bodies.map());
      case BOOLEAN -> List.of(new Raw("1"), new Raw("0"), "true", new Raw("1.5"), Bodies.list());
      case INTEGER -> List.of("1", new Raw("1.5"), new Raw("1.0"), new Raw("true"), Bodies.map());
      case NUMBER -> List.of("1", new Raw("true"), Bodies.list(), Bodies.map());
      case OBJECT -> List.of("", "x", new Raw("1"), new Raw("true"), Bodies.list(Bodies.map()));
      case ARRAY -> List.of(Bodies.map(), "x", new Raw("1"), new Raw("false"));
    };
  }

  private Mutated refused(Object body, String label) {
    return new Mutated(bytes(body), true, label);
  }

  private static byte[] bytes(Object body) {
    return JsonText.of(body).getBytes(StandardCharsets.UTF_8);
  }

  /** Puts {@code key} into {@code map} or into an object nested up to {@code depth} below it. */
  private void insertDeep(Map<String, Object> map, String key, int depth) {
    Map<String, Object> at = map;
    for (int i = 0; i < depth; i++) {
      Map<String, Object> inner = new LinkedHashMap<>();
      at.put("level" + i, inner);
      at = inner;
    }
    at.put(key, "v");
  }

  /** A random path to a value of {@code body} (empty: the body itself). */
  private List<Object> randomPath(Object body) {
    List<Object> path = new ArrayList<>();
    Object at = body;
    while (random.nextInt(3) != 0) {
      if (at instanceof Map<?, ?> map && !map.isEmpty()) {
        Object key = pick(new ArrayList<>(map.keySet()));
        path.add(key);
        at = map.get(key);
      } else if (at instanceof List<?> list && !list.isEmpty()) {
        int index = random.nextInt(list.size());
        path.add(index);
        at = list.get(index);
      } else {
        break;
      }
    }
    return path;
  }

  /** A random object of {@code body}, the body itself included. */
  private Map<String, Object> randomObject(Map<String, Object> body) {
    List<Map<String, Object>> objects = new ArrayList<>();
    collectObjects(body, objects);
    return pick(objects);
  }

  private static void collectObjects(Object value, List<Map<String, Object>> objects) {
    if (value instanceof Map<?, ?> map) {
      objects.add(cast(map));
      map.values().forEach(item -> collectObjects(item, objects));
    } else if (value instanceof List<?> list) {
      list.forEach(item -> collectObjects(item, objects));
    }
  }

  /** {@code body} with the value at {@code path} replaced (created if a key is missing). */
  private static Object set(Map<String, Object> body, List<Object> path, Object value) {
    Object parent = get(body, path.subList(0, path.size() - 1));
    Object last = path.getLast();
    if (parent instanceof Map<?, ?> map) {
      cast(map).put((String) last, value);
    } else if (parent instanceof List<?> list && last instanceof Integer index) {
      @SuppressWarnings("unchecked")
      List<Object> items = (List<Object>) list;
      items.set(index, value);
    }
    return body;
  }

  private static Object get(Object body, List<Object> path) {
    Object at = body;
    for (Object step : path) {
      at =
          switch (at) {
            case Map<?, ?> map -> map.get(step);
            case List<?> list when step instanceof Integer i && i < list.size() -> list.get(i);
            default -> null;
          };
    }
    return at;
  }

  /** Replaces each {@code __twice__} holder by the {@link JsonText.Twice} map it holds. */
  private static Object unwrapTwice(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1 && map.get("__twice__") instanceof JsonText.Twice twice) {
        twice.replaceAll((key, item) -> unwrapTwice(item));
        return twice;
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put((String) key, unwrapTwice(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(BodyMutations::unwrapTwice).toList());
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static Map<String, Object> cast(Object map) {
    return cast((Map<?, ?>) map);
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
