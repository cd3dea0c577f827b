package io.outrun.api.fuzz;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every endpoint of trigger-api, as a method and a path template over the {@link Fixture}'s ids
 * ({@code {W}} draft workflow, {@code {A}} active workflow, {@code {T}} webhook trigger of W,
 * {@code {S}} schedule of A, {@code {R}} a queued run, {@code {F}} a completed run: a valid call of
 * the events stream of a run that has not ended would stay open).
 *
 * @param body what it reads, or null
 * @param destructive whether a valid call would take the fixture away (archive, delete)
 * @param open whether it needs no token
 */
record Routes(String method, String template, Bodies body, boolean destructive, boolean open) {

  static final List<Routes> ALL =
      List.of(
          get("/api/workflows"),
          post("/api/workflows", Bodies.WORKFLOW),
          get("/api/workflows/{W}"),
          new Routes("PUT", "/api/workflows/{W}", Bodies.WORKFLOW_EDIT, false, false),
          new Routes("DELETE", "/api/workflows/{W}", null, true, false),
          post("/api/workflows/{W}/deploy", null),
          post("/api/workflows/{W}/pause", null),
          post("/api/workflows/{W}/resume", null),
          post("/api/workflows/{W}/undeploy", null),
          post("/api/workflows/{A}/rollback", Bodies.ROLLBACK),
          get("/api/workflows/{A}/deployments"),
          get("/api/workflows/{A}/versions"),
          get("/api/workflows/{A}/versions/1"),
          get("/api/workflows/{A}/versions/1/diff/1"),
          get("/api/workflows/{W}/export"),
          post("/api/workflows/import", Bodies.IMPORT),
          get("/api/workflows/{W}/stats"),
          get("/api/workflows/{W}/stats/series"),
          post("/api/workflows/{W}/runs", Bodies.RUN),
          get("/api/workflows/{W}/runs"),
          get("/api/runs"),
          get("/api/runs/{R}"),
          get("/api/runs/{F}/events"),
          post("/api/runs/{R}/cancel", null),
          post("/api/runs/{R}/rerun", null),
          post("/api/runs/{R}/retry", null),
          get("/api/workflows/{W}/triggers"),
          post("/api/workflows/{W}/triggers", Bodies.WEBHOOK_TRIGGER),
          post("/api/workflows/{W}/triggers", Bodies.SCHEDULE_TRIGGER),
          post("/api/workflows/{W}/triggers", Bodies.DATA_CHANGE_TRIGGER),
          get("/api/workflows/{W}/triggers/{T}"),
          new Routes("PUT", "/api/workflows/{W}/triggers/{T}", Bodies.TRIGGER_EDIT, false, false),
          new Routes("DELETE", "/api/workflows/{W}/triggers/{T}", null, true, false),
          new Routes("PATCH", "/api/workflows/{W}/triggers/{T}/enable", null, false, false),
          new Routes("PATCH", "/api/workflows/{W}/triggers/{T}/disable", null, false, false),
          post("/api/workflows/{W}/triggers/{T}/rotate-secret", null),
          post("/api/workflows/{A}/triggers/{S}/fire", Bodies.FIRE),
          post("/api/workflows/{A}/triggers/{S}/backfill", Bodies.BACKFILL),
          get("/api/workflows/{A}/triggers/{S}/history"),
          get("/api/workflows/{W}/triggers/{T}/webhook-logs"),
          get("/api/triggers"),
          post("/api/triggers", Bodies.TOP_LEVEL_TRIGGER),
          get("/api/triggers/{T}"),
          get("/api/workspace/settings"),
          get("/api/node-types"),
          get("/api/node-types/parse"),
          new Routes("PUT", "/api/workspace/settings", Bodies.WORKSPACE_SETTINGS, false, false),
          new Routes("PATCH", "/api/triggers/{T}", Bodies.TRIGGER_EDIT, false, false),
          new Routes("DELETE", "/api/triggers/{T}", null, true, false),
          get("/api/workflows/{A}/triggers/schedule/preview"),
          post("/api/workflows/{W}/triggers/validate-dependency", Bodies.VALIDATE_DEPENDENCY),
          get("/api/workflows/{W}/triggers/dependencies"),
          new Routes("PUT", "/api/secrets/FUZZ_TOKEN", Bodies.SECRET, false, false),
          get("/api/secrets"),
          get("/api/audit"),
          new Routes("DELETE", "/api/secrets/FUZZ_TOKEN", null, true, false),
          new Routes("POST", "/api/dev/tokens", Bodies.DEV_TOKEN, false, true),
          new Routes("GET", "/actuator/health", null, false, true));

  /** The methods a path template answers (HEAD and OPTIONS aside). */
  static Set<String> methodsOf(String template) {
    return ALL.stream()
        .filter(route -> route.template().equals(template))
        .map(Routes::method)
        .collect(Collectors.toSet());
  }

  boolean hasIds() {
    return template.contains("{");
  }

  private static Routes get(String template) {
    return new Routes("GET", template, null, false, false);
  }

  private static Routes post(String template, Bodies body) {
    return new Routes("POST", template, body, false, false);
  }
}
