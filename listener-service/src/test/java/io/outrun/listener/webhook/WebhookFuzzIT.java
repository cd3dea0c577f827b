package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.service.claimcheck.RunPayloads;
import io.outrun.service.claimcheck.StoredPayload;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every listener endpoint against generated hostile requests (issue 11): webhooks of every auth
 * type and signature scheme, unfireable and unknown triggers, the actuator and paths that do not
 * exist; wrong methods, bad and huge and deep bodies, keys MongoDB cannot take, bad signatures, bad
 * headers, huge headers and URIs, bad content types, broken framing. Sequential, over raw sockets,
 * from a seed printed first ({@code -Dfuzz.seed=N} repeats a run, {@code -Dfuzz.requests=N} sets
 * the count).
 *
 * <p>Never a 5xx (Kafka is up); every error as problem details; never a 2xx for a request that must
 * be refused; every 202 names a run whose request is on Kafka with a payload MongoDB can store.
 */
@ListenerSpringTest
class WebhookFuzzIT {

  private static final int MAX_BODY_BYTES = 64 * 1024;

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @Autowired RunPayloads payloads;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  @Test
  void hostileRequestsGetNoServerErrorNoUndueAcceptanceAndEveryAcceptedRunIsStorable()
      throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int count = Integer.getInteger("fuzz.requests", 1200);
    System.out.printf(
        "WebhookFuzzIT: seed %d, %d requests (-Dfuzz.seed=%d repeats it)%n", seed, count, seed);
    List<FuzzTrigger> triggers = triggers();
    FuzzedRequests requests = new FuzzedRequests(seed, triggers, MAX_BODY_BYTES);
    RawHttp http = new RawHttp(port);
    List<String> findings = new ArrayList<>();
    Map<String, FuzzTrigger> accepted = new LinkedHashMap<>();
    Map<String, String> deliveries = new HashMap<>();
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    long started = System.nanoTime();

    for (int i = 0; i < count; i++) {
      FuzzedRequests.FuzzRequest request = requests.next();
      RawHttp.Response response = http.send(request.bytes());
      statuses.merge(response.status(), 1, Integer::sum);
      check(i, request, response, deliveries, findings)
          .ifPresent(runId -> accepted.put(runId, request.trigger()));
    }
    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
    findings.addAll(unstoredRuns(accepted));
    findings.addAll(logsBeyondTheirShape(triggers));
    System.out.printf(
        "WebhookFuzzIT: %d requests in %d ms, statuses %s, %d runs accepted, %d findings%n",
        count, took, statuses, accepted.size(), findings.size());

