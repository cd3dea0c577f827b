package io.outrun.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The monitoring services of a compose file against the files they mount: every bind-mounted path
 * exists; Prometheus (deploy/prometheus/prometheus.yml) scrapes {@code /actuator/prometheus} of
 * each Outrun service on its management port, one job per service named as the service; Grafana's
 * datasource is the compose Prometheus, and its dashboards provider reads the directory the
 * dashboards are mounted at.
 */
final class MonitoringCheck {

  static final Path PROMETHEUS = Repository.file("deploy/prometheus/prometheus.yml");
  static final Path DATASOURCE =
      Repository.file("deploy/grafana/provisioning/datasources/prometheus.yml");
  static final Path DASHBOARDS_PROVIDER =
      Repository.file("deploy/grafana/provisioning/dashboards/outrun.yml");

  private final ComposeFile compose;
  private final List<String> problems = new ArrayList<>();

  MonitoringCheck(ComposeFile compose) {
    this.compose = compose;
  }

  List<String> problems() {
    compose.services().forEach(this::bindMounts);
    scrapes();
    grafana();
    return problems;
  }

  /** {@code ./path:/container/path[:ro]} entries: the path must exist in the repository. */
  private void bindMounts(String name, Map<String, Object> service) {
    for (String[] mount : binds(service)) {
      if (!Files.exists(Repository.root().resolve(mount[0]).normalize())) {
        problems.add("docker-compose " + name + ": mounts " + mount[0] + ", which does not exist");
      }
    }
  }

  private static List<String[]> binds(Map<String, Object> service) {
    Object volumes = service.get("volumes");
    List<String[]> binds = new ArrayList<>();
    if (volumes instanceof List<?> list) {
      for (Object volume : list) {
        String[] parts = String.valueOf(volume).split(":");
        if (parts[0].startsWith("./")) {
          binds.add(parts);
        }
      }
    }
    return binds;
  }

  private void scrapes() {
    Set<String> expected = new TreeSet<>();
    compose
        .outrunServices()
        .values()
        .forEach(
            s ->
                expected.add(
                    s.name()
                        + " "
                        + s.name()
                        + ":"
                        + s.environment().get("MANAGEMENT_SERVER_PORT")));
    Set<String> scraped = new TreeSet<>();
    for (Map<String, Object> job : Yamls.maps(Yamls.file(PROMETHEUS), "scrape_configs")) {
      if (!"/actuator/prometheus".equals(Yamls.string(job, "metrics_path"))) {
        problems.add(
            "prometheus.yml job " + Yamls.string(job, "job_name") + ": not /actuator/prometheus");
      }
      for (Map<String, Object> targets : Yamls.maps(job, "static_configs")) {
        Object list = targets.get("targets");
        if (list instanceof List<?> addresses) {
          addresses.forEach(a -> scraped.add(Yamls.string(job, "job_name") + " " + a));
        }
      }
    }
    if (!scraped.equals(expected)) {
      problems.add("prometheus.yml scrapes " + scraped + ", compose runs " + expected);
    }
    mountedAt("prometheus", "./deploy/prometheus", "/etc/prometheus");
  }

  private void grafana() {
    String url = Yamls.string(Yamls.maps(Yamls.file(DATASOURCE), "datasources").getFirst(), "url");
    if (!"http://prometheus:9090".equals(url) || !compose.services().containsKey("prometheus")) {
      problems.add("grafana datasource " + url + " is not the compose prometheus service");
    }
    mountedAt("grafana", "./deploy/grafana/provisioning", "/etc/grafana/provisioning");
    String path =
        Yamls.string(
            Yamls.maps(Yamls.file(DASHBOARDS_PROVIDER), "providers").getFirst(), "options", "path");
    mountedAt("grafana", "./deploy/grafana/dashboards", path);
  }

  private void mountedAt(String name, String source, String target) {
    Map<String, Object> service = compose.services().get(name);
    boolean mounted =
        service != null
            && binds(service).stream()
                .anyMatch(b -> b[0].equals(source) && b.length > 1 && b[1].equals(target));
    if (!mounted) {
      problems.add("docker-compose " + name + ": does not mount " + source + " at " + target);
    }
  }
}
