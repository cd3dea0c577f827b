package io.outrun.listener;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

/**
 * Trigger configs are free-form user JSON whose keys may contain dots ({@code
 * fullDocument.status}): keep them as they are instead of escaping them.
 */
@Configuration(proxyBeanMethods = false)
class MongoMappingConfiguration {

  @Bean
  static BeanPostProcessor preserveMapKeys() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MappingMongoConverter converter) {
          converter.preserveMapKeys(true);
        }
        return bean;
      }
    };
  }
}
