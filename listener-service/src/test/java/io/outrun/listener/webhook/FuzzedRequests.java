package io.outrun.listener.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Malformed and hostile requests to every listener endpoint, from a seeded {@link Random}, each
 * with whether the listener must refuse it (never answer 2xx): a wrong method, missing or wrong
 * credentials, an unknown or unfireable trigger, a body over a limit, a forbidden origin, a request
 * line or headers over the server's limits, or HTTP framing no server may accept.
 */
final class FuzzedRequests {

  /**
   * One request as bytes; {@code trigger} is null for requests to other endpoints. {@code refusals}
   * are the reasons it must be refused, {@code bodyRefusal} the one of them that is its body's (a
   * repeated delivery id is answered with the first run before the body is read), and {@code
   * deliveryId} the one the listener would take from its headers.
   */
  record FuzzRequest(
      String label,
      byte[] bytes,
      List<String> refusals,
      String bodyRefusal,
      boolean head,
      FuzzTrigger trigger,
      String deliveryId) {

    boolean mustRefuse() {
      return !refusals.isEmpty();
    }

    boolean refusedForMoreThanItsBody() {
      return refusals.stream().anyMatch(reason -> !reason.equals(bodyRefusal));
    }
  }

  private static final List<String> DELIVERY_HEADERS =
      List.of("webhook-id", "X-GitHub-Delivery", "Idempotency-Key");

