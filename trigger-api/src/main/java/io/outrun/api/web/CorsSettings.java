package io.outrun.api.web;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Lets the browser-based editor, served from another origin, call the API: only the origins in
 * {@code outrun.api.web.cors-allowed-origins}, with bearer tokens (no cookies).
 */
@Configuration(proxyBeanMethods = false)
class CorsSettings {

  @Bean
  CorsConfigurationSource corsConfigurationSource(ApiWebProperties properties) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (properties.corsAllowedOrigins().isEmpty()) {
      return source;
    }
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.corsAllowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
    cors.setExposedHeaders(List.of("Location", "Retry-After"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(Duration.ofHours(1));
    source.registerCorsConfiguration("/api/**", cors);
    return source;
  }
}
