package io.outrun.api;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * WebFlux's session manager, counting the sessions requests read or make: the API is stateless, and
 * a session asked for costs two thread hops and a random UUID per request.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebSessionCount {

  /** Sessions read or made since the context started. */
  public static final AtomicLong REQUESTED = new AtomicLong();

  @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
  WebSessionManager webSessionManager() {
    DefaultWebSessionManager sessions = new DefaultWebSessionManager();
    return new WebSessionManager() {
      @Override
      public Mono<WebSession> getSession(ServerWebExchange exchange) {
        // each exchange takes this Mono when it is made; a session is read or made on subscribe
        return Mono.defer(
            () -> {
              REQUESTED.incrementAndGet();
              return sessions.getSession(exchange);
            });
      }
    };
  }
}
