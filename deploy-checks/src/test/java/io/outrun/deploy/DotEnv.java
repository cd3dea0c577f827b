package io.outrun.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code .env} file as Compose reads it: {@code NAME=value} lines, {@code #} comments. */
final class DotEnv {

  private DotEnv() {}

  static Map<String, String> read(Path file) {
    Map<String, String> variables = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        int equals = trimmed.indexOf('=');
        if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
          variables.put(
              trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return variables;
  }
}
