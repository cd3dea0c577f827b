package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.trigger.TriggerConfigRule.Checked;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerConfigRuleTest {

  @Test
  void webhookDefaultsToPostWithoutAuthAndNeverStoresASecret() {
    Checked checked = TriggerConfigRule.check("webhook", Map.of("secret", "s3cret"));

    assertThat(checked).isEqualTo(new Checked.Valid(Map.of("method", "POST", "authType", "none")));
  }

  @Test
  void methodIsNormalizedToUpperCase() {
    assertThat(TriggerConfigRule.check("webhook", Map.of("method", "put")))
        .isEqualTo(new Checked.Valid(Map.of("method", "PUT", "authType", "none")));
  }

  @Test
  void unknownMethodIsRefused() {
    assertThat(TriggerConfigRule.check("webhook", Map.of("method", "TRACE")))
        .isInstanceOf(Checked.Invalid.class);
  }

  @Test
  void authenticatedWebhooksAreNotSupportedYet() {
    Checked checked = TriggerConfigRule.check("webhook", Map.of("authType", "hmac"));

    assertThat(checked).isInstanceOf(Checked.Invalid.class);
    assertThat(((Checked.Invalid) checked).detail()).contains("not supported yet");
  }

  @Test
  void otherTriggerTypesAreNotSupportedYet() {
    Checked checked = TriggerConfigRule.check("schedule", Map.of("cron", "0 2 * * *"));

    assertThat(((Checked.Invalid) checked).detail()).contains("not supported yet");
  }

  @Test
  void unknownTriggerTypeIsRefused() {
    assertThat(((Checked.Invalid) TriggerConfigRule.check("carrier_pigeon", Map.of())).detail())
        .contains("unknown trigger type");
  }
}
