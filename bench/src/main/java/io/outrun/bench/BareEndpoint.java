package io.outrun.bench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code ANY /bench/bare}: reads and drops the request body and answers 202 with no body and no
 * other work. {@link BenchStack} adds it to the listener it starts (a deployed listener does not
 * have it): {@code ./outrun bench webhooks} compares the webhook receiver with it, the same server
 * (Netty, WebFlux, port) doing nothing.
 */
@Configuration(proxyBeanMethods = false)
public class BareEndpoint {

  public static final String PATH = "/bench/bare";

  @Bean
  RouterFunction<ServerResponse> bareEndpointRoute() {
    return RouterFunctions.route(RequestPredicates.path(PATH), BareEndpoint::accept);
  }

  static Mono<ServerResponse> accept(ServerRequest request) {
    return request
        .body(BodyExtractors.toDataBuffers())
        .doOnNext(DataBufferUtils::release)
        .then(ServerResponse.accepted().build());
  }
}
