package io.outrun.api.trigger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.api.*}.
 *
 * @param webhookBaseUrl where listener-service receives webhooks, as callers reach it
 */
@ConfigurationProperties("outrun.api")
record TriggerProperties(@DefaultValue("http://localhost:8081") String webhookBaseUrl) {

  TriggerProperties {
    webhookBaseUrl = webhookBaseUrl.replaceAll("/+$", "");
  }

  String webhookUrl(String triggerId) {
    return webhookBaseUrl + "/api/webhooks/" + triggerId;
  }
}
