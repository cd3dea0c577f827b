package io.outrun.runner.egress;

import io.outrun.runner.egress.GuardedHttpClient.Request;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** How the guarded client follows a redirect it was asked to follow. Pure. */
final class Redirects {

  private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

  /** Headers dropped when a redirect leaves the original origin. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private Redirects() {}

  static boolean isRedirect(int status) {
    return STATUSES.contains(status);
  }

  /**
   * The request to send to {@code to} after {@code status}: 307 and 308 keep the method and body,
   * the others turn anything but GET and HEAD into a GET without body or content type; credentials
   * stay behind when the redirect leaves the origin.
   */
  static Request follow(Request request, int status, URI from, URI to) {
    boolean keepMethod = status == 307 || status == 308;
    boolean toGet =
        !keepMethod && !request.method().equals("GET") && !request.method().equals("HEAD");
    Map<String, String> headers = new LinkedHashMap<>();
    boolean sameOrigin =
        Objects.equals(from.getScheme(), to.getScheme())
            && Objects.equals(from.getHost(), to.getHost())
            && from.getPort() == to.getPort();
    request
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!sameOrigin && CREDENTIAL_HEADERS.contains(lower)) {
                return;
              }
              if (toGet && lower.equals("content-type")) {
                return;
              }
              headers.put(name, value);
            });
    return new Request(
        toGet ? "GET" : request.method(),
        to.toString(),
        headers,
        toGet ? null : request.body(),
        request.timeout(),
        true);
  }
}
