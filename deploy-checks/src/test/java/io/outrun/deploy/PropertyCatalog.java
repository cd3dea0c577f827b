package io.outrun.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The properties a service reads: the {@code META-INF/spring-configuration-metadata.json} of every
 * jar on its classpath (Spring Boot's own, its libraries', Outrun's modules'), looked up by the
 * environment variable that binds to them.
 *
 * <p>Spring binds {@code OUTRUN_RUNNER_EGRESS_ALLOWPRIVATE} to {@code
 * outrun.runner.egress.allow-private}: upper case, dots as underscores, dashes dropped; and also
 * the legacy form with dashes as underscores, {@code OUTRUN_RUNNER_EGRESS_ALLOW_PRIVATE}
 * (VariableFormsTest pins both against the Boot in use). A map ({@code spring.kafka.properties}) or
 * list property also takes variables that extend its name ({@code
 * SPRING_KAFKA_PROPERTIES_SASL_MECHANISM}, {@code ..._0}); what follows is not checked.
 */
final class PropertyCatalog {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * What the configuration processor writes, and what a module declares by hand (merged into the
   * former by a clean compile, read too so an incremental one cannot hide it).
   */
  private static final List<String> METADATA =
      List.of(
          "META-INF/spring-configuration-metadata.json",
          "META-INF/additional-spring-configuration-metadata.json");

  private final Map<String, Property> byVariable = new HashMap<>();

  record Property(String name, String type, Object defaultValue) {

    boolean extensible() {
      return type != null
          && (type.startsWith("java.util.Map")
              || type.startsWith("java.util.List")
              || type.startsWith("java.util.Set"));
    }
  }

  static PropertyCatalog of(List<Path> classpath) {
    PropertyCatalog catalog = new PropertyCatalog();
    classpath.forEach(catalog::read);
    return catalog;
  }

  static String variableOf(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  static String legacyVariableOf(String property) {
    return property.replace('-', '_').replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  /** Whether {@code variable} binds to exactly {@code property}, in either form. */
  static boolean binds(String variable, String property) {
    return variable.equals(variableOf(property)) || variable.equals(legacyVariableOf(property));
  }

  /** The property {@code variable} binds to, if the service reads one. */
  Optional<Property> propertyOf(String variable) {
    Property exact = byVariable.get(variable);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (int cut = variable.lastIndexOf('_'); cut > 0; cut = variable.lastIndexOf('_', cut - 1)) {
      Property prefix = byVariable.get(variable.substring(0, cut));
      if (prefix != null && prefix.extensible()) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  Optional<Property> property(String name) {
    return Optional.ofNullable(byVariable.get(variableOf(name))).filter(p -> p.name().equals(name));
  }

  int size() {
    return byVariable.size();
  }

  private void read(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String name : METADATA) {
        ZipEntry entry = file.getEntry(name);
        if (entry != null) {
          try (InputStream in = file.getInputStream(entry)) {
            Map<?, ?> metadata = JSON.readValue(in, Map.class);
            if (metadata.get("properties") instanceof List<?> properties) {
              properties.forEach(p -> add((Map<?, ?>) p));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private void add(Map<?, ?> property) {
    String name = (String) property.get("name");
    Property read = new Property(name, (String) property.get("type"), property.get("defaultValue"));
    byVariable.put(variableOf(name), read);
    byVariable.putIfAbsent(legacyVariableOf(name), read);
  }
}
