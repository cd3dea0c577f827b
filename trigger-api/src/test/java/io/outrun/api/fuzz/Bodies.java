package io.outrun.api.fuzz;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request bodies the API reads, each as a valid template, with the fields whose JSON type is
 * fixed and the places that hold a definition's free-form JSON (where empty and NUL keys, and
 * sometimes {@code $} keys, are refused).
 */
enum Bodies {
  WORKFLOW(false),
  WORKFLOW_EDIT(false),
  RUN(true),
  ROLLBACK(false),
  WEBHOOK_TRIGGER(false),
  SCHEDULE_TRIGGER(false),
  DATA_CHANGE_TRIGGER(false),
  TRIGGER_EDIT(false),
  TOP_LEVEL_TRIGGER(false),
  WORKSPACE_SETTINGS(false),
  FIRE(true),
  VALIDATE_DEPENDENCY(false),
  BACKFILL(true),
  SECRET(false),
  DEV_TOKEN(false),
  IMPORT(false);

  /** Whether the endpoint takes no body as well (then an empty body is no error). */
  final boolean optional;

  Bodies(boolean optional) {
    this.optional = optional;
  }

  /** The JSON types a field can be required to have. */
  enum Type {
    STRING,
    BOOLEAN,
    INTEGER,
    NUMBER,
    OBJECT,
    ARRAY
  }

  /** A field (path of keys and indexes) that must have {@code type}. */
  record Typed(List<Object> path, Type type) {}

  /** Free-form JSON at {@code path} of a definition; {@code dollarRefused}: no {@code $} keys. */
  record Definition(List<Object> path, boolean dollarRefused) {}

  /** A fresh, mutable, valid body. */
  Map<String, Object> template(Fixture fixture) {
    return switch (this) {
      case WORKFLOW -> workflow();
      case WORKFLOW_EDIT -> {
        Map<String, Object> edit = workflow();
        edit.put("version", 1);
        yield edit;
      }
      case RUN -> map("input", map("name", "Ada", "n", 1), "test", true);
      case ROLLBACK -> map("version", 1);
      case WEBHOOK_TRIGGER ->
          trigger("webhook", map("method", "POST", "authType", "none", "allowedOrigins", list()));
      case SCHEDULE_TRIGGER ->
          trigger("schedule", map("cron", "0 2 * * *", "timezone", "Europe/Berlin"));
      case DATA_CHANGE_TRIGGER ->
          trigger(
              "data_change",
              map("collection", "leads", "filter", map("fullDocument.score", map("$gt", 5))));
      case TRIGGER_EDIT -> trigger("webhook", map("method", "PUT", "authType", "none"));
      case TOP_LEVEL_TRIGGER -> {
        Map<String, Object> trigger = trigger("schedule", map("cron", "0 3 * * *"));
        trigger.put("workflowId", fixture.draft());
        yield trigger;
      }
      case WORKSPACE_SETTINGS -> map("slug", "fuzz-" + fixture.draft().substring(0, 8));
      case FIRE -> map("reason", "fuzz", "items", list(1, 2, 3));
      case VALIDATE_DEPENDENCY -> map("dependsOnWorkflowId", fixture.active());
      case BACKFILL -> {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        yield map(
            "from",
            hour.minus(3, ChronoUnit.HOURS).toString(),
            "to",
            hour.minus(2, ChronoUnit.HOURS).toString());
      }
      case SECRET -> map("value", "fuzz-secret-value");
      case DEV_TOKEN -> map("userId", "fuzzer", "workspaceId", "ws-fuzz-tokens");
      case IMPORT ->
          map(
              "format",
              "outrun.workflow/v1",
              "workflow",
              workflow(),
              "triggers",
              list(trigger("webhook", map("method", "POST", "path", "fuzz-import"))));
    };
  }

