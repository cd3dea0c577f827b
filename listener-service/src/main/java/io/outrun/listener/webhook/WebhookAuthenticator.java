package io.outrun.listener.webhook;

import io.outrun.listener.webhook.WebhookCredentials.Key;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Decides whether a request carries valid credentials for a trigger: any usable key (the current
 * secret, or the previous one before its expiry) may match; every usable key is tried, so the time
 * taken does not tell which matched. Pure: no Spring, no I/O.
 */
final class WebhookAuthenticator {

  private static final String BEARER = "bearer ";

  private WebhookAuthenticator() {}

  /**
   * @param header a request header's first value by case-insensitive name, or null
   */
  static boolean authenticate(
      WebhookCredentials credentials, UnaryOperator<String> header, byte[] body, Instant now) {
    if (credentials.kind() == WebhookCredentials.Kind.NONE) {
      return true;
    }
    boolean valid = false;
    for (Key key : credentials.keys()) {
      if (key.usableAt(now)) {
        valid |= matches(credentials.kind(), key.material(), header, body, now);
      }
    }
    return valid;
  }

  private static boolean matches(
      WebhookCredentials.Kind kind,
      byte[] key,
      UnaryOperator<String> header,
      byte[] body,
      Instant now) {
    return switch (kind) {
      case NONE -> true;
      case API_KEY -> WebhookSignatures.token(key, header.apply("X-API-Key"));
      case BEARER -> WebhookSignatures.token(key, bearer(header.apply("Authorization")));
      case HMAC -> WebhookSignatures.hexSignature(key, body, header.apply("X-Signature"));
      case GITHUB -> WebhookSignatures.hexSignature(key, body, header.apply("X-Hub-Signature-256"));
      case STRIPE -> WebhookSignatures.stripe(key, body, header.apply("Stripe-Signature"), now);
      case STANDARD ->
          WebhookSignatures.standard(
              key,
              body,
              header.apply("webhook-id"),
              header.apply("webhook-timestamp"),
              header.apply("webhook-signature"),
              now);
    };
  }

  private static String bearer(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()) {
      return null;
    }
    String scheme = authorization.substring(0, BEARER.length());
    return scheme.toLowerCase(Locale.ROOT).equals(BEARER)
        ? authorization.substring(BEARER.length()).strip()
        : null;
  }
}
