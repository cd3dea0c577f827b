package io.outrun.runner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Consumes run requests from Kafka, executes workflow steps and records runs in MongoDB. */
@SpringBootApplication
public class RunnerApplication {

  public static void main(String[] args) {
    SpringApplication.run(RunnerApplication.class, args);
  }
}