  List<Typed> typed() {
    return switch (this) {
      case WORKFLOW -> workflowTyped();
      case WORKFLOW_EDIT -> {
        List<Typed> typed = new ArrayList<>(workflowTyped());
        typed.add(new Typed(List.of("version"), Type.INTEGER));
        yield typed;
      }
      case RUN ->
          List.of(
              new Typed(List.of("input"), Type.OBJECT), new Typed(List.of("test"), Type.BOOLEAN));
      case ROLLBACK -> List.of(new Typed(List.of("version"), Type.INTEGER));
      case WEBHOOK_TRIGGER,
          SCHEDULE_TRIGGER,
          DATA_CHANGE_TRIGGER,
          TRIGGER_EDIT,
          TOP_LEVEL_TRIGGER ->
          List.of(
              new Typed(List.of("type"), Type.STRING),
              new Typed(List.of("name"), Type.STRING),
              new Typed(List.of("enabled"), Type.BOOLEAN),
              new Typed(List.of("config"), Type.OBJECT));
      case FIRE -> List.of(new Typed(List.of(), Type.OBJECT));
      case WORKSPACE_SETTINGS -> List.of(new Typed(List.of("slug"), Type.STRING));
      case VALIDATE_DEPENDENCY -> List.of(new Typed(List.of("dependsOnWorkflowId"), Type.STRING));
      case BACKFILL ->
          List.of(new Typed(List.of("from"), Type.STRING), new Typed(List.of("to"), Type.STRING));
      case SECRET -> List.of(new Typed(List.of("value"), Type.STRING));
      case DEV_TOKEN ->
          List.of(
              new Typed(List.of("userId"), Type.STRING),
              new Typed(List.of("workspaceId"), Type.STRING));
      case IMPORT ->
          List.of(
              new Typed(List.of("format"), Type.STRING),
              new Typed(List.of("workflow"), Type.OBJECT),
              new Typed(List.of("workflow", "nodes"), Type.ARRAY),
              new Typed(List.of("triggers"), Type.ARRAY),
              new Typed(List.of("triggers", 0), Type.OBJECT),
              new Typed(List.of("triggers", 0, "config"), Type.OBJECT));
    };
  }

  List<Definition> definitions() {
    return switch (this) {
      case WORKFLOW, WORKFLOW_EDIT ->
          List.of(
              new Definition(List.of("nodes", 0, "data"), false),
              new Definition(List.of("nodes", 1, "data"), false),
              new Definition(List.of("settings"), true));
      case WEBHOOK_TRIGGER, SCHEDULE_TRIGGER, TRIGGER_EDIT, TOP_LEVEL_TRIGGER ->
          List.of(new Definition(List.of("config"), true));
      case IMPORT ->
          List.of(
              new Definition(List.of("workflow", "nodes", 0, "data"), false),
              new Definition(List.of("triggers", 0, "config"), true));
      case DATA_CHANGE_TRIGGER ->
          List.of(
              new Definition(List.of("config"), true),
              new Definition(List.of("config", "filter"), false));
      default -> List.of();
    };
  }

  private static List<Typed> workflowTyped() {
    return List.of(
        new Typed(List.of("name"), Type.STRING),
        new Typed(List.of("nodes"), Type.ARRAY),
        new Typed(List.of("nodes", 0), Type.OBJECT),
        new Typed(List.of("nodes", 0, "id"), Type.STRING),
        new Typed(List.of("nodes", 1, "type"), Type.STRING),
        new Typed(List.of("nodes", 0, "position"), Type.OBJECT),
        new Typed(List.of("nodes", 1, "position", "x"), Type.NUMBER),
        new Typed(List.of("nodes", 0, "data"), Type.OBJECT),
        new Typed(List.of("edges"), Type.ARRAY),
        new Typed(List.of("edges", 0, "source"), Type.STRING),
        new Typed(List.of("edges", 0, "sourceHandle"), Type.STRING),
        new Typed(List.of("settings"), Type.OBJECT));
  }

  private static Map<String, Object> workflow() {
    Map<String, Object> fetch =
        map(
            "id",
            "fetch",
            "type",
            "http_request",
            "position",
            map("x", 0, "y", 0),
            "data",
            map("method", "GET", "url", "https://example.org/x", "headers", map("X-Id", "1")));
    Map<String, Object> log =
        map(
            "id",
            "log",
            "type",
            "log",
            "position",
            map("x", 200.5, "y", 0),
            "data",
            map("message", "got {{ $steps.fetch.output.status }}"));
    return map(
        "name",
        "fuzzed",
        "nodes",
        list(fetch, log),
        "edges",
        list(map("id", "e1", "source", "fetch", "target", "log", "sourceHandle", "out")),
        "settings",
        map("timeoutMs", 60000, "retryPolicy", map("maxRetries", 2)));
  }

  private static Map<String, Object> trigger(String type, Map<String, Object> config) {
    return map("type", type, "name", "fuzzed " + type, "enabled", true, "config", config);
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }
}
