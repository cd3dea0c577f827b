package io.outrun.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

class AuthIT extends ApiTestSupport {

  @Test
  void requestWithoutTokenGets401Problem() {
    client()
        .get()
        .uri("/api/workflows")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401)
        .jsonPath("$.title")
        .isEqualTo("Unauthorized")
        .jsonPath("$.detail")
        .exists();
  }

  @Test
  void tokenSignedWithAnotherSecretGets401() {
    String forged = sign("YW5vdGhlci1zZWNyZXQtbm9ib2R5LWtub3dzLWZvci1vdXRydW4tYXBp", "ws-1");

    withToken(forged)
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  @Test
  void tokenWithoutWorkspaceGets401() {
    withToken(sign(HMAC_SECRET, null)).expectStatus().isUnauthorized();
  }

  @Test
  void devTokenGivesAccessToTheApi() {
    as("u1", "ws-auth").get().uri("/api/workflows").exchange().expectStatus().isOk();
  }

  @Test
  void healthAndPrometheusNeedNoToken() {
    client().get().uri("/actuator/health").exchange().expectStatus().isOk();
    client()
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("jvm_"));
  }

  private WebTestClient.ResponseSpec withToken(String token) {
    return client()
        .get()
        .uri("/api/workflows")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .exchange();
  }

  private static String sign(String base64Secret, String workspaceId) {
    var key = new SecretKeySpec(Base64.getDecoder().decode(base64Secret), "HmacSHA256");
    Instant now = Instant.now();
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder().subject("u1").issuedAt(now).expiresAt(now.plus(1, ChronoUnit.HOURS));
    if (workspaceId != null) {
      claims.claim("workspaceId", workspaceId);
    }
    return NimbusJwtEncoder.withSecretKey(key)
        .build()
        .encode(
            JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
        .getTokenValue();
  }
}
