package io.outrun.runner;

import io.outrun.service.metrics.MeterCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Consumes run requests from Kafka, executes workflow steps and records runs in MongoDB. */
@SpringBootApplication
public class RunnerApplication {

  /** The description and base unit of each of this service's meters. */
  @Bean
  static MeterCatalog meterCatalog() {
    return new MeterCatalog(RunnerMetrics.DOCS);
  }

  public static void main(String[] args) {
    SpringApplication.run(RunnerApplication.class, args);
  }
}
