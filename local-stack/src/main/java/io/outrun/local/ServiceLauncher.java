package io.outrun.local;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Starts one service's Spring context inside the local stack's JVM.
 *
 * <p>All three services share this JVM's classpath, so {@code classpath:application.yml} would find
 * three files and Spring would read the first for every service. Each context therefore gets a
 * class loader that answers for {@code application.*} only from the service's own jar or classes
 * directory; everything else comes from the shared class loader as usual.
 */
final class ServiceLauncher {

  private static final Set<String> OWN_RESOURCES =
      Set.of("application.yml", "application.yaml", "application.properties");

  private ServiceLauncher() {}

  /** The name of the property source that holds the local stack's settings of a service. */
  static final String SETTINGS_SOURCE = "outrunLocalStack";

  /**
   * Settings that say which service is which: its port (three services share this JVM's
   * environment, so a {@code SERVER_PORT} there cannot mean one of them) and the auto-configuration
   * it leaves out. They outrank everything, as command-line arguments.
   */
  private static final Set<String> FIXED = Set.of("server.port", "spring.autoconfigure.exclude");

  /**
   * Starts the service with {@code settings} as defaults: they outrank the service's own
   * application.yml, but the environment (and system properties) outrank them, as the README says
   * configuration works, so {@code OUTRUN_RUNNER_EGRESS_ALLOWPRIVATE=false ./outrun up} means it.
   *
   * @param extraSources configuration the local stack adds to the service (the dev-token signer)
   */
  static ConfigurableApplicationContext start(
      Class<?> application, Map<String, String> settings, Class<?>... extraSources) {
    SpringApplication app = new SpringApplication(application);
    app.addPrimarySources(List.of(extraSources));
    app.setResourceLoader(new DefaultResourceLoader(new OwnConfigClassLoader(application)));
    Map<String, Object> defaults = new HashMap<>(settings);
    defaults.keySet().removeAll(FIXED);
    app.addListeners(new SettingsAsDefaults(defaults));
    return app.run(fixedAsArguments(settings));
  }

  /**
   * A class, not a lambda: Spring reads the event type a listener takes from its class's generic
   * interface, which a lambda's class does not carry, so a lambda listener is offered every event
   * the context ever publishes and each one fails its cast (an exception thrown and caught per
   * event, several per run under load).
   */
  record SettingsAsDefaults(Map<String, Object> defaults)
      implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent prepared) {
      prepared
          .getEnvironment()
          .getPropertySources()
          .addAfter(
              StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              new MapPropertySource(SETTINGS_SOURCE, defaults));
    }
  }

  private static String[] fixedAsArguments(Map<String, String> settings) {
    List<String> args = new ArrayList<>();
    settings.forEach(
        (key, value) -> {
          if (FIXED.contains(key)) {
            args.add("--" + key + "=" + value);
          }
        });
    return args.toArray(String[]::new);
  }

  private static final class OwnConfigClassLoader extends ClassLoader {

    private final URL root;

    OwnConfigClassLoader(Class<?> application) {
      super(application.getClassLoader());
      this.root = codeRoot(application);
    }

    @Override
    public URL getResource(String name) {
      return OWN_RESOURCES.contains(name) ? own(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!OWN_RESOURCES.contains(name)) {
        return super.getResources(name);
      }
      URL own = own(name);
      return own == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(own));
    }

    private URL own(String name) {
      try {
        URL candidate =
            root.getPath().endsWith(".jar")
                ? URI.create("jar:" + root + "!/" + name).toURL()
                : root.toURI().resolve(name).toURL();
        candidate.openStream().close();
        return candidate;
      } catch (IOException | IllegalArgumentException | java.net.URISyntaxException e) {
        return null;
      }
    }

    private static URL codeRoot(Class<?> application) {
      try {
        return application.getProtectionDomain().getCodeSource().getLocation();
      } catch (SecurityException e) {
        throw new IllegalStateException("cannot locate " + application, e);
      }
    }
  }
}
