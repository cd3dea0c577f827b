package io.outrun.runner.egress;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which URLs workflow nodes may call at all (their addresses are checked when resolved). */
final class EgressUrls {

  private EgressUrls() {}

  /**
   * The URL as a URI, if it may be called: {@code http} or {@code https}, a host, no credentials;
   * else a refusal.
   */
  static URI checked(String url) {
    if (url == null || url.isBlank()) {
      throw new EgressException(EgressException.Kind.REFUSED, "no url");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new EgressException(EgressException.Kind.REFUSED, "invalid url " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new EgressException(
          EgressException.Kind.REFUSED, "only http and https urls are allowed, not " + url);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new EgressException(EgressException.Kind.REFUSED, "url without a host: " + url);
    }
    if (uri.getRawUserInfo() != null) {
      throw new EgressException(
          EgressException.Kind.REFUSED, "credentials in the url are not allowed");
    }
    return uri;
  }
}
