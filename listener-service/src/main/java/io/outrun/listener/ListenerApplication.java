package io.outrun.listener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The public face of Outrun: receives webhooks and turns them into run requests on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ListenerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ListenerApplication.class, args);
  }
}
