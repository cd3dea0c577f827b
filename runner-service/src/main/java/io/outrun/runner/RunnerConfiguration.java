package io.outrun.runner;

import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

/** Beans the whole service shares: the clock and how documents are mapped. */
@Configuration(proxyBeanMethods = false)
class RunnerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * User JSON (trigger payloads, step inputs and outputs) is stored as embedded documents whose
   * keys may contain dots, and the documents are shared with other services, so they carry no
   * {@code _class} attribute.
   */
  @Bean
  static BeanPostProcessor userJsonFriendlyConverter() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof MappingMongoConverter converter) {
          converter.preserveMapKeys(true);
          converter.setTypeMapper(new DefaultMongoTypeMapper(null));
        }
        return bean;
      }
    };
  }
}
