package io.outrun.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The README's "Try it": its first bash block, run with bash and curl as a reader runs it. */
final class TryItScript {

  private TryItScript() {}

  static String fromReadme() {
    try {
      String readme = Files.readString(Repository.file("README.md"));
      int section = readme.indexOf("\n## Try it");
      int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
      int end = readme.indexOf("\n```", start);
      if (section < 0 || start < section || end < 0) {
        throw new AssertionError("README.md has no bash block under \"## Try it\"");
      }
      return readme.substring(start, end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code script} with {@code localhost:<published port>} replaced by where the service
   * really listens, within {@code timeoutSeconds}.
   *
   * @return everything the script printed
   */
  static String run(String script, Map<Integer, Integer> ports, long timeoutSeconds) {
    String mapped = script;
    for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
      mapped = mapped.replace("localhost:" + port.getKey(), "localhost:" + port.getValue());
    }
    try {
      Path log =
          Files.createDirectories(Repository.buildDirectory().resolve("compose-stack"))
              .resolve("try-it.log");
      Process bash =
          new ProcessBuilder("bash", "-c", mapped)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      bash.getOutputStream().close();
      boolean ended = bash.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!ended) {
        bash.destroyForcibly().waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (!ended || bash.exitValue() != 0) {
        throw new AssertionError(
            "the README's Try it "
                + (ended ? "failed" : "took over " + timeoutSeconds + " s")
                + ":\n"
                + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
