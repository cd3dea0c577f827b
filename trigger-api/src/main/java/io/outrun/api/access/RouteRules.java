package io.outrun.api.access;

import static io.outrun.api.access.RouteRule.read;
import static io.outrun.api.access.RouteRule.write;
import static io.outrun.api.auth.Role.ADMIN;
import static io.outrun.api.auth.Role.EDITOR;
import static io.outrun.api.auth.Role.VIEWER;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The role every {@code /api/**} route needs, in one table: {@link AccessFilter} enforces it and
 * {@code RouteRulesIT} fails for a registered route the table does not name. A viewer reads
 * everything (secret values are never readable), an editor also changes workflows and triggers and
 * starts, cancels and re-runs runs, an admin also deploys, undeploys and rolls back, writes secrets
 * and the workspace's settings and reads the audit log. Webhooks are not here: the listener
 * authenticates them per trigger.
 */
public final class RouteRules {

  /**
   * Routes without a token: the dev-token endpoint (local stack only, module dev-auth) and the
   * console's sign-in settings (package console).
   */
  public static final Set<String> PUBLIC =
      Set.of("POST /api/dev/tokens", "GET /api/console/config");

  static final List<RouteRule> ALL =
      List.of(
          // workflows
          read("GET", "/api/workflows", VIEWER, "workflow.list"),
          write("POST", "/api/workflows", EDITOR, "workflow.create"),
          write("POST", "/api/workflows/import", EDITOR, "workflow.import"),
          read("GET", "/api/workflows/{id}", VIEWER, "workflow.read"),
          write("PUT", "/api/workflows/{id}", EDITOR, "workflow.update"),
          write("DELETE", "/api/workflows/{id}", EDITOR, "workflow.archive"),
          write("POST", "/api/workflows/{id}/deploy", ADMIN, "workflow.deploy"),
          write("POST", "/api/workflows/{id}/pause", EDITOR, "workflow.pause"),
          write("POST", "/api/workflows/{id}/resume", EDITOR, "workflow.resume"),
          write("POST", "/api/workflows/{id}/undeploy", ADMIN, "workflow.undeploy"),
          write("POST", "/api/workflows/{id}/rollback", ADMIN, "workflow.rollback"),
          read("GET", "/api/workflows/{id}/deployments", VIEWER, "workflow.deployments"),
          read("GET", "/api/workflows/{id}/versions", VIEWER, "workflow.versions"),
          read("GET", "/api/workflows/{id}/versions/{version}", VIEWER, "workflow.version"),
          read(
              "GET",
              "/api/workflows/{id}/versions/{version}/diff/{other}",
              VIEWER,
              "workflow.diff"),
          read("GET", "/api/workflows/{id}/export", VIEWER, "workflow.export"),
          read("GET", "/api/workflows/{id}/stats", VIEWER, "workflow.stats"),
          read("GET", "/api/workflows/{id}/stats/series", VIEWER, "workflow.stats"),
          // runs
          write("POST", "/api/workflows/{id}/runs", EDITOR, "run.start"),
          read("GET", "/api/workflows/{id}/runs", VIEWER, "run.list"),
          read("GET", "/api/runs", VIEWER, "run.list"),
          read("GET", "/api/runs/{runId}", VIEWER, "run.read"),
          read("GET", "/api/runs/{runId}/events", VIEWER, "run.read"),
          write("POST", "/api/runs/{runId}/cancel", EDITOR, "run.cancel"),
          write("POST", "/api/runs/{runId}/rerun", EDITOR, "run.rerun"),
          write("POST", "/api/runs/{runId}/retry", EDITOR, "run.retry"),
          // triggers
          read("GET", "/api/workflows/{workflowId}/triggers", VIEWER, "trigger.list"),
          write("POST", "/api/workflows/{workflowId}/triggers", EDITOR, "trigger.create"),
          read("GET", "/api/workflows/{workflowId}/triggers/{triggerId}", VIEWER, "trigger.read"),
          write(
              "PUT", "/api/workflows/{workflowId}/triggers/{triggerId}", EDITOR, "trigger.update"),
          write(
              "DELETE",
              "/api/workflows/{workflowId}/triggers/{triggerId}",
              EDITOR,
              "trigger.delete"),
          write(
              "PATCH",
              "/api/workflows/{workflowId}/triggers/{triggerId}/enable",
              EDITOR,
              "trigger.enable"),
          write(
              "PATCH",
              "/api/workflows/{workflowId}/triggers/{triggerId}/disable",
              EDITOR,
              "trigger.disable"),
          write(
              "POST",
              "/api/workflows/{workflowId}/triggers/{triggerId}/rotate-secret",
              EDITOR,
              "trigger.rotate-secret"),
          write(
              "POST",
              "/api/workflows/{workflowId}/triggers/{triggerId}/fire",
              EDITOR,
              "trigger.fire"),
          write(
              "POST",
              "/api/workflows/{workflowId}/triggers/{triggerId}/backfill",
              EDITOR,
              "trigger.backfill"),
          read(
              "GET",
              "/api/workflows/{workflowId}/triggers/{triggerId}/history",
              VIEWER,
              "trigger.history"),
          read(
              "GET",
              "/api/workflows/{workflowId}/triggers/{triggerId}/webhook-logs",
              VIEWER,
              "trigger.webhook-logs"),
          read(
              "GET",
              "/api/workflows/{workflowId}/triggers/schedule/preview",
              VIEWER,
              "trigger.preview"),
          // a check that changes nothing
          read(
              "POST",
              "/api/workflows/{workflowId}/triggers/validate-dependency",
              VIEWER,
              "trigger.validate-dependency"),
          read(
              "GET",
              "/api/workflows/{workflowId}/triggers/dependencies",
              VIEWER,
              "trigger.dependencies"),
          read("GET", "/api/triggers", VIEWER, "trigger.list"),
          write("POST", "/api/triggers", EDITOR, "trigger.create"),
          read("GET", "/api/triggers/{triggerId}", VIEWER, "trigger.read"),
          write("PATCH", "/api/triggers/{triggerId}", EDITOR, "trigger.update"),
          write("DELETE", "/api/triggers/{triggerId}", EDITOR, "trigger.delete"),
          // node types
          read("GET", "/api/node-types", VIEWER, "node-type.list"),
          read("GET", "/api/node-types/{type}", VIEWER, "node-type.read"),
          // secrets: names and who set them are readable, values never
          read("GET", "/api/secrets", VIEWER, "secret.list"),
          write("PUT", "/api/secrets/{name}", ADMIN, "secret.put"),
          write("DELETE", "/api/secrets/{name}", ADMIN, "secret.delete"),
          // the workspace
          read("GET", "/api/workspace/settings", VIEWER, "workspace-settings.read"),
          write("PUT", "/api/workspace/settings", ADMIN, "workspace-settings.update"),
          read("GET", "/api/audit", ADMIN, "audit.list"));

  private static final Comparator<RouteRule> MOST_SPECIFIC =
      Comparator.comparing(RouteRule::pattern, PathPattern.SPECIFICITY_COMPARATOR);

  private RouteRules() {}

  /** The rule of a request, the most specific if several patterns match; HEAD is read as GET. */
  static Optional<RouteRule> match(HttpMethod method, PathContainer path) {
    HttpMethod asked = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
    return ALL.stream()
        .filter(rule -> rule.method().equals(asked) && rule.pattern().matches(path))
        .min(MOST_SPECIFIC);
  }

  /** Whether {@code method path} (as a controller maps it) is in the table or public. */
  public static boolean declares(String method, String path) {
    String shape = RouteRule.shape(path);
    return PUBLIC.contains(method + " " + path)
        || ALL.stream()
            .anyMatch(
                rule ->
                    rule.method().name().equals(method)
                        && RouteRule.shape(rule.pattern().getPatternString()).equals(shape));
  }
}
