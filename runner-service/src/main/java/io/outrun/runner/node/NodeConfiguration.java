package io.outrun.runner.node;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpressionProperties.class)
class NodeConfiguration {

  @Bean
  Expressions expressions(ExpressionProperties properties) {
    return new Expressions(properties.timeout(), properties.maxDepth());
  }

  @Bean
  Templates templates(Expressions expressions) {
    return new Templates(expressions);
  }
}
