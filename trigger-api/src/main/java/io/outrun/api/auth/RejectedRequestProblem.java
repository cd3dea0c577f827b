package io.outrun.api.auth;

import io.outrun.api.error.Problems;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request Spring Security's firewall refuses (encoded slashes, braces or other characters that
 * make a path ambiguous) is answered like every other bad request: 400 with a problem body.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequestProblem {

  @Bean
  ServerExchangeRejectedHandler problemForRejectedRequests(JsonMapper json) {
    return (exchange, rejected) -> {
      var response = exchange.getResponse();
      response.setStatusCode(HttpStatus.BAD_REQUEST);
      response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      byte[] body =
          json.writeValueAsBytes(
              Problems.body(
                  HttpStatus.BAD_REQUEST,
                  "The request path or headers contain characters this API does not accept.",
                  exchange.getRequest().getPath().value(),
                  List.of()));
      return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    };
  }
}
