package io.outrun.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class VerifiedTokensTest {

  private static final Instant ISSUED = Instant.parse("2026-03-08T07:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(3600);

  private final AtomicInteger verifications = new AtomicInteger();
  private final MutableClock clock = MutableClock.of(ISSUED, ZoneOffset.UTC);

  private final VerifiedTokens tokens =
      new VerifiedTokens(
          token -> {
            verifications.incrementAndGet();
            return token.startsWith("good")
                ? Mono.just(jwt(token))
                : Mono.error(new BadJwtException("bad signature"));
          },
          clock);

  @Test
  void aTokenSentAgainIsVerifiedOnce() {
    StepVerifier.create(tokens.decode("good-1")).expectNextCount(1).verifyComplete();
    StepVerifier.create(tokens.decode("good-1"))
        .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("u1"))
        .verifyComplete();

    assertThat(verifications).hasValue(1);
  }

  @Test
  void aRefusedTokenIsRefusedEveryTime() {
    StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();
    StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();

    assertThat(verifications).hasValue(2);
  }

  @Test
  void anExpiredTokenIsVerifiedAgain() {
    StepVerifier.create(tokens.decode("good-1")).expectNextCount(1).verifyComplete();
    clock.setInstant(EXPIRES);

    StepVerifier.create(tokens.decode("good-1")).expectNextCount(1).verifyComplete();

    assertThat(verifications).hasValue(2);
  }

  @Test
  void aTokenNotValidYetIsVerifiedAgain() {
    VerifiedTokens later =
        new VerifiedTokens(
            token -> {
              verifications.incrementAndGet();
              return Mono.just(jwt(token, ISSUED.plusSeconds(60)));
            },
            clock);
    StepVerifier.create(later.decode("good-1")).expectNextCount(1).verifyComplete();
    StepVerifier.create(later.decode("good-1")).expectNextCount(1).verifyComplete();

    assertThat(verifications).hasValue(2);
  }

  private static Jwt jwt(String token) {
    return jwt(token, ISSUED);
  }

  private static Jwt jwt(String token, Instant notBefore) {
    return Jwt.withTokenValue(token)
        .header("alg", "HS256")
        .subject("u1")
        .claim("workspaceId", "ws-1")
        .issuedAt(ISSUED)
        .notBefore(notBefore)
        .expiresAt(EXPIRES)
        .build();
  }
}
