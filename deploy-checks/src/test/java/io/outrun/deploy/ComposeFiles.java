package io.outrun.deploy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The repository's compose files, read with the variables a user copies from .env.example. */
final class ComposeFiles {

  static final Path COMPOSE = Repository.file("docker-compose.yml");
  static final Path DEV = Repository.file("docker-compose.dev.yml");
  static final Path ENV_EXAMPLE = Repository.file(".env.example");

  private ComposeFiles() {}

  /** .env.example with every value it leaves empty filled in (they are keys): a filled-in .env. */
  static Map<String, String> filledInEnv() {
    Map<String, String> env = new LinkedHashMap<>(DotEnv.read(ENV_EXAMPLE));
    env.replaceAll((name, value) -> value.isEmpty() ? randomKey() : value);
    return env;
  }

  static ComposeFile production() {
    return ComposeFile.read(filledInEnv(), COMPOSE);
  }

  static ComposeFile dev() {
    return ComposeFile.read(filledInEnv(), COMPOSE, DEV);
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
