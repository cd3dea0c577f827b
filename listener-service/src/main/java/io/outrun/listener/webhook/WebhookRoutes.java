package io.outrun.listener.webhook;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The webhook addresses, any method (OPTIONS too: a route without a method predicate takes it, so
 * the trigger answers it rather than Spring's default 200), to {@link WebhookController}.
 */
@Configuration(proxyBeanMethods = false)
class WebhookRoutes {

  static final String BY_ID = "/api/webhooks/{triggerId}";
  static final String BY_PATH = "/api/webhooks/{workspaceSlug}/{*path}";

  @Bean
  RouterFunction<ServerResponse> webhookRouterFunction(WebhookController webhooks) {
    return RouterFunctions.route(path(BY_ID), webhooks::receive)
        .andRoute(path(BY_PATH), webhooks::receiveAtPath);
  }
}
