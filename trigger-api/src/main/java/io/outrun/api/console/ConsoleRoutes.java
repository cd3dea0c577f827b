package io.outrun.api.console;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The web console at {@code /} (its page) and {@code /console/**} (its scripts and styles): public
 * files, like the API's description, since every API call the console makes carries the user's
 * bearer token. Served with a strict Content-Security-Policy: scripts and styles only from this
 * origin (no inline script, no eval), API calls only to this origin and the OIDC issuer (when one
 * is configured), no framing. {@code GET /api/console/config} tells the page, before anyone signs
 * in, how it may sign in ({@link ConsoleConfigController}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleRoutes {

  /** What a console page may load and do. */
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; form-action 'none'; frame-ancestors 'none';"
          + " base-uri 'none'";

  private static final String INDEX = "index.html";
  private static final String PREFIX = "/console/";
  private static final String CONFIG = "/api/console/config";

  @Bean
  ConsoleConfig consoleConfig(
      Environment environment,
      OAuth2ResourceServerProperties resourceServer,
      ConsoleProperties console) {
    return ConsoleConfig.of(
        environment.getProperty("outrun.auth.dev-tokens.enabled", Boolean.class, false),
        resourceServer.getJwt().getIssuerUri(),
        console.oidc());
  }

  @Bean
  RouterFunction<ServerResponse> consoleRouter() {
    ConsoleFiles files = ConsoleFiles.load(ConsoleRoutes.class.getClassLoader());
    return RouterFunctions.route(GET("/"), request -> serve(files, INDEX, request))
        .andRoute(
            GET(PREFIX + "**"),
            request -> serve(files, request.path().substring(PREFIX.length()), request));
  }

  /**
   * The console's paths are public and carry the CSP; ordered before the API's chain, which
   * requires a token for everything else. The console's sign-in settings are public too: they are
   * what the page needs before it has a token, and hold no secret (the client is a public one).
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 1)
  SecurityWebFilterChain consoleSecurity(ServerHttpSecurity http, ConsoleConfig config) {
    return http.securityMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/", PREFIX + "**", CONFIG))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(config.policy()))
                    .frameOptions(frame -> frame.mode(Mode.DENY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .build();
  }

  private static Mono<ServerResponse> serve(
      ConsoleFiles files, String path, ServerRequest request) {
    return files
        .find(path)
        .map(
            file ->
                request.headers().header("If-None-Match").contains(file.etag())
                    ? ServerResponse.status(304).eTag(file.etag()).build()
                    : ServerResponse.ok()
                        .contentType(file.type())
                        .eTag(file.etag())
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(file.bytes()))
        .orElseGet(() -> ServerResponse.notFound().build());
  }
}
