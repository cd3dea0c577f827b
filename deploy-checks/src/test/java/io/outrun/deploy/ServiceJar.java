package io.outrun.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A service's production jar ({@code <module>/target/<module>-<version>-exec.jar}), extracted the
 * way deploy/docker/Dockerfile extracts it ({@code java -Djarmode=tools -jar ... extract}): {@code
 * app.jar} naming its libraries under {@code lib/} in its manifest. Extracted once per JVM.
 */
record ServiceJar(String module, Path execJar, Path directory) {

  private static final Map<String, ServiceJar> EXTRACTED = new ConcurrentHashMap<>();

  static ServiceJar of(String module) {
    return EXTRACTED.computeIfAbsent(module, ServiceJar::extract);
  }

  /** dev-auth's plain jar, which the dev image of trigger-api adds to the classpath. */
  static Path devAuthJar() {
    Path jar = Repository.file("dev-auth/target/dev-auth-" + Repository.version() + ".jar");
    requireFresh("dev-auth", jar);
    return jar;
  }

  Path appJar() {
    return directory.resolve("app.jar");
  }

  List<Path> libraries() {
    try (Stream<Path> files = Files.list(directory.resolve("lib"))) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** app.jar and its libraries: everything the production classpath holds. */
  List<Path> classpath() {
    return Stream.concat(Stream.of(appJar()), libraries().stream()).toList();
  }

  String mainClass() {
    try (JarFile jar = new JarFile(appJar().toFile())) {
      return jar.getManifest().getMainAttributes().getValue("Main-Class");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceJar extract(String module) {
    Path jar =
        Repository.file(module + "/target/" + module + "-" + Repository.version() + "-exec.jar");
    requireFresh(module, jar);
    Path directory = Repository.buildDirectory().resolve("service-jars").resolve(module);
    try {
      Path marker = directory.resolve(".extracted");
      String stamp = Files.getLastModifiedTime(jar) + " " + Files.size(jar);
      if (!Files.exists(marker) || !Files.readString(marker).equals(stamp)) {
        run(jar, directory);
        Files.writeString(marker, stamp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServiceJar(module, jar, directory);
  }

  private static void run(Path jar, Path directory) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--force",
                "--destination",
                directory.toString(),
                "--application-filename",
                "app.jar")
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        fail("could not extract " + jar + ": " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The jar must exist and hold the module's current classes: a test against an older jar would
   * prove nothing about this checkout.
   */
  private static void requireFresh(String module, Path jar) {
    String build = "run `./mvnw -q package -DskipTests -pl " + module + " -am` first";
    if (!Files.exists(jar)) {
      fail(jar + " is missing: " + build + " (`./outrun test` packages every module first)");
    }
    try (Stream<Path> classes = Files.walk(Repository.file(module + "/target/classes"))) {
      FileTime built = Files.getLastModifiedTime(jar);
      Path newer =
          classes
              .filter(Files::isRegularFile)
              .filter(f -> lastModified(f).compareTo(built) > 0)
              .findFirst()
              .orElse(null);
      if (newer != null) {
        fail(jar + " is older than " + newer + ": " + build);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
