package io.outrun.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every PromQL expression the repository ships: each target of each panel of each Grafana dashboard
 * (with the dashboard variables as Grafana fills them for "All"), and each alert rule's expression
 * with, separately, its measure (the expression before its final comparison with a number).
 */
final class Queries {

  /** Grafana's variables, as the dashboards use them, with the values of a one-hour view. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "$__rate_interval", "1m",
          "$__range", "5m",
          "$__interval", "15s",
          "$service", ".*",
          "$instance", ".*");

  private static final Pattern THRESHOLD =
      Pattern.compile("(?s)^(.*\\S)\\s*(>|<|>=|<=|==|!=)\\s*-?[0-9.]+(e[+-]?[0-9]+)?\\s*$");

  /**
   * One expression: where it comes from ({@code dashboard / panel} or {@code alert}) and itself.
   */
  record Query(String source, String expr) {}

  private Queries() {}

  static List<Query> panels(Path dashboards) {
    JsonMapper json = JsonMapper.builder().build();
    List<Query> queries = new ArrayList<>();
    for (Path file : files(dashboards, ".json")) {
      JsonNode dashboard = json.readTree(file.toFile());
      for (JsonNode panel : dashboard.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(
              new Query(
                  dashboard.path("title").asString()
                      + " / "
                      + panel.path("title").asString()
                      + " ["
                      + target.path("refId").asString()
                      + "]",
                  substitute(target.path("expr").asString())));
        }
      }
    }
    return queries;
  }

  /** Each alert's whole expression, named {@code alert <name>}. */
  static List<Query> alerts(Path rules) {
    return alertRules(rules).stream()
        .map(rule -> new Query("alert " + rule.get("alert"), String.valueOf(rule.get("expr"))))
        .toList();
  }

  /** Each alert's measure: its expression without the final {@code > threshold}. */
  static List<Query> alertMeasures(Path rules) {
    return alerts(rules).stream()
        .map(alert -> new Query(alert.source() + " (measure)", measure(alert.expr())))
        .toList();
  }

  static String measure(String expr) {
    Matcher matcher = THRESHOLD.matcher(expr.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("no final comparison with a number: " + expr);
    }
    return matcher.group(1);
  }

  static String substitute(String expr) {
    String result = expr;
    for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
      result = result.replace(variable.getKey(), variable.getValue());
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> alertRules(Path rules) {
    try {
      Map<String, Object> file = new Yaml().load(Files.readString(rules));
      List<Map<String, Object>> alerts = new ArrayList<>();
      for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          if (rule.containsKey("alert")) {
            alerts.add(rule);
          }
        }
      }
      return alerts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
