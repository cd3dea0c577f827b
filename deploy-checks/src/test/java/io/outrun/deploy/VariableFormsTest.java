package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The variable names PropertyCatalog takes are the ones Spring Boot binds from the environment. */
class VariableFormsTest {

  @ParameterizedTest
  @ValueSource(strings = {"OUTRUN_API_WEBHOOKBASEURL", "OUTRUN_API_WEBHOOK_BASE_URL"})
  void bothFormsBindToTheDashedProperty(String variable) {
    assertThat(bind(variable, "outrun.api.webhook-base-url")).isEqualTo("bound");
    assertThat(PropertyCatalog.binds(variable, "outrun.api.webhook-base-url")).isTrue();
  }

  @Test
  void aMisspeltVariableBindsToNothing() {
    assertThat(bind("OUTRUN_API_WEBHOOK_BASEURL", "outrun.api.webhook-base-url")).isNull();
    assertThat(PropertyCatalog.binds("OUTRUN_API_WEBHOOK_BASEURL", "outrun.api.webhook-base-url"))
        .isFalse();
  }

  private static String bind(String variable, String property) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            Map.of(variable, "bound")));
    return new Binder(ConfigurationPropertySources.from(sources))
        .bind(property, String.class)
        .orElse(null);
  }
}
