package io.outrun.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens {@code verifier} accepted, so a client sending the same token again and
 * again (a script, the editor) has it verified once, not on every request: the same bytes verify
 * the same way until the token's time runs out. A token is taken from memory only while it is
 * within its {@code nbf} and {@code exp}, and for at most {@link #KEPT} after it was verified (the
 * time a resource server keeps a key set, so a withdrawn signing key stops working as soon). A
 * refused token is never remembered: it is verified, and refused, each time.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

  static final Duration KEPT = Duration.ofMinutes(5);
  private static final int MAX_TOKENS = 10_000;

  private final ReactiveJwtDecoder verifier;
  private final Clock clock;
  private final Cache<String, Jwt> verified =
      Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(KEPT).build();

  VerifiedTokens(ReactiveJwtDecoder verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public Mono<Jwt> decode(String token) {
    Jwt known = verified.getIfPresent(token);
    if (known != null && inTime(known, clock.instant())) {
      return Mono.just(known);
    }
    return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
  }

  private static boolean inTime(Jwt jwt, Instant now) {
    Instant notBefore = jwt.getNotBefore();
    return jwt.getExpiresAt() != null
        && now.isBefore(jwt.getExpiresAt())
        && (notBefore == null || !now.isBefore(notBefore));
  }
}
