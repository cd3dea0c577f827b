package io.outrun.api.web;

import io.outrun.api.error.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Management calls carry at most {@code outrun.api.web.max-body-size} (1 MB): a declared larger
 * body is answered 413 before it is read; a chunked one stops being buffered at the limit (the
 * codecs' limit, answered 413 by the problem handler).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiWebProperties.class)
class BodyLimit implements WebFluxConfigurer, WebFilter, Ordered {

  private final long maxBytes;
  private final JsonMapper json;

  BodyLimit(ApiWebProperties properties, JsonMapper json) {
    this.maxBytes = properties.maxBodySize().toBytes();
    this.json = json;
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer codecs) {
    codecs.defaultCodecs().maxInMemorySize((int) Math.min(maxBytes, Integer.MAX_VALUE));
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getHeaders().getContentLength() <= maxBytes) {
      return chain.filter(exchange);
    }
    return Problems.write(
        exchange,
        json,
        HttpStatus.CONTENT_TOO_LARGE,
        "The request body is larger than the limit of " + maxBytes + " bytes.");
  }

  /** Before security: an oversized body is refused without reading it, token or not. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
