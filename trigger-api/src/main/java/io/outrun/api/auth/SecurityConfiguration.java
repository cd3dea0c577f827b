package io.outrun.api.auth;

import java.time.Clock;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/**} call needs a bearer JWT naming a user and a workspace; health, metrics and
 * the local-only dev-token endpoint are public. CSRF is off: this is a token API without cookies. A
 * token verified once is remembered while it is valid ({@link VerifiedTokens}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

  static final String HMAC_ALGORITHM = "HmacSHA256";

  /**
   * No observations (spans, timers, long task timers) of Spring Security's own filter chain,
   * authentication and authorization: three or more per request beside the HTTP server's, whose
   * span and {@code http.server.requests} timer stay. Every refusal is a 401 or 403 problem counted
   * by {@code outrun.api.calls} and {@code outrun.api.access.denied}.
   */
  @Bean
  static SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  SecurityWebFilterChain apiSecurity(
      ServerHttpSecurity http,
      ObjectProvider<ReactiveJwtDecoder> decoders,
      AuthProperties auth,
      OAuth2ResourceServerProperties resourceServer,
      JsonMapper json,
      Clock clock) {
    ReactiveJwtDecoder decoder = decoders.getIfAvailable();
    if (decoder == null) {
      throw new IllegalStateException(
          "No way to verify tokens: set outrun.auth.jwt.hmac-secret, or"
              + " spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri");
    }
    if (!auth.jwt().hasHmacSecret() && resourceServer.getJwt().getAudiences().isEmpty()) {
      throw new IllegalStateException(
          "Set spring.security.oauth2.resourceserver.jwt.audiences to the audience your identity"
              + " provider puts in trigger-api's tokens: tokens for other APIs must not work here");
    }
    ProblemEntryPoint unauthorized = new ProblemEntryPoint(json);
    TokenRoles roles = auth.tokenRoles();
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .cors(Customizer.withDefaults())
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        // no saved request: the default cache asks every request for its web session, whose
        // creation hops to boundedElastic and back to parallel (a random UUID) for nothing
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .pathMatchers("/actuator/prometheus")
                    .permitAll()
                    // the API's description is public, as is the contract it documents
                    .pathMatchers(
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/webjars/**")
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .oauth2ResourceServer(
            server ->
                server
                    .authenticationEntryPoint(unauthorized)
                    .jwt(
                        jwt ->
                            jwt.jwtDecoder(new VerifiedTokens(decoder, clock))
                                .jwtAuthenticationConverter(
                                    token -> WorkspaceAuthentication.from(token, roles))))
        .build();
  }

  /**
   * Every token's expiry and claim types ({@link TokenRules}). As a bean, Spring Boot also adds it
   * to the validators of the decoder it builds in production mode.
   */
  @Bean
  OAuth2TokenValidator<Jwt> outrunTokenRules() {
    return new TokenRules();
  }

  /**
   * Local stack and tests: HS256 tokens signed with the configured secret, checked as production
   * checks its tokens: time, issuer and audience (the configured ones), and {@link TokenRules}.
   */
  @Bean
  @ConditionalOnProperty("outrun.auth.jwt.hmac-secret")
  ReactiveJwtDecoder hmacJwtDecoder(AuthProperties auth) {
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withSecretKey(hmacKey(auth))
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
    String audience = auth.jwt().audience();
    decoder.setJwtValidator(
        JwtValidators.createDefaultWithValidators(
            new JwtIssuerValidator(auth.jwt().issuer()),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
            new TokenRules()));
    return decoder;
  }

  static SecretKey hmacKey(AuthProperties auth) {
    return new SecretKeySpec(auth.jwt().hmacSecretBytes(), HMAC_ALGORITHM);
  }
}
