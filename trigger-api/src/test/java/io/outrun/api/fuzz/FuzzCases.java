package io.outrun.api.fuzz;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile requests to every endpoint from a seed: bodies mutated by {@link
 * BodyMutations}, wrong content types, bad tokens, wrong methods, bad ids and bad query parameters,
 * plus valid requests in between. Each case says whether it must be refused.
 */
final class FuzzCases {

  private static final String JSON = "Content-Type: application/json";

  private static final List<String> BAD_IDS =
      List.of(
          "00000000-0000-0000-0000-000000000000",
          "x".repeat(300),
          "%00",
          "%7B%22$ne%22:null%7D",
          "%24where",
          "%E2%80%AE",
          "%F0%9F%9A%80",
          "a%20b",
          "%zz",
          "%",
          "%2e%2e%2f",
          "a;b=c",
          "%C0%AE",
          "null",
          "-1",
          "%ED%A0%80");

  private static final List<String> BAD_QUERIES =
      List.of(
          "/api/workflows?limit=abc",
          "/api/workflows?limit=99999999999",
          "/api/workflows?limit=1.5",
          "/api/workflows?status=exploded",
          "/api/workflows?before=garbage",
          "/api/workflows?before=" + "z".repeat(3000),
          "/api/workflows/{W}/runs?status=zzz",
          "/api/workflows/{W}/runs?limit=x",
          "/api/workflows/{W}/runs?before=not-a-time",
          "/api/workflows/{W}/runs?before=2026-99-99T00:00:00Z",
          "/api/triggers?type=volcano",
          "/api/triggers?limit=zz",
          "/api/workflows/{A}/triggers/schedule/preview",
          "/api/workflows/{A}/triggers/schedule/preview?cron=*%20*",
          "/api/workflows/{A}/triggers/schedule/preview?cron=0+2+*+*+*&timezone=Mars/Olympus",
          "/api/workflows/{A}/triggers/schedule/preview?cron=0+2+*+*+*&count=-1",
          "/api/workflows/{A}/triggers/schedule/preview?cron=0+2+*+*+*&count=101",
          "/api/workflows/{A}/triggers/schedule/preview?cron=0+2+*+*+*&count=abc",
          "/api/workflows/{A}/triggers/schedule/preview?cron=0+2+*+*+*&from=yesterday",
          "/api/workflows/{A}/triggers/schedule/preview?cron=%00",
          "/api/workflows/{A}/deployments?limit=x",
          "/api/workflows/{A}/triggers/{S}/history?limit=zz",
          "/api/workflows/{W}/triggers/{T}/webhook-logs?limit=1e3",
          "/api/audit?limit=abc",
          "/api/audit?before=garbage",
          "/api/audit?objectId=" + "o".repeat(300),
          "/api/audit?action=" + "a".repeat(300));

  private static final List<String> ODD_QUERIES =
      List.of(
          "/api/workflows?limit=-5",
          "/api/workflows?limit=0",
          "/api/workflows?limit=",
          "/api/workflows?status=",
          "/api/workflows?unknown=%00",
          "/api/workflows?limit=10&limit=20",
          "/api/workflows?before=%ED%A0%80",
          "/api/triggers?workflowId=%7B%22$ne%22:null%7D",
          "/api/triggers?workflowId=" + "w".repeat(2000),
          "/api/workflows/{A}/triggers/schedule/preview?cron=@daily&timezone=UTC&count=100",
          "/api/workflows/{A}/triggers/schedule/preview?cron=0+0+30+2+*",
          "/api/workflows/{W}/runs?limit=100000",
          "/api/workflows/{A}/triggers/{S}/history?limit=-1",
          "/api/audit?objectId=%7B%22$ne%22:null%7D&action=%00",
          "/api/audit?limit=0");

  private static final List<String> BAD_CONTENT_TYPES =
      List.of(
          "Content-Type: text/plain",
          "Content-Type: application/xml",
          "Content-Type: application/x-www-form-urlencoded",
          "Content-Type: multipart/form-data; boundary=x",
          "Content-Type: garbage",
          "Content-Type: application/json;charset=bogus",
          "Content-Type: ;;;");

  private final Random random;
  private final Fixture fixture;
  private final BodyMutations mutations;

  FuzzCases(long seed, Fixture fixture) {
    this.random = new Random(seed);
    this.fixture = fixture;
    this.mutations = new BodyMutations(random);
  }

  List<FuzzCase> generate(int count) {
    List<FuzzCase> cases = new ArrayList<>(count);
    while (cases.size() < count) {
      int choice = random.nextInt(100);
      cases.add(
          choice < 52
              ? mutatedBody()
              : choice < 58
                  ? wrongContentType()
                  : choice < 68
                      ? badToken()
                      : choice < 76
                          ? wrongMethod()
                          : choice < 86 ? badId() : choice < 94 ? query() : valid());
    }
    return cases;
  }

  private FuzzCase mutatedBody() {
    Routes route = pick(Routes.ALL.stream().filter(r -> r.body() != null).toList());
    BodyMutations.Mutated mutated = mutations.mutate(route.body(), route.body().template(fixture));
    return send(
        route, fixture.path(route.template()), mutated.body(), mutated.refused(), mutated.label());
  }

  private FuzzCase wrongContentType() {
    Routes route = pick(Routes.ALL.stream().filter(r -> r.body() != null).toList());
    String type = random.nextInt(8) == 0 ? null : pick(BAD_CONTENT_TYPES);
    List<String> headers = new ArrayList<>(auth(route));
    if (type != null) {
      headers.add(type);
    }
    byte[] body = validBody(route);
    return new FuzzCase(
        "content type " + type,
        route.method(),
        fixture.path(route.template()),
        headers,
        body,
        true);
  }

