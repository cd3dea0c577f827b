package io.outrun.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The property catalog of each service's production classpath, built once per JVM. */
final class Catalogs {

  static final List<String> SERVICES = List.of("trigger-api", "listener-service", "runner-service");

  private static final Map<String, PropertyCatalog> BUILT = new ConcurrentHashMap<>();

  private Catalogs() {}

  /**
   * @param withDevAuth the dev image of trigger-api: its classpath plus dev-auth
   */
  static PropertyCatalog of(String module, boolean withDevAuth) {
    return BUILT.computeIfAbsent(
        module + (withDevAuth ? "+dev-auth" : ""),
        key -> {
          List<Path> classpath = new ArrayList<>(ServiceJar.of(module).classpath());
          if (withDevAuth) {
            classpath.add(ServiceJar.devAuthJar());
          }
          return PropertyCatalog.of(classpath);
        });
  }
}
