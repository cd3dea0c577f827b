package io.outrun.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunBody;
import io.outrun.api.TestTokens;
import io.outrun.api.WebSessionCount;
import io.outrun.api.WorkflowBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
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
    String forged = sign("YW5vdGhlci1zZWNyZXQtbm9ib2R5LWtub3dzLWZvci1vdXRydW4tYXBp", claims -> {});

    withToken(forged)
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  @Test
  void tokenWithoutWorkspaceGets401() {
    withToken(sign(HMAC_SECRET, claims -> claims.claims(all -> all.remove("workspaceId"))))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void wellFormedTokenIsAccepted() {
    withToken(sign(HMAC_SECRET, claims -> {})).expectStatus().isOk();
  }

  @Test
  void tokenWithoutExpiryGets401() {
    withToken(sign(HMAC_SECRET, claims -> claims.claims(all -> all.remove("exp"))))
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void tokenFromAnotherIssuerGets401() {
    withToken(sign(HMAC_SECRET, claims -> claims.issuer("someone-else")))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void tokenWithoutIssuerGets401() {
    withToken(sign(HMAC_SECRET, claims -> claims.claims(all -> all.remove("iss"))))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void tokenForAnotherAudienceGets401() {
    withToken(sign(HMAC_SECRET, claims -> claims.audience(List.of("billing-api"))))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void handWrittenTokenWithStringClaimsIsAccepted() {
    withToken(signRaw(TestTokens.claims("\"u1\"", "\"ws-1\""))).expectStatus().isOk();
  }

  @Test
  void numericWorkspaceIdGets401NotWorkspace123() {
    withToken(signRaw(TestTokens.claims("\"u1\"", "123"))).expectStatus().isUnauthorized();
  }

  @Test
  void listWorkspaceIdGets401() {
    withToken(signRaw(TestTokens.claims("\"u1\"", "[\"ws-F\"]"))).expectStatus().isUnauthorized();
  }

  @Test
  void rolesClaimOfAnotherTypeGets401() {
    withToken(signRaw(withRoles("3"))).expectStatus().isUnauthorized();
    withToken(signRaw(withRoles("{\"admin\":true}"))).expectStatus().isUnauthorized();
    withToken(signRaw(withRoles("[\"admin\",1]"))).expectStatus().isUnauthorized();
  }

  @Test
  void tokenWithoutRolesIsAViewer() {
    writeWorkflow(signRaw(TestTokens.claims("\"u1\"", "\"ws-roles\"")))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).endsWith("needs role editor"));
  }

  @Test
  void rolesClaimGivesTheRole() {
    writeWorkflow(signRaw(withRoles("[\"openid\",\"editor\"]"))).expectStatus().isCreated();
    writeWorkflow(signRaw(withRoles("\"viewer\""))).expectStatus().isForbidden();
  }

  private static String withRoles(String rolesJson) {
    String claims = TestTokens.claims("\"u1\"", "\"ws-roles\"");
    return claims.substring(0, claims.length() - 1) + ",\"roles\":" + rolesJson + "}";
  }

  private WebTestClient.ResponseSpec writeWorkflow(String token) {
    return client()
        .post()
        .uri("/api/workflows")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(validWorkflow("by token"))
        .exchange();
  }

  @Test
  void numericSubjectGets401() {
    withToken(signRaw(TestTokens.claims("42", "\"ws-1\""))).expectStatus().isUnauthorized();
  }

  @Test
  void overlongWorkspaceIdGets401() {
    withToken(sign(HMAC_SECRET, claims -> claims.claim("workspaceId", "w".repeat(201))))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void devTokenNamesTheIssuerAndAudienceTheApiChecks() {
    String payload = token("u1", "ws-auth").split("\\.")[1];
    String claims = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);

    assertThat(claims)
        .contains("\"iss\":\"outrun-local\"")
        .contains("\"aud\":\"outrun-api\"")
        .contains("\"exp\":");
    as("u1", "ws-auth").get().uri("/api/workflows").exchange().expectStatus().isOk();
  }

  private static String signRaw(String claimsJson) {
    return TestTokens.sign(HMAC_SECRET, claimsJson);
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

  /**
   * An HS256 token as the dev-token signer makes it (issuer, audience, subject, workspace, an hour
   * of life), changed by {@code change}.
   */
  static String sign(String base64Secret, Consumer<JwtClaimsSet.Builder> change) {
    var key = new SecretKeySpec(Base64.getDecoder().decode(base64Secret), "HmacSHA256");
    Instant now = Instant.now();
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder()
            .issuer("outrun-local")
            .audience(List.of("outrun-api"))
            .subject("u1")
            .claim("workspaceId", "ws-1")
            .issuedAt(now)
            .expiresAt(now.plus(1, ChronoUnit.HOURS));
    change.accept(claims);
    return NimbusJwtEncoder.withSecretKey(key)
        .build()
        .encode(
            JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
        .getTokenValue();
  }

  @Test
  void callsWithATokenAskForNoWebSession() {
    var api = apiAs("u1", "ws-stateless");
    long before = WebSessionCount.REQUESTED.get();

    String workflowId = api.createWorkflow(WorkflowBody.named("stateless"));
    api.getRun(api.startedRun(workflowId, RunBody.none()));

    assertThat(WebSessionCount.REQUESTED.get() - before).isZero();
  }
}
