package io.outrun.triggers;

import com.fasterxml.jackson.annotation.JsonValue;
import io.outrun.events.TriggerType;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * {@code webhook}: which requests the receiver accepts and how it answers them.
 *
 * @param method the one method accepted, or {@link Method#ANY}; null accepts any too (only a stored
 *     config that names none: trigger-api always stores one, {@code POST} by default)
 * @param signatureScheme for {@link AuthType#HMAC} only (null there means {@link
 *     SignatureScheme#HMAC}), null otherwise
 * @param allowedOrigins origins as {@code scheme://host[:port]} in lower case; empty allows any
 * @param rateLimit null when the webhook has none
 * @param secrets where the secret is kept (hashed or encrypted), never the secret itself
 * @param path the readable address within the workspace ({@link WebhookPath}), or null: served as
 *     {@code /api/webhooks/{workspaceSlug}/{path}} beside the id address
 * @param response what the receiver answers once the run request is on Kafka ({@link Response}: 202
 *     at once, or the run's result within a timeout)
 */
public record WebhookConfig(
    Method method,
    AuthType authType,
    SignatureScheme signatureScheme,
    List<String> allowedOrigins,
    ResponseFormat responseFormat,
    RateLimit rateLimit,
    WebhookSecretRefs secrets,
    String path,
    Response response)
    implements TriggerConfig {

  /** The most requests per minute a rate limit may allow. */
  public static final int MAX_REQUESTS_PER_MINUTE = 100_000;

  public WebhookConfig {
    Objects.requireNonNull(authType, "authType");
    Objects.requireNonNull(responseFormat, "responseFormat");
    allowedOrigins = List.copyOf(allowedOrigins);
    secrets = secrets == null ? WebhookSecretRefs.NONE : secrets;
    response = response == null ? Response.ACCEPTED : response;
    if (authType != AuthType.HMAC) {
      signatureScheme = null;
    } else if (signatureScheme == null) {
      signatureScheme = SignatureScheme.HMAC;
    }
  }

  /** A webhook without a path. */
  public WebhookConfig(
      Method method,
      AuthType authType,
      SignatureScheme signatureScheme,
      List<String> allowedOrigins,
      ResponseFormat responseFormat,
      RateLimit rateLimit,
      WebhookSecretRefs secrets) {
    this(
        method,
        authType,
        signatureScheme,
        allowedOrigins,
        responseFormat,
        rateLimit,
        secrets,
        null,
        Response.ACCEPTED);
  }

  @Override
  public TriggerType type() {
    return TriggerType.WEBHOOK;
  }

  /** Whether a request with this method may go on. */
  public boolean allowsMethod(String requestMethod) {
    return method == null || method == Method.ANY || method.name().equalsIgnoreCase(requestMethod);
  }

  /** Whether a request must carry credentials. */
  public boolean authenticated() {
    return authType != AuthType.NONE;
  }

  /** The same settings with {@code refs} as where the secret is kept. */
  public WebhookConfig withSecrets(WebhookSecretRefs refs) {
    return new WebhookConfig(
        method,
        authType,
        signatureScheme,
        allowedOrigins,
        responseFormat,
        rateLimit,
        refs,
        path,
        response);
  }

  public enum Method implements WireName {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE,
    /** Any method. */
    ANY;

    @JsonValue
    @Override
    public String wireName() {
      return name();
    }
  }

  /** How a request proves it may start a run. */
  public enum AuthType implements WireName {
    NONE("none"),
    API_KEY("api_key"),
    HMAC("hmac"),
    BEARER("bearer");

    private final String wireName;

    AuthType(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
      return wireName;
    }
  }

  /** Which header carries an HMAC signature, over what (the contract, "webhook"). */
  public enum SignatureScheme implements WireName {
    HMAC("hmac"),
    GITHUB("github"),
    STRIPE("stripe"),
    STANDARD("standard");

    /** A Standard Webhooks secret is this prefix and the base64 of the key. */
    public static final String STANDARD_PREFIX = "whsec_";

    private final String wireName;

    SignatureScheme(String wireName) {
      this.wireName = wireName;
    }

    /**
     * Whether {@code secret} has the Standard Webhooks form: {@code whsec_<base64 of 24-64 bytes>}.
     */
    public static boolean isStandardSecret(String secret) {
      if (!secret.startsWith(STANDARD_PREFIX)) {
        return false;
      }
      try {
        int length = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length())).length;
        return length >= 24 && length <= 64;
      } catch (IllegalArgumentException notBase64) {
        return false;
      }
    }

    @JsonValue
    @Override
    public String wireName() {
      return wireName;
    }
  }

  /** How a 202 is written; errors are problem details either way. */
  public enum ResponseFormat implements WireName {
    /** {@code {"success": true, "runId": "...", "message": "Workflow execution started"}}. */
    JSON("json"),
    /** {@code Workflow execution started: <runId>} as {@code text/plain}. */
    TEXT("text");

    private final String wireName;

    ResponseFormat(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
      return wireName;
    }
  }

  /** What a webhook answers once its run request is on Kafka ({@code config.responseMode}). */
  public enum ResponseMode implements WireName {
    /** 202 with the run id at once: the run goes on without the sender. */
    ACCEPTED("accepted"),
    /**
     * The run's result, waited for up to {@code responseTimeoutMs}: a {@code respond} node's
     * answer, else the outputs of its final steps as JSON (200), 502 if it failed, 202 on timeout.
     */
    LAST_NODE("last_node");

    private final String wireName;

    ResponseMode(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
      return wireName;
    }
  }

  /**
   * {@code responseMode} and {@code responseTimeoutMs}.
   *
   * @param timeoutMs how long a {@link ResponseMode#LAST_NODE} webhook waits for its run before
   *     answering 202, from 1 to {@value #MAX_TIMEOUT_MS} ms
   */
  public record Response(ResponseMode mode, int timeoutMs) {

    public static final int DEFAULT_TIMEOUT_MS = 10_000;
    public static final int MAX_TIMEOUT_MS = 60_000;

    /** Today's answer: 202 at once. */
    public static final Response ACCEPTED = new Response(ResponseMode.ACCEPTED, DEFAULT_TIMEOUT_MS);

    public Response {
      Objects.requireNonNull(mode, "mode");
      if (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
        throw new IllegalArgumentException("responseTimeoutMs out of range: " + timeoutMs);
      }
    }

    /** Whether the receiver waits for the run's result. */
    public boolean waits() {
      return mode == ResponseMode.LAST_NODE;
    }
  }

  /** At most {@code requestsPerMinute} requests a minute, per listener replica. */
  public record RateLimit(int requestsPerMinute) {
    public RateLimit {
      if (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
        throw new IllegalArgumentException("requestsPerMinute out of range: " + requestsPerMinute);
      }
    }
  }
}
