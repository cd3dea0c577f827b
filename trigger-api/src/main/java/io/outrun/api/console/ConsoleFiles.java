package io.outrun.api.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.util.DigestUtils;

/**
 * The console's files (module {@code console}, under {@code outrun/console/} on the classpath),
 * read once at startup: serving them then touches no file, so nothing blocks a Netty thread, and
 * each carries an ETag of its content.
 */
final class ConsoleFiles {

  static final String ROOT = "outrun/console/";

  private static final Map<String, MediaType> TYPES =
      Map.of(
          "html",
          MediaType.TEXT_HTML,
          "js",
          MediaType.parseMediaType("text/javascript"),
          "css",
          MediaType.parseMediaType("text/css"),
          "svg",
          MediaType.parseMediaType("image/svg+xml"),
          "png",
          MediaType.IMAGE_PNG,
          "json",
          MediaType.APPLICATION_JSON);

  /** One file: its bytes, type and ETag. */
  record File(byte[] bytes, MediaType type, String etag) {}

  private final Map<String, File> files;

  private ConsoleFiles(Map<String, File> files) {
    this.files = Map.copyOf(files);
  }

  /** Every file under {@link #ROOT} whose type the console serves, by path below the root. */
  static ConsoleFiles load(ClassLoader loader) {
    Map<String, File> found = new HashMap<>();
    try {
      for (Resource resource :
          new PathMatchingResourcePatternResolver(loader)
              .getResources("classpath*:" + ROOT + "**")) {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf(ROOT);
        String path = url.substring(at + ROOT.length());
        MediaType type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (resource.isReadable() && type != null) {
          try (InputStream in = resource.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            found.put(path, new File(bytes, type, '"' + DigestUtils.md5DigestAsHex(bytes) + '"'));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's files", e);
    }
    return new ConsoleFiles(found);
  }

  /** The file at {@code path} below the root (no leading slash), if the console has it. */
  Optional<File> find(String path) {
    return Optional.ofNullable(files.get(path));
  }
}
