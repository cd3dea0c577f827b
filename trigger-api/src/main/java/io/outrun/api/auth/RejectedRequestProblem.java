package io.outrun.api.auth;

import io.outrun.api.error.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request Spring Security's firewall refuses (encoded slashes, braces or other characters that
 * make a path ambiguous) is answered like every other bad request: 400 with a problem body.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequestProblem {

  @Bean
  ServerExchangeRejectedHandler problemForRejectedRequests(JsonMapper json) {
    return (exchange, rejected) ->
        Problems.write(
            exchange,
            json,
            HttpStatus.BAD_REQUEST,
            "The request path or headers contain characters this API does not accept.");
  }
}