  private FuzzCase badToken() {
    Routes route = pick(Routes.ALL.stream().filter(r -> !r.open()).toList());
    String authorization = pick(badAuthorizations());
    List<String> headers = new ArrayList<>();
    if (authorization != null) {
      headers.add("Authorization: " + authorization);
    }
    byte[] body = null;
    if (route.body() != null) {
      headers.add(JSON);
      body = validBody(route);
    }
    String label = "bad token " + (authorization == null ? "(none)" : abbreviate(authorization));
    return new FuzzCase(label, route.method(), fixture.path(route.template()), headers, body, true);
  }

  private FuzzCase wrongMethod() {
    Routes route = pick(Routes.ALL);
    List<String> wrong = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"));
    wrong.removeAll(Routes.methodsOf(route.template()));
    String method = pick(wrong);
    List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + fixture.token()));
    byte[] body = null;
    if (!method.equals("GET") && !method.equals("TRACE") && !method.equals("DELETE")) {
      headers.add(JSON);
      body = "{}".getBytes(StandardCharsets.UTF_8);
    }
    return new FuzzCase(
        "wrong method", method, fixture.path(route.template()), headers, body, true);
  }

  private FuzzCase badId() {
    Routes route = pick(Routes.ALL.stream().filter(Routes::hasIds).toList());
    List<String> placeholders =
        List.of("{W}", "{A}", "{T}", "{S}", "{R}", "{F}").stream()
            .filter(route.template()::contains)
            .toList();
    String placeholder = pick(placeholders);
    String id = pick(BAD_IDS);
    String target = fixture.path(route.template().replace(placeholder, id));
    byte[] body = route.body() == null ? null : validBody(route);
    return send(route, target, body, true, "bad id " + abbreviate(id) + " as " + placeholder);
  }

  private FuzzCase query() {
    boolean bad = random.nextBoolean();
    String target = fixture.path(pick(bad ? BAD_QUERIES : ODD_QUERIES));
    List<String> headers = List.of("Authorization: Bearer " + fixture.token());
    return new FuzzCase(bad ? "bad query" : "odd query", "GET", target, headers, null, bad);
  }

  private FuzzCase valid() {
    Routes route = pick(Routes.ALL.stream().filter(r -> !r.destructive()).toList());
    FuzzCase request =
        send(
            route,
            fixture.path(route.template()),
            route.body() == null ? null : validBody(route),
            false,
            "valid");
    if (random.nextInt(4) == 0) {
      List<String> headers = new ArrayList<>(request.headers());
      headers.add(pick(List.of("Accept: text/html", "Accept: %%%", "Accept: application/xml")));
      return new FuzzCase(
          "odd accept", request.method(), request.target(), headers, request.body(), false);
    }
    return request;
  }

  private FuzzCase send(Routes route, String target, byte[] body, boolean refused, String label) {
    List<String> headers = new ArrayList<>(auth(route));
    if (body != null) {
      headers.add(JSON);
    }
    return new FuzzCase(label, route.method(), target, headers, body, refused);
  }

  private List<String> auth(Routes route) {
    return route.open() ? List.of() : List.of("Authorization: Bearer " + fixture.token());
  }

  private byte[] validBody(Routes route) {
    return JsonText.of(route.body().template(fixture)).getBytes(StandardCharsets.UTF_8);
  }

  /** Authorization values that must not let a request in (null: no header). */
  private List<String> badAuthorizations() {
    String secret = ApiTestSupport.HMAC_SECRET;
    String good = TestTokens.claims("\"u1\"", "\"ws-x\"");
    long past = Instant.now().minusSeconds(7200).getEpochSecond();
    List<String> values = new ArrayList<>();
    values.add(null);
    values.add("Bearer");
    values.add("Bearer ");
    values.add("Bearer a.b.c");
    values.add("Bearer " + "x".repeat(6000));
    values.add("Basic dXNlcjpwYXNz");
    values.add("Bearer " + fixture.token() + "x");
    values.add(
        "Bearer "
            + TestTokens.sign("YW5vdGhlci1zZWNyZXQtbm9ib2R5LWtub3dzLWZvci1vdXRydW4tYXBp", good));
    values.add("Bearer " + TestTokens.unsigned(good));
    values.add("Bearer " + TestTokens.sign(secret, good.replace("\"exp\"", "\"expires\"")));
    values.add(
        "Bearer " + TestTokens.sign(secret, good.replaceAll("\"exp\":\\d+", "\"exp\":" + past)));
    values.add("Bearer " + TestTokens.sign(secret, good.replace("outrun-local", "elsewhere")));
    values.add("Bearer " + TestTokens.sign(secret, good.replace("\"outrun-api\"", "\"billing\"")));
    values.add("Bearer " + TestTokens.sign(secret, TestTokens.claims("\"u1\"", "123")));
    values.add("Bearer " + TestTokens.sign(secret, TestTokens.claims("\"u1\"", "[\"ws-F\"]")));
    values.add("Bearer " + TestTokens.sign(secret, TestTokens.claims("7", "\"ws-x\"")));
    values.add("Bearer " + TestTokens.sign(secret, TestTokens.claims("\"\"", "\"ws-x\"")));
    values.add("Bearer " + TestTokens.sign(secret, TestTokens.claims("\"u1\"", "null")));
    values.add("Bearer " + TestTokens.sign(secret, "[]"));
    values.add("Bearer " + TestTokens.sign(secret, "not json"));
    return values;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
