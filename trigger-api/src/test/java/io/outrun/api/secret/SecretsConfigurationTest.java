package io.outrun.api.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.service.secret.SecretBox;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link SecretBox} of trigger-api, as workspace and webhook secrets both take it. */
class SecretsConfigurationTest {

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withUserConfiguration(SecretsConfiguration.class, OtherConsumerConfiguration.class);

  @Test
  void configuredKeyIsOneBoxForEveryConsumer() {
    contexts
        .withPropertyValues("outrun.api.secrets.encryption-key=" + ApiTestSupport.ENCRYPTION_KEY)
        .run(
            context -> {
              assertThat(context.getBean(SecretSealer.class).configured()).isTrue();
              assertThat(context.getBean(OtherConsumer.class).box())
                  .containsSame(context.getBean(SecretBox.class));
            });
  }

  @Test
  void noKeyIsNoBox() {
    contexts.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(SecretSealer.class).configured()).isFalse();
          assertThat(context.getBean(OtherConsumer.class).box()).isEmpty();
        });
  }

  @Test
  void malformedKeyStopsStartupNamingTheProperty() {
    contexts
        .withPropertyValues("outrun.api.secrets.encryption-key=c2hvcnQ=")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage("outrun.api.secrets.encryption-key must be 32 bytes"));
  }

  /** Takes the box as the trigger feature's {@code SecretConfiguration} does. */
  record OtherConsumer(Optional<SecretBox> box) {}

  @Configuration(proxyBeanMethods = false)
  static class OtherConsumerConfiguration {

    @Bean
    OtherConsumer otherConsumer(Optional<SecretBox> box) {
      return new OtherConsumer(box);
    }
  }
}
