package io.outrun.listener.web;

import java.net.URI;

/**
 * The {@code instance} of a problem: the request's path as a URI. Spring derives it with {@code
 * URI.create(path)} when a problem has none, which throws for paths a client may well send ({@code
 * //}, an unpaired {@code %}) and turned a 404 into a 500; this never throws.
 */
public final class ProblemInstances {

  private static final URI ROOT = URI.create("/");

  private ProblemInstances() {}

  public static URI of(String rawPath) {
    try {
      return URI.create(rawPath);
    } catch (IllegalArgumentException notAUri) {
      return safe(rawPath);
    }
  }

  /** The path with its leading slashes as one and every character URIs do not allow escaped. */
  private static URI safe(String rawPath) {
    StringBuilder path = new StringBuilder("/");
    String rest = rawPath.replaceFirst("^/+", "");
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c < 128 && (Character.isLetterOrDigit(c) || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0)) {
        path.append(c);
      } else {
        path.append(String.format("%%%02X", c & 0xFF));
      }
    }
    try {
      return URI.create(path.toString());
    } catch (IllegalArgumentException stillNot) {
      return ROOT;
    }
  }
}
