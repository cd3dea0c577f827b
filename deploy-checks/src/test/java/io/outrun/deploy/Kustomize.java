package io.outrun.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code kubectl kustomize DIR}: the objects an overlay renders to. kubectl must be installed:
 * {@code ./outrun test} installs Debian's kubernetes-client when it is missing and it can; a test
 * without it fails, saying so, rather than skipping.
 */
final class Kustomize {

  private Kustomize() {}

  static Manifests render(Path directory) {
    Path kubectl = kubectl();
    try {
      Path errors = Files.createTempFile("kustomize", ".err");
      try {
        Process process =
            new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                .redirectError(errors.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
          fail("kubectl kustomize " + directory + " failed: " + Files.readString(errors));
        }
        return new Manifests(directory.toString(), Yamls.documents(output));
      } finally {
        Files.delete(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Manifests render(String overlay) {
    return render(Repository.file(overlay));
  }

  static Path kubectl() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "kubectl is not installed, and these tests render k8s/ with `kubectl"
                        + " kustomize`. Install it: `apt-get install kubernetes-client` (Debian;"
                        + " `./outrun test` does this itself when run as root), or kubectl from"
                        + " your Kubernetes distribution."));
  }
}
