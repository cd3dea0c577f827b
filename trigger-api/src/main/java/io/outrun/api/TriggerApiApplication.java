package io.outrun.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The REST API for workflows, triggers and runs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriggerApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(TriggerApiApplication.class, args);
  }
}
