package io.outrun.api;

import io.outrun.service.metrics.MeterCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The REST API for workflows, triggers and runs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriggerApiApplication {

  /** The description and base unit of each of this service's meters. */
  @Bean
  static MeterCatalog meterCatalog() {
    return new MeterCatalog(ApiMetrics.DOCS);
  }

  public static void main(String[] args) {
    SpringApplication.run(TriggerApiApplication.class, args);
  }
}
