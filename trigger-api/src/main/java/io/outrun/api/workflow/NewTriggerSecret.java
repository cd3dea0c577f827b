package io.outrun.api.workflow;

/**
 * A webhook secret a deploy or rollback just made for a trigger node (its trigger was created, or
 * its kind of secret changed): shown once, in that response, like {@code POST .../triggers} shows
 * an API-made trigger's; never stored in plain or logged.
 *
 * @param webhookUrl the trigger's webhook URL by id
 * @param path the trigger's webhook path (served at {@code /api/webhooks/{slug}/{path}}), or null
 */
public record NewTriggerSecret(
    String nodeId, String triggerId, String webhookUrl, String path, String secret) {

  @Override
  public String toString() {
    return "NewTriggerSecret[nodeId=" + nodeId + ", triggerId=" + triggerId + ", secret=***]";
  }
}
