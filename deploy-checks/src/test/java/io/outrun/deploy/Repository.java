package io.outrun.deploy;

import java.nio.file.Path;

/** Where the repository's files are, as Maven runs these tests (deploy-checks/pom.xml). */
final class Repository {

  private Repository() {}

  static Path root() {
    return Path.of(System.getProperty("outrun.repository", "..")).toAbsolutePath().normalize();
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  static String version() {
    return System.getProperty("outrun.version", "0.1.0-SNAPSHOT");
  }

  /** This module's build directory, for what the tests write (extracted jars, service logs). */
  static Path buildDirectory() {
    return root().resolve("deploy-checks/target");
  }
}
