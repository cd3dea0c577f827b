package io.outrun.listener;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The public face of Outrun: receives webhooks and turns them into run requests on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ListenerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ListenerApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
