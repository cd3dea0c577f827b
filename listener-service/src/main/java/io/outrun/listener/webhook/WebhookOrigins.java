package io.outrun.listener.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * {@code config.allowedOrigins}: origins as trigger-api stores them ({@code scheme://host[:port]},
 * lower case). With a non-empty list, a request whose {@code Origin} header is not on it is
 * refused. A request without an {@code Origin} header is let through: servers sending webhooks send
 * none, and the authentication is the real check; the list stops browsers on other sites. Pure.
 */
final class WebhookOrigins {

  private WebhookOrigins() {}

  /** Whether a request with this {@code Origin} header (null when absent) may go on. */
  static boolean allows(List<String> allowed, String originHeader) {
    if (allowed.isEmpty() || originHeader == null) {
      return true;
    }
    String origin = normalize(originHeader);
    return origin != null && allowed.stream().anyMatch(entry -> origin.equals(normalize(entry)));
  }

  /** {@code scheme://host[:port]} in lower case, or null when not such an origin. */
  static String normalize(String text) {
    try {
      URI uri = new URI(text.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
      return (uri.getScheme() + "://" + uri.getHost()).toLowerCase(Locale.ROOT) + port;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