  private static final List<String> OTHER_METHODS =
      List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "POST");
  private static final List<String> UNKNOWN_IDS =
      List.of(
          "no-such-trigger",
          "%00",
          "..",
          "%2e%2e",
          "$where",
          "a%2Fb",
          "%zz",
          "%F0%9F%98%80",
          "x".repeat(300),
          "{}",
          ";x=1");
  private static final List<String> OTHER_PATHS =
      List.of(
          "/",
          "/api/webhooks",
          "/api/webhooks/",
          "/bench/bare",
          "/actuator/env",
          "/actuator/health/..%2f..",
          "//",
          "/%zz",
          "/api/webhooks/a/b",
          "/error");

  private final Random random;
  private final List<FuzzTrigger> triggers;
  private final FuzzBodies bodies;
  private final List<String> deliveryIds = new ArrayList<>();

  FuzzedRequests(long seed, List<FuzzTrigger> triggers, int maxBodyBytes) {
    this.random = new Random(seed);
    this.triggers = triggers;
    this.bodies = new FuzzBodies(random, maxBodyBytes);
  }

  FuzzRequest next() {
    int target = random.nextInt(100);
    if (target < 80) {
      return webhook(triggers.get(random.nextInt(triggers.size())));
    }
    if (target < 88) {
      String id = UNKNOWN_IDS.get(random.nextInt(UNKNOWN_IDS.size()));
      return plain("unknown trigger " + id, randomMethod(), "/api/webhooks/" + id, true);
    }
    return otherEndpoint();
  }

  private FuzzRequest webhook(FuzzTrigger trigger) {
    List<String> why = new ArrayList<>();
    String method = random.nextInt(4) > 0 ? trigger.method() : randomMethod();
    if (!method.equals(trigger.method())) {
      why.add("method " + method);
    }
    if (!trigger.fireable()) {
      why.add("unfireable");
    }
    FuzzBodies.Body body = bodies.next();
    if (body.refused() && !method.equals("HEAD")) {
      why.add(body.kind());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (body.contentType() != null) {
      headers.put("Content-Type", body.contentType());
    }
    credentials(trigger, body.bytes(), headers, why);
    String extra = extraHeaders(trigger, headers, why);
    String target = trigger.path() + query(why);
    String label =
        method
            + " "
            + trigger.auth()
            + " "
            + body.kind()
            + " "
            + extra
            + " "
            + headers.keySet()
            + " "
            + why;
    byte[] bytes =
        request(method, target, headers, method.equals("HEAD") ? new byte[0] : body.bytes(), why);
    String deliveryId =
        DELIVERY_HEADERS.stream()
            .map(headers::get)
            .filter(id -> id != null)
            .findFirst()
            .orElse(null);
    return new FuzzRequest(
        label,
        bytes,
        List.copyOf(why),
        body.refused() ? body.kind() : null,
        method.equals("HEAD"),
        trigger,
        deliveryId);
  }

  private void credentials(
      FuzzTrigger trigger, byte[] body, Map<String, String> headers, List<String> why) {
    long now = Instant.now().getEpochSecond();
    switch (random.nextInt(10)) {
      case 0 -> {
        if (trigger.auth() != FuzzTrigger.Auth.NONE) {
          why.add("no credentials");
        }
      }
      case 1 -> {
        headers.putAll(trigger.credentials(body, now, true));
        if (trigger.auth() != FuzzTrigger.Auth.NONE) {
          why.add("wrong credentials");
        }
      }
      case 2 -> {
        headers.putAll(trigger.credentials(body, now - 3600, false));
        if (trigger.auth() == FuzzTrigger.Auth.STRIPE
            || trigger.auth() == FuzzTrigger.Auth.STANDARD) {
          why.add("stale timestamp");
        }
      }
      case 3 -> {
        String mangle = random.nextBoolean() ? "\u00ff" : "0";
        trigger
            .credentials(body, now, false)
            .forEach((name, value) -> headers.put(name, value + mangle));
        if (trigger.auth() != FuzzTrigger.Auth.NONE) {
          why.add("mangled credentials");
        }
      }
      default -> headers.putAll(trigger.credentials(body, now, false));
    }
  }

  /** One unusual header (or none); returns what it did, for the request's label. */
  private String extraHeaders(FuzzTrigger trigger, Map<String, String> headers, List<String> why) {
    int choice = random.nextInt(14);
    switch (choice) {
      case 0 -> {
        headers.put("Origin", "https://evil.example.com");
        if (trigger.originChecked()) {
          why.add("forbidden origin");
        }
      }
      case 1 -> headers.put("Origin", FuzzTrigger.ALLOWED_ORIGIN);
      case 2 -> headers.put("Idempotency-Key", deliveryId());
      case 3 -> headers.put("X-GitHub-Delivery", deliveryId());
      case 4 -> {
        headers.put("X-Huge", "h".repeat(9000 + random.nextInt(20000)));
        why.add("headers too large");
      }
      case 5 -> {
        for (int i = 0; i < 100; i++) {
          headers.put("X-Many-" + i, "v" + i);
        }
      }
      case 6 -> headers.put("User-Agent", "fuzz\u00e9\u00ff <script>$where</script>");
      case 7 ->
          headers.put(
              "Accept",
              List.of("application/xml", "text/html", "*/*;q=0", "garbage", "image/png")
                  .get(random.nextInt(5)));
      case 8 -> headers.put("X.Dotted.Name", "1");
      case 9 -> headers.put("$Dollar", "$set");
      case 10 -> headers.put("X-Forwarded-For", "127.0.0.1, %00, <x>");
      case 11 -> {
        headers.put("Origin", FuzzTrigger.ALLOWED_ORIGIN);
        headers.put("Access-Control-Request-Method", "POST");
      }
      default -> {}
    }
    return choice < 12 ? "header " + choice : "";
  }

  private String query(List<String> why) {
    return switch (random.nextInt(10)) {
      case 0 -> "?%00=%00&a%00b=1";
      case 1 -> "?$where=1&a.b=c&%24set=1&=empty";
      case 2 -> "?bad=%zz%&x=%";
      case 3 -> "?tag=a&tag=b&tag=" + "c".repeat(random.nextInt(2000));
      case 4 -> {
        why.add("request line too long");
        yield "?q=" + "q".repeat(5000 + random.nextInt(10000));
      }
      case 5 -> ";jsessionid=x?u=%F0%9F%98%80";
      default -> "";
    };
  }

  private byte[] request(
      String method, String target, Map<String, String> headers, byte[] body, List<String> why) {
    StringBuilder head =
        new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Connection: close\r\n");
    byte[] framed = body;
    switch (random.nextInt(20)) {
      case 0 -> {
        head.append("Content-Length: abc\r\n");
        why.add("bad content-length");
      }
      case 1 -> {
        head.append("Content-Length: ")
            .append(body.length)
            .append("\r\nContent-Length: ")
            .append(body.length + 1)
            .append("\r\n");
        why.add("two content-lengths");
      }
      case 2 -> {
        head.append("Transfer-Encoding: chunked\r\n");
        framed = chunked(body);
      }
      case 3 -> {
        head.append("Bad Header Line\r\n");
        why.add("malformed header");
      }
      default -> head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    all.writeBytes(framed);
    return all.toByteArray();
  }

  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    if (body.length > 0) {
      all.writeBytes(
          (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      all.writeBytes(body);
      all.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    all.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return all.toByteArray();
  }

  private FuzzRequest otherEndpoint() {
    if (random.nextInt(3) == 0) {
      String path =
          List.of("/actuator/health", "/actuator/prometheus", "/actuator").get(random.nextInt(3));
      String method = randomMethod();
      // reading an endpoint, or asking which methods it takes, is what it is there for
      boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
      return plain(method + " " + path, method, path, !read);
    }
    String path = OTHER_PATHS.get(random.nextInt(OTHER_PATHS.size()));
    return plain("other " + path, randomMethod(), path, true);
  }

  private FuzzRequest plain(String label, String method, String path, boolean mustRefuse) {
    List<String> why = new ArrayList<>();
    FuzzBodies.Body body = bodies.next();
    Map<String, String> headers = new LinkedHashMap<>();
    if (body.contentType() != null) {
      headers.put("Content-Type", body.contentType());
    }
    if (random.nextInt(4) == 0) {
      List<String> accepts = List.of("application/xml", "text/html", "image/png", "*/*;q=0");
      headers.put("Accept", accepts.get(random.nextInt(accepts.size())));
    }
    byte[] bytes =
        request(method, path, headers, method.equals("HEAD") ? new byte[0] : body.bytes(), why);
    if (mustRefuse) {
      why.add("not a readable endpoint");
    }
    return new FuzzRequest(
        method + " " + label + " " + headers.keySet() + " " + why,
        bytes,
        List.copyOf(why),
        null,
        method.equals("HEAD"),
        null,
        null);
  }

  private String randomMethod() {
    return OTHER_METHODS.get(random.nextInt(OTHER_METHODS.size()));
  }

  /** A delivery id, often one used before: a repeat must name the first run. */
  private String deliveryId() {
    if (!deliveryIds.isEmpty() && random.nextBoolean()) {
      return deliveryIds.get(random.nextInt(deliveryIds.size()));
    }
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    deliveryIds.add(id);
    return id;
  }
}
