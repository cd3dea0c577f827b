package io.outrun.api.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.outrun.testing.TestInfraInitializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * trigger-api as production runs it: a standard OAuth2 resource server that fetches the identity
 * provider's keys from its JWKS URI. The identity provider is a third party, so it is faked here,
 * speaking real HTTP on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestInfraInitializer.class)
class ProductionAuthIT {

  private static final String ISSUER = "https://idp.example.org/";
  private static final String AUDIENCE = "outrun-api";
  private static final RSAKey KEY = rsaKey("idp-key");
  private static final RSAKey STRANGER = rsaKey("idp-key");
  private static final HttpServer IDP = identityProvider();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void productionAuth(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        () -> "http://127.0.0.1:" + IDP.getAddress().getPort() + "/jwks");
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    registry.add("outrun.console.oidc.client-id", () -> "outrun-console");
    registry.add("outrun.console.oidc.scopes", () -> "openid profile");
  }

  @AfterAll
  static void stopIdentityProvider() {
    IDP.stop(0);
  }

  @Test
  void tokenFromTheIdentityProviderForThisApiIsAccepted() {
    call(signed(claims(ISSUER, AUDIENCE, Instant.now().plusSeconds(300)), KEY))
        .expectStatus()
        .isOk();
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    call(signed(claims(ISSUER, "billing-api", Instant.now().plusSeconds(300)), KEY))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    call(signed(claims("https://evil.example.org/", AUDIENCE, Instant.now().plusSeconds(300)), KEY))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void expiredTokenIsRefused() {
    call(signed(claims(ISSUER, AUDIENCE, Instant.now().minusSeconds(600)), KEY))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    JWTClaimsSet noExpiry =
        new JWTClaimsSet.Builder(claims(ISSUER, AUDIENCE, Instant.now().plusSeconds(300)))
            .expirationTime(null)
            .build();

    call(signed(noExpiry, KEY)).expectStatus().isUnauthorized();
  }

  @Test
  void nonStringWorkspaceIsRefused() {
    JWTClaimsSet numericWorkspace =
        new JWTClaimsSet.Builder(claims(ISSUER, AUDIENCE, Instant.now().plusSeconds(300)))
            .claim("workspaceId", 123)
            .build();

    call(signed(numericWorkspace, KEY)).expectStatus().isUnauthorized();
  }

  @Test
  void unsignedTokenIsRefused() {
    String none =
        new PlainJWT(claims(ISSUER, AUDIENCE, Instant.now().plusSeconds(300))).serialize();

    call(none).expectStatus().isUnauthorized();
  }

  @Test
  void tokenSignedWithAnotherKeyOfTheSameIdIsRefused() {
    call(signed(claims(ISSUER, AUDIENCE, Instant.now().plusSeconds(300)), STRANGER))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void devTokenEndpointDoesNotExistInProduction() {
    web()
        .post()
        .uri("/api/dev/tokens")
        .bodyValue("{\"userId\":\"u\",\"workspaceId\":\"w\"}")
        .header("Content-Type", "application/json")
        .exchange()
        .expectStatus()
        .value(status -> org.assertj.core.api.Assertions.assertThat(status).isIn(401, 404));
  }

  @Test
  void theConsoleIsToldToSignInAtTheIssuerWithoutAToken() {
    web()
        .get()
        .uri("/api/console/config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.devTokens")
        .isEqualTo(false)
        .jsonPath("$.oidc.issuer")
        .isEqualTo(ISSUER)
        .jsonPath("$.oidc.clientId")
        .isEqualTo("outrun-console")
        .jsonPath("$.oidc.scopes")
        .isEqualTo("openid profile");
  }

  @Test
  void theConsoleMayFetchFromTheIssuersOriginAndNoOther() {
    web()
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(
            "Content-Security-Policy",
            policy ->
                org.assertj.core.api.Assertions.assertThat(policy)
                    .contains("connect-src 'self' https://idp.example.org;")
                    .contains("script-src 'self';")
                    .doesNotContain("*", "unsafe-inline"));
  }

  /**
   * The first call fetches the identity provider's keys and warms the whole filter chain: on a busy
   * 2-core machine that takes longer than WebTestClient's default 5 s.
   */
  private WebTestClient web() {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  private WebTestClient.ResponseSpec call(String token) {
    return web().get().uri("/api/workflows").headers(h -> h.setBearerAuth(token)).exchange();
  }

  private static JWTClaimsSet claims(String issuer, String audience, Instant expires) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(List.of(audience))
        .subject("u-prod")
        .claim("workspaceId", "ws-prod")
        .issueTime(Date.from(expires.minusSeconds(900)))
        .expirationTime(Date.from(expires))
        .build();
  }

  private static String signed(JWTClaimsSet claims, RSAKey key) {
    try {
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

  private static RSAKey rsaKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer identityProvider() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/jwks",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
