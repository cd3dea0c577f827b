package io.outrun.runner.egress;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EgressProperties.class)
class EgressConfiguration {

  @Bean(destroyMethod = "close")
  GuardedHttpClient guardedHttpClient(EgressProperties properties) {
    return new GuardedHttpClient(properties);
  }
}
