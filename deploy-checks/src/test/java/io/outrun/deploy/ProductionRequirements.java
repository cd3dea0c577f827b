package io.outrun.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a production deployment must set for each service, and what it must never set. The services'
 * READMEs and deploy/README.md say why; here it is data the checks hold the files to.
 */
final class ProductionRequirements {

  /** Each entry: at least one of these properties must be set (by value or from a Secret). */
  private static final List<List<String>> EVERY_SERVICE =
      List.of(
          List.of("spring.kafka.bootstrap-servers"),
          // a replica set with credentials: a Secret in k8s
          List.of("spring.mongodb.uri"),
          // actuator away from the API port, and the probes' health groups
          List.of("management.server.port"),
          List.of("management.endpoint.health.probes.enabled"));

  private static final Map<String, List<List<String>>> BY_SERVICE =
      Map.of(
          "trigger-api",
          List.of(
              List.of(
                  "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                  "spring.security.oauth2.resourceserver.jwt.jwk-set-uri"),
              // without it trigger-api refuses to start in resource-server mode
              List.of("spring.security.oauth2.resourceserver.jwt.audiences"),
              List.of("outrun.api.webhook-base-url"),
              List.of("outrun.api.secrets.encryption-key")),
          "listener-service",
          List.of(List.of("outrun.listener.webhook.encryption-key")),
          "runner-service",
          List.of(List.of("outrun.runner.secrets.encryption-key")));

  /** Never in production: whoever knows the key, or reaches the endpoint, mints any token. */
  private static final List<String> FORBIDDEN =
      List.of(
          "outrun.auth.jwt.hmac-secret", "outrun.auth.dev-tokens.enabled", "spring.main.sources");

  private ProductionRequirements() {}

  /**
   * @param set the properties the deployment sets for {@code service}, with their values (null for
   *     a value from a Secret)
   */
  static List<String> problems(String where, String service, Map<String, String> set) {
    List<String> problems = new ArrayList<>();
    List<List<String>> required = new ArrayList<>(EVERY_SERVICE);
    required.addAll(BY_SERVICE.get(service));
    for (List<String> anyOf : required) {
      if (anyOf.stream().noneMatch(set::containsKey)) {
        problems.add(
            where + ": production needs " + String.join(" or ", anyOf) + " set for " + service);
      }
    }
    for (String property : FORBIDDEN) {
      if (set.containsKey(property)) {
        problems.add(where + ": " + property + " must not be set in production (" + service + ")");
      }
    }
    if ("true".equalsIgnoreCase(set.get("outrun.runner.egress.allow-private"))) {
      problems.add(
          where + ": outrun.runner.egress.allow-private=true lets workflows reach the cluster");
    }
    return problems;
  }
}
