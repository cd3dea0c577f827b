package io.outrun.listener;

import io.outrun.service.metrics.MeterCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The public face of Outrun: receives webhooks and turns them into run requests on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ListenerApplication {

  /** The description and base unit of each of this service's meters. */
  @Bean
  static MeterCatalog meterCatalog() {
    return new MeterCatalog(ListenerMetrics.DOCS);
  }

  public static void main(String[] args) {
    SpringApplication.run(ListenerApplication.class, args);
  }
}
