package io.outrun.listener.datachange;

import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The run requests on Kafka for one trigger, duplicates included. */
public final class KafkaRunRequests {

  private final RawKafka kafka = new RawKafka(TestInfra.shared().kafkaBootstrapServers());
  private final JsonMapper json;

  public KafkaRunRequests(JsonMapper json) {
    this.json = json;
  }

  public List<RunRequested> of(String workflowId, String triggerId) {
    return kafka.readAll(Topics.RUN_REQUESTS, workflowId).stream()
        .map(record -> json.readValue(record.value(), RunRequested.class))
        .filter(request -> triggerId.equals(request.triggeredBy().triggerId()))
        .toList();
  }

  /** The {@code documentKey._id} of each request's change, in order. */
  List<Object> documentIds(String workflowId, String triggerId) {
    return of(workflowId, triggerId).stream().map(KafkaRunRequests::documentId).toList();
  }

  static Object documentId(RunRequested request) {
    return ((Map<?, ?>) request.triggeredBy().payload().get("documentKey")).get("_id");
  }
}
