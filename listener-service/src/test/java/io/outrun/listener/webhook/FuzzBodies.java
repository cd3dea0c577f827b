package io.outrun.listener.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Request bodies for the fuzz test, each with the content type it is sent with and whether the
 * listener must refuse it (over the body limit, or JSON over a limit of {@link WebhookJson}).
 */
final class FuzzBodies {

  /** A body, its content type (null: none sent), and whether it alone must be refused. */
  record Body(String kind, byte[] bytes, String contentType, boolean refused) {}

  private static final String JSON = "application/json";
  private static final List<String> ODD_TYPES =
      List.of(
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/vnd.fuzz+json; charset=utf-8",
          "application/json; charset=no-such-charset",
          "application/json; charset=ISO-8859-1",
          "garbage",
          "application/",
          ";;;",
          "multipart/form-data; boundary=x",
          "application/xml");

  private final Random random;
  private final int maxBodyBytes;

  FuzzBodies(Random random, int maxBodyBytes) {
    this.random = random;
    this.maxBodyBytes = maxBodyBytes;
  }

  Body next() {
    return switch (random.nextInt(22)) {
      case 0 -> json("object", "{\"lead\":{\"name\":\"Ada\",\"score\":" + random.nextInt() + "}}");
      case 1 -> json("nul key", "{\"\\u0000\":1,\"a\\u0000b\":{\"\\u0000\":[\"\\u0000\"]}}");
      case 2 ->
          json("dollar keys", "{\"$set\":{\"x\":1},\"$where\":\"sleep(1)\",\"a\":{\"$gt\":\"\"}}");
      case 3 ->
          json("dotted and empty keys", "{\"a.b\":{\"c.d\":1},\"\":2,\".\":3,\"%\":4,\"%24\":5}");
      case 4 -> json("array of scalars", "[1,-2.5,true,false,null,\"s\",9007199254740993]");
      case 5 -> deep(1 + random.nextInt(64), false);
      case 6 -> deep(65 + random.nextInt(2000), true);
      case 7 ->
          refusedJson("huge exponent", "{\"n\":" + (random.nextBoolean() ? "" : "-") + "1e400}");
      case 8 -> refusedJson("long number", "[" + "7".repeat(101 + random.nextInt(2000)) + "]");
      case 9 -> json("big integer", "{\"n\":" + "9".repeat(20 + random.nextInt(80)) + "}");
      case 10 -> refusedJson("lone surrogate", "{\"s\":\"a\\ud800b\"}");
      case 11 -> refusedJson("long key", "{\"" + "k".repeat(1025 + random.nextInt(3000)) + "\":1}");
      case 12 ->
          json(
              "malformed",
              List.of("{", "{\"a\":", "[1,2", "{'a':1}", "nul", "{\"a\":1}}", "\u0000")
                  .get(random.nextInt(7)));
      case 13 -> new Body("invalid UTF-8", bytes(0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF), JSON, false);
      case 14 ->
          new Body(
              "binary", randomBytes(1 + random.nextInt(2000)), "application/octet-stream", false);
      case 15 -> new Body("empty", new byte[0], random.nextBoolean() ? JSON : null, false);
      case 16 ->
          new Body(
              "over the limit",
              "x"
                  .repeat(maxBodyBytes + 1 + random.nextInt(1000))
                  .getBytes(StandardCharsets.US_ASCII),
              "text/plain",
              true);
      case 17 ->
          json("long string", "{\"s\":\"" + "s".repeat(random.nextInt(maxBodyBytes - 100)) + "\"}");
      case 18 ->
          new Body(
              "odd type",
              "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
              ODD_TYPES.get(random.nextInt(ODD_TYPES.size())),
              false);
      case 19 ->
          json("escapes", "{\"s\":\"\\u0000\\u001f\\\"\\\\\\/\\b\\f\\n\\r\\t\\ud83d\\ude00\"}");
      case 20 ->
          json(
              "scalar",
              List.of("1", "\"text\"", "true", "null", "-0.0", "1e-400").get(random.nextInt(6)));
      default ->
          new Body(
              "form",
              "a=1&b=%00&$where=x".getBytes(StandardCharsets.UTF_8),
              "application/x-www-form-urlencoded",
              false);
    };
  }

  private Body deep(int depth, boolean refused) {
    String open = random.nextBoolean() ? "[" : "{\"k\":";
    String close = open.equals("[") ? "]" : "}";
    return new Body(
        "depth " + depth,
        (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8),
        JSON,
        refused);
  }

  private static Body json(String kind, String json) {
    return new Body(kind, json.getBytes(StandardCharsets.UTF_8), JSON, false);
  }

  private static Body refusedJson(String kind, String json) {
    return new Body(kind, json.getBytes(StandardCharsets.UTF_8), JSON, true);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
