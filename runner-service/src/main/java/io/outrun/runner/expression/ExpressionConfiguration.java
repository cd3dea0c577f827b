package io.outrun.runner.expression;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpressionProperties.class)
class ExpressionConfiguration {

  @Bean
  Expressions expressions(ExpressionProperties properties) {
    return new Expressions(properties);
  }

  @Bean
  Templates templates(Expressions expressions) {
    return new Templates(expressions);
  }

  @Bean(destroyMethod = "close")
  EvaluationExecutor evaluationExecutor(ExpressionProperties properties) {
    return new EvaluationExecutor(properties);
  }
}
