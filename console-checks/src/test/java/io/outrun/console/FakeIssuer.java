package io.outrun.console;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OIDC identity provider on loopback, speaking real HTTP, as a third party the console signs in
 * at: discovery, an authorize endpoint that signs the user in at once and redirects back with a
 * code, a token endpoint that gives a signed access token only for the code's PKCE verifier, and
 * its keys. Discovery and token answer cross-origin calls (CORS), as a real provider does for a
 * registered single-page client.
 */
final class FakeIssuer implements AutoCloseable {

  static final String CLIENT_ID = "outrun-console";
  static final String AUDIENCE = "outrun-api";

  private record Grant(String challenge, String redirectUri) {}

  private final RSAKey key;
  private final HttpServer server;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final String subject;
  private final String workspaceId;

  private FakeIssuer(String subject, String workspaceId) throws Exception {
    this.subject = subject;
    this.workspaceId = workspaceId;
    this.key = new RSAKeyGenerator(2048).keyID("fake-issuer").generate();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.createContext("/jwks", this::jwks);
    server.start();
  }

  /** A provider that signs everyone in as {@code subject} of {@code workspaceId}, an admin. */
  static FakeIssuer start(String subject, String workspaceId) {
    try {
      return new FakeIssuer(subject, workspaceId);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the fake issuer", e);
    }
  }

  /** The issuer URL, {@code http://127.0.0.1:PORT}: the {@code iss} of its tokens. */
  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many access tokens the token endpoint gave out. */
  int tokensIssued() {
    return tokensIssued.get();
  }

  /** An access token as the token endpoint gives it, for calls made outside the browser. */
  String accessToken() {
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer())
              .audience(List.of(AUDIENCE))
              .subject(subject)
              .claim("workspaceId", workspaceId)
              .claim("roles", List.of("admin"))
              .issueTime(new Date())
              .expirationTime(Date.from(Instant.now().plusSeconds(900)))
              .build();
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String base = issuer();
    json(
        exchange,
        200,
        "{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/authorize\",\"token_endpoint\":\"%s/token\",\"jwks_uri\":\"%s/jwks\",\"code_challenge_methods_supported\":[\"S256\"]}"
            .formatted(base, base, base, base));
  }

  /** Signs the user in at once: back to the redirect URI with a code bound to the challenge. */
  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(query.get("client_id"))
        || !"code".equals(query.get("response_type"))
        || !"S256".equals(query.get("code_challenge_method"))
        || query.get("code_challenge") == null) {
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
      return;
    }
    String code = UUID.randomUUID().toString();
    grants.put(code, new Grant(query.get("code_challenge"), query.get("redirect_uri")));
    String back =
        query.get("redirect_uri")
            + "?code="
            + code
            + "&state="
            + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Location", back);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  /** The code for a token, once, and only with the verifier whose S256 is the code's challenge. */
  private void token(HttpExchange exchange) throws IOException {
    if ("OPTIONS".equals(exchange.getRequestMethod())) {
      preflight(exchange);
      return;
    }
    Map<String, String> body =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Grant grant = grants.remove(String.valueOf(body.get("code")));
    boolean valid =
        "POST".equals(exchange.getRequestMethod())
            && "authorization_code".equals(body.get("grant_type"))
            && CLIENT_ID.equals(body.get("client_id"))
            && grant != null
            && grant.redirectUri().equals(body.get("redirect_uri"))
            && body.get("code_verifier") != null
            && grant.challenge().equals(s256(body.get("code_verifier")));
    if (!valid) {
      json(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    tokensIssued.incrementAndGet();
    json(
        exchange,
        200,
        "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":900}"
            .formatted(accessToken()));
  }

  private void jwks(HttpExchange exchange) throws IOException {
    json(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
  }

  private static void preflight(HttpExchange exchange) throws IOException {
    cors(exchange);
    exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
    exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  private static void cors(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
      exchange.getResponseHeaders().add("Vary", "Origin");
    }
  }

  private static void json(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    cors(exchange);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** BASE64URL(SHA-256(verifier)), RFC 7636's S256. */
  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
