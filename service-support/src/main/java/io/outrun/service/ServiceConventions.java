package io.outrun.service;

import io.micrometer.core.instrument.config.MeterFilter;
import io.outrun.service.metrics.LibraryMeters;
import io.outrun.service.metrics.MeterCatalog;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.SessionSynchronization;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

/**
 * What every Outrun service does the same way (docs/ARCHITECTURE.md, "Conventions"), so it is
 * written once: the services share MongoDB documents, and time comes from an injected clock.
 */
@AutoConfiguration
public class ServiceConventions {

  /** UTC wall-clock time; tests declare their own {@link Clock} bean to control it. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Descriptions for the library meters that lack one ({@link LibraryMeters}). */
  @Bean
  static MeterCatalog libraryMeterCatalog() {
    return LibraryMeters.catalog();
  }

  /** Library meters whose Prometheus names break its conventions, not exported. */
  @Bean
  static MeterFilter refusedLibraryMeters() {
    return LibraryMeters.refused();
  }

  /**
   * Documents are read by other services with their own types, and hold free-form user JSON (node
   * data, trigger config, payloads, step outputs) whose keys may contain dots ({@code
   * fullDocument.status}). So map keys are stored as they are, and no {@code _class} attribute ties
   * a document to one service's Java class.
   *
   * <p>No service uses MongoDB transactions or listens for mapping events, so the reactive template
   * neither looks for a transaction in each operation's context (with none there, Spring finds out
   * by throwing and catching an exception, once per operation) nor publishes an event before and
   * after each document it converts, saves or loads (every application listener of the context is
   * asked about each one). Together they were about one exception and several events per stored
   * run.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MappingMongoConverter.class)
  static class SharedDocuments {

    @Bean
    static BeanPostProcessor sharedDocumentMapping() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
          if (bean instanceof MappingMongoConverter converter) {
            converter.preserveMapKeys(true);
            converter.setTypeMapper(new DefaultMongoTypeMapper(null));
          }
          if (bean instanceof ReactiveMongoTemplate template) {
            template.setSessionSynchronization(SessionSynchronization.NEVER);
            template.setEntityLifecycleEventsEnabled(false);
          }
          return bean;
        }
      };
    }
  }
}
