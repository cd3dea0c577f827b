package io.outrun.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What docker-compose.yml must hold for a first {@code docker compose up} to work and keep working:
 * every variable of an Outrun service names a property it reads; every long-running service
 * restarts and has a memory limit; start order waits on health checks (and on the one-shot replica
 * set init); each Outrun service's health check asks its readiness group on the management port.
 */
final class ComposeCheck {

  private static final Set<String> RESTARTING = Set.of("always", "unless-stopped", "on-failure");

  private final ComposeFile compose;
  private final List<String> problems = new ArrayList<>();

  ComposeCheck(ComposeFile compose) {
    this.compose = compose;
  }

  List<String> problems() {
    Map<String, Map<String, Object>> services = compose.services();
    services.forEach(this::dependencies);
    services.forEach(this::image);
    services.forEach(
        (name, service) -> {
          if (!oneShot(name)) {
            longRunning(name, service);
          }
        });
    compose
        .outrunServices()
        .values()
        .forEach(
            service -> {
              String where = "docker-compose " + service.name();
              problems.addAll(
                  EnvironmentCheck.unread(
                      where,
                      service.module(),
                      service.environment().keySet(),
                      Catalogs.of(service.module(), service.devImage())));
              health(where, services.get(service.name()), service.environment());
            });
    return problems;
  }

  /** A service another waits for with service_completed_successfully: runs once and exits. */
  boolean oneShot(String name) {
    return compose.services().values().stream()
        .anyMatch(
            s ->
                "service_completed_successfully"
                    .equals(Yamls.string(s, "depends_on", name, "condition")));
  }

  private void longRunning(String name, Map<String, Object> service) {
    if (!RESTARTING.contains(Yamls.string(service, "restart"))) {
      problems.add("docker-compose " + name + ": no restart policy");
    }
    if (Yamls.string(service, "deploy", "resources", "limits", "memory") == null
        && Yamls.string(service, "mem_limit") == null) {
      problems.add("docker-compose " + name + ": no memory limit");
    }
  }

  /** A pinned image; for Outrun's, a Dockerfile that exists and has the stage asked for. */
  private void image(String name, Map<String, Object> service) {
    String image = Yamls.string(service, "image");
    if (image == null || !image.contains(":") || image.endsWith(":latest")) {
      problems.add("docker-compose " + name + ": image " + image + " is not pinned to a version");
    }
    String dockerfile = Yamls.string(service, "build", "dockerfile");
    if (dockerfile == null) {
      return;
    }
    java.nio.file.Path file =
        Repository.root()
            .resolve(Yamls.string(service, "build", "context"))
            .resolve(dockerfile)
            .normalize();
    String target = Yamls.string(service, "build", "target");
    try {
      if (target != null
          && !java.nio.file.Files.readString(file)
              .matches("(?s).*\\nFROM \\S+ AS " + target + "\\n.*")) {
        problems.add("docker-compose " + name + ": " + dockerfile + " has no stage " + target);
      }
    } catch (java.io.IOException e) {
      problems.add("docker-compose " + name + ": cannot read " + file);
    }
  }

  private void dependencies(String name, Map<String, Object> service) {
    Object dependsOn = service.get("depends_on");
    if (dependsOn instanceof List<?>) {
      problems.add("docker-compose " + name + ": depends_on without conditions waits for nothing");
      return;
    }
    Yamls.map(service, "depends_on")
        .forEach(
            (dependency, spec) -> {
              String condition = Yamls.string(spec, "condition");
              Map<String, Object> target = compose.services().get(dependency);
              if (target == null) {
                problems.add("docker-compose " + name + ": depends on unknown " + dependency);
              } else if ("service_healthy".equals(condition) && target.get("healthcheck") == null) {
                problems.add(
                    "docker-compose "
                        + name
                        + ": waits for "
                        + dependency
                        + "'s health, which has no check");
              } else if (!"service_healthy".equals(condition)
                  && !"service_completed_successfully".equals(condition)) {
                problems.add(
                    "docker-compose " + name + ": starts before " + dependency + " is ready");
              }
            });
  }

  private void health(String where, Map<String, Object> service, Map<String, String> env) {
    String port = env.get("MANAGEMENT_SERVER_PORT");
    String check = String.valueOf(Yamls.at(service, "healthcheck", "test"));
    if (port == null) {
      problems.add(
          where + ": MANAGEMENT_SERVER_PORT is not set: actuator would share the API port");
    } else if (!check.contains("/" + port) || !check.contains("/actuator/health/readiness")) {
      problems.add(where + ": the health check does not ask readiness on port " + port);
    }
    Object ports = service.get("ports");
    if (port != null && ports != null && String.valueOf(ports).contains(port)) {
      problems.add(where + ": publishes the management port " + port);
    }
  }
}