    findings.stream().limit(100).forEach(finding -> System.out.println("  " + finding));
    assertThat(findings).as("seed " + seed).isEmpty();
    assertThat(accepted).as("some requests are valid and accepted").hasSizeGreaterThan(count / 20);
  }

  /** What is wrong with one answer; the run id of a 202. */
  private java.util.Optional<String> check(
      int i,
      FuzzedRequests.FuzzRequest request,
      RawHttp.Response response,
      Map<String, String> deliveries,
      List<String> findings) {
    String where = "#" + i + " " + request.label() + " -> " + response.status() + ": ";
    int status = response.status();
    if (status < 100 || status >= 500) {
      findings.add(where + "no answer or a server error: " + cut(response.text()));
      return java.util.Optional.empty();
    }
    if (status >= 400 && !isProblem(request, response)) {
      findings.add(
          where + "not problem details: " + response.headers() + " " + cut(response.text()));
    }
    String delivery =
        request.deliveryId() == null ? null : request.trigger().id() + "/" + request.deliveryId();
    String firstRun = delivery == null ? null : deliveries.get(delivery);
    boolean repeat = firstRun != null && !request.refusedForMoreThanItsBody();
    if (status < 300 && request.mustRefuse() && !repeat) {
      findings.add(where + "accepted what must be refused");
    }
    if (status != 202 || request.head() || request.trigger() == null) {
      return java.util.Optional.empty();
    }
    String runId = runId(response);
    if (runId == null) {
      findings.add(where + "a 202 without a run id: " + cut(response.text()));
    } else if (firstRun != null && !firstRun.equals(runId)) {
      findings.add(where + "a repeated delivery named another run than the first, " + firstRun);
    } else if (delivery != null) {
      deliveries.putIfAbsent(delivery, runId);
    }
    return java.util.Optional.ofNullable(runId);
  }

  private boolean isProblem(FuzzedRequests.FuzzRequest request, RawHttp.Response response) {
    String type = response.headers().getOrDefault("content-type", "");
    if (request.head() && response.body().length == 0) {
      // an answer to HEAD has no body; the server's own (service-support's ProblemBodies) says
      // nothing of the body it would have had. One to a request line it could not read (too long)
      // cannot know it was HEAD: it has its problem body, checked as any other.
      return type.isEmpty() || type.startsWith("application/problem+json");
    }
    if (!type.startsWith("application/problem+json")) {
      return false;
    }
    Map<?, ?> problem;
    try {
      problem = json.readValue(response.body(), Map.class);
    } catch (tools.jackson.core.JacksonException notJson) {
      return false;
    }
    return problem.get("status") instanceof Number n
        && n.intValue() == response.status()
        && problem.get("detail") instanceof String;
  }

  private String runId(RawHttp.Response response) {
    String text = response.text();
    if (text.startsWith("Workflow execution started: ")) {
      return text.substring("Workflow execution started: ".length());
    }
    try {
      Object runId = json.readValue(response.body(), Map.class).get("runId");
      return runId instanceof String id ? id : null;
    } catch (tools.jackson.core.JacksonException notJson) {
      return null;
    }
  }

  /** Each accepted run's request on Kafka, its payload storable by MongoDB as it stands. */
  private List<String> unstoredRuns(Map<String, FuzzTrigger> accepted) {
    RawKafka kafka = new RawKafka(TestInfra.shared().kafkaBootstrapServers());
    WebhookFixtures decoder = new WebhookFixtures(mongo, registry);
    Map<String, RunRequested> onKafka = new HashMap<>();
    accepted.values().stream()
        .map(FuzzTrigger::workflowId)
        .distinct()
        .flatMap(workflowId -> kafka.readAll(Topics.RUN_REQUESTS, workflowId).stream())
        .map(record -> decoder.decode(record.value()))
        .forEach(request -> onKafka.put(request.runId(), request));
    List<String> findings = new ArrayList<>();
    accepted.forEach(
        (runId, trigger) -> {
          RunRequested request = onKafka.get(runId);
          if (request == null) {
            findings.add("run " + runId + " of trigger " + trigger.auth() + " is not on Kafka");
            return;
          }
          StorablePayloads.problem(payload(request))
              .ifPresent(problem -> findings.add("run " + runId + ": " + problem));
        });
    return findings;
  }

  /**
   * The webhook logs of these requests hold only their fixed fields: no header, query or body of
   * the request becomes a key of a stored document.
   */
  private List<String> logsBeyondTheirShape(List<FuzzTrigger> triggers) {
    List<String> ids = triggers.stream().map(FuzzTrigger::id).toList();
    Query ofThese = Query.query(Criteria.where("triggerId").in(ids));
    List<Document> buckets =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> mongo.find(ofThese, Document.class, "webhook_logs").collectList().block(),
                found -> !found.isEmpty());
    return buckets.stream()
        .flatMap(bucket -> bucket.getList("entries", Document.class).stream())
        .filter(entry -> !LOG_FIELDS.containsAll(entry.keySet()))
        .map(entry -> "a webhook log entry with other fields: " + entry.keySet())
        .toList();
  }

  private static final java.util.Set<String> LOG_FIELDS =
      java.util.Set.of(
          "receivedAt",
          "method",
          "path",
          "ip",
          "userAgent",
          "status",
          "reason",
          "processingTimeMs",
          "runId");

  private Map<String, Object> payload(RunRequested request) {
    if (request.triggeredBy().payloadRef() == null) {
      return request.triggeredBy().payload();
    }
    return payloads.find(request.triggeredBy().payloadRef()).block()
            instanceof StoredPayload.Found(var p)
        ? p
        : Map.of("missing", "the payload stored aside is missing");
  }

  /** One trigger per auth type and scheme, methods and origins varied, and two that cannot fire. */
  private List<FuzzTrigger> triggers() {
    List<FuzzTrigger> triggers = new ArrayList<>();
    FuzzTrigger.Auth[] auths = FuzzTrigger.Auth.values();
    for (int i = 0; i < auths.length; i++) {
      String method = i == 1 ? "PUT" : i == 2 ? "GET" : "POST";
      triggers.add(insert(auths[i], method, i % 2 == 0, true, "active"));
    }
    triggers.add(insert(FuzzTrigger.Auth.NONE, "POST", false, false, "active"));
    triggers.add(insert(FuzzTrigger.Auth.HMAC, "POST", false, true, "paused"));
    return triggers;
  }

  private FuzzTrigger insert(
      FuzzTrigger.Auth auth, String method, boolean originChecked, boolean enabled, String status) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().status(status);
    mongo.insert(workflow.build(), "workflows").block();
    StoredDocuments.TriggerBuilder stored =
        StoredDocuments.webhookTrigger(workflow.id()).enabled(enabled);
    FuzzTrigger trigger =
        new FuzzTrigger(
            stored.id(),
            workflow.id(),
            method,
            auth,
            enabled && status.equals("active"),
            originChecked);
    trigger.config().forEach(stored::config);
    mongo.insert(stored.build(), "triggers").block();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> registry.known(trigger.id()).isPresent());
    return trigger;
  }

  private static String cut(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
