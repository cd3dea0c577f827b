package io.outrun.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

class ServiceLauncherTest {

  private static final String OVERRIDDEN = "outrun.launcher-test.overridden";

  @AfterEach
  void clear() {
    System.clearProperty(OVERRIDDEN);
  }

  @Test
  void theEnvironmentOverridesTheLocalStacksSettings() {
    System.setProperty(OVERRIDDEN, "from the environment");

    try (ConfigurableApplicationContext context =
        ServiceLauncher.start(
            Empty.class,
            Map.of(
                "spring.main.web-application-type",
                "none",
                OVERRIDDEN,
                "from the local stack",
                "outrun.launcher-test.kept",
                "from the local stack"))) {
      ConfigurableEnvironment environment = context.getEnvironment();

      assertThat(environment.getProperty(OVERRIDDEN)).isEqualTo("from the environment");
      assertThat(environment.getProperty("outrun.launcher-test.kept"))
          .isEqualTo("from the local stack");
      List<String> sources =
          environment.getPropertySources().stream().map(PropertySource::getName).toList();
      assertThat(sources.indexOf(ServiceLauncher.SETTINGS_SOURCE))
          .as("right below environment variables, so above every application.yml")
          .isEqualTo(
              sources.indexOf(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME) + 1);
    }
  }

  @Test
  void aServicesPortIsNotTakenFromTheSharedEnvironment() {
    System.setProperty("server.port", "1");
    try (ConfigurableApplicationContext context =
        ServiceLauncher.start(
            Empty.class, Map.of("spring.main.web-application-type", "none", "server.port", "0"))) {
      assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("0");
    } finally {
      System.clearProperty("server.port");
    }
  }

  @Test
  void theSettingsListenerIsOfferedOnlyTheEnvironmentEvent() {
    try (ConfigurableApplicationContext context =
        ServiceLauncher.start(Empty.class, Map.of("spring.main.web-application-type", "none"))) {
      ApplicationListener<?> listener =
          ((AbstractApplicationContext) context)
              .getApplicationListeners().stream()
                  .filter(ServiceLauncher.SettingsAsDefaults.class::isInstance)
                  .findFirst()
                  .orElseThrow();
      GenericApplicationListenerAdapter adapter = new GenericApplicationListenerAdapter(listener);

      assertThat(adapter.supportsEventType(ApplicationEnvironmentPreparedEvent.class)).isTrue();
      assertThat(adapter.supportsEventType(ResolvableType.forClass(PayloadApplicationEvent.class)))
          .as("offered every event, it would fail a cast on each")
          .isFalse();
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  static class Empty {}
}
