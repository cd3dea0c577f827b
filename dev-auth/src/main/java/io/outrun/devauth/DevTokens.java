package io.outrun.devauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * {@code POST /api/dev/tokens} {@code {"userId", "workspaceId"}} and optionally {@code "role"}
 * ({@code viewer}, {@code editor}, {@code admin}) or {@code "roles": [...]} → {@code {"token"}}: an
 * HS256 token carrying {@code roles} ({@code ["admin"]} unless asked otherwise) signed with {@code
 * outrun.auth.jwt.hmac-secret}, the key trigger-api verifies with in the local stack. Added to
 * trigger-api's context explicitly (never auto-configured) and only when {@code
 * outrun.auth.dev-tokens.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("outrun.auth.dev-tokens.enabled")
@EnableConfigurationProperties(DevTokens.Key.class)
public class DevTokens {

  static final String PATH = "/api/dev/tokens";
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final int MIN_KEY_BYTES = 32;

  /** The endpoint is public: it is how a newcomer gets a token in the first place. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityWebFilterChain devTokenEndpointSecurity(ServerHttpSecurity http) {
    return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PATH))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .build();
  }

  @Bean
  DevTokenEndpoint devTokenEndpoint(Key key, Clock clock) {
    return new DevTokenEndpoint(key, clock);
  }

  /**
   * {@code outrun.auth.jwt.*}, as trigger-api reads them: the secret to sign with (base64 of at
   * least 32 bytes), and the issuer and audience trigger-api requires, with trigger-api's defaults
   * (its {@code AuthProperties}; this module cannot see that class).
   */
  @ConfigurationProperties("outrun.auth.jwt")
  record Key(
      String hmacSecret,
      @DefaultValue("outrun-local") String issuer,
      @DefaultValue("outrun-api") String audience) {

    byte[] bytes() {
      if (hmacSecret == null || hmacSecret.isBlank()) {
        throw new IllegalStateException("dev tokens need outrun.auth.jwt.hmac-secret to sign with");
      }
      byte[] bytes = Base64.getDecoder().decode(hmacSecret.trim());
      if (bytes.length < MIN_KEY_BYTES) {
        throw new IllegalStateException("outrun.auth.jwt.hmac-secret must be at least 32 bytes");
      }
      return bytes;
    }
  }
}
