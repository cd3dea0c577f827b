package io.outrun.api.access;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.api.audit.AuditEntry;
import io.outrun.api.audit.AuditLog;
import io.outrun.api.auth.CurrentUser;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds every {@code /api/**} call to the role its route needs ({@link RouteRules}) and audits it:
 * a call the caller's role does not allow is answered 403 (a problem naming the role needed) and
 * audited; a state-changing call is audited with its status just before its response is sent, so
 * the client sees the answer only once the entry is stored ({@link AuditLog}). Runs after Spring
 * Security, so the caller is known; a call without a matching rule (404, 405, public) passes.
 */
@Component
class AccessFilter implements WebFilter, Ordered {

  /** After Spring Security's filter chain (order -100). */
  static final int ORDER = 0;

  private final AuditLog audit;
  private final Forbidden forbidden;
  private final MeterRegistry meters;
  private final Clock clock;

  AccessFilter(AuditLog audit, JsonMapper json, MeterRegistry meters, Clock clock) {
    this.audit = audit;
    this.forbidden = new Forbidden(json);
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    Optional<RouteRule> rule =
        RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication());
    if (rule.isEmpty()) {
      return chain.filter(exchange);
    }
    return caller()
        .flatMap(
            user ->
                user.isEmpty()
                    ? chain.filter(exchange)
                    : decide(user.get(), rule.get(), exchange, chain));
  }

  private Mono<Void> decide(
      CurrentUser user, RouteRule rule, ServerWebExchange exchange, WebFilterChain chain) {
    if (!user.role().covers(rule.needs())) {
      meters
          .counter(ApiMetrics.ACCESS_DENIED, ApiMetrics.ROLE, rule.needs().claimValue())
          .increment();
      return audit
          .record(entry(user, rule, exchange, HttpStatus.FORBIDDEN.value()))
          .then(forbidden.write(exchange, user.role(), rule.needs()));
    }
    if (rule.changesState()) {
      exchange
          .getResponse()
          .beforeCommit(() -> audit.record(entry(user, rule, exchange, status(exchange))));
    }
    return chain.filter(exchange);
  }

  /** The caller, or empty on a route without a token. */
  private static Mono<Optional<CurrentUser>> caller() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .map(Authentication::getPrincipal)
        .filter(CurrentUser.class::isInstance)
        .map(principal -> Optional.of((CurrentUser) principal))
        .defaultIfEmpty(Optional.empty());
  }

  private AuditEntry entry(
      CurrentUser user, RouteRule rule, ServerWebExchange exchange, int status) {
    ServerHttpRequest request = exchange.getRequest();
    return new AuditEntry(
        user.userId(),
        user.role().claimValue(),
        user.workspaceId(),
        rule.action(),
        rule.objectType(),
        objectId(rule, exchange),
        request.getMethod().name(),
        request.getPath().value(),
        status,
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        request.getId());
  }

  /**
   * A created object's id (the last segment of {@code Location}), else the route's last variable.
   */
  private static String objectId(RouteRule rule, ServerWebExchange exchange) {
    URI location = exchange.getResponse().getHeaders().getLocation();
    if (location != null && location.getPath() != null) {
      String path = location.getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }
    String variable = rule.idVariable();
    if (variable == null) {
      return null;
    }
    var match =
        rule.pattern().matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
    return match == null ? null : match.getUriVariables().get(variable);
  }

  /** The response's status; none set means the default, 200. */
  private static int status(ServerWebExchange exchange) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    return status == null ? HttpStatus.OK.value() : status.value();
  }
}
