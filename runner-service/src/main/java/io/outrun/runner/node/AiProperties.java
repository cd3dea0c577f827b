package io.outrun.runner.node;

import io.outrun.runner.usage.CostTable;
import io.outrun.runner.usage.ModelPrice;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.ai.*}: the OpenAI-compatible endpoint of {@code ai_agent} nodes.
 *
 * @param baseUrl where {@code /v1/chat/completions} lives
 * @param apiKey the bearer key, optional (a local model may need none); never logged or shown
 * @param timeout how long one completion may take before the attempt fails (retryable)
 * @param prices model prices in USD per million tokens, adding to or replacing {@link
 *     CostTable#DEFAULT_PRICES}
 * @param responseFormat whether an {@code outputSchema} is also sent as the request's {@code
 *     response_format} (a JSON schema); off for an endpoint that refuses it (the answer is
 *     validated either way)
 */
@ConfigurationProperties("outrun.runner.ai")
public record AiProperties(
    @DefaultValue("https://api.openai.com") String baseUrl,
    String apiKey,
    @DefaultValue("60s") Duration timeout,
    Map<String, ModelPrice> prices,
    @DefaultValue("true") boolean responseFormat) {

  @ConstructorBinding
  public AiProperties {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("outrun.runner.ai.base-url must not be blank");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("outrun.runner.ai.timeout must be positive");
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    prices = prices == null ? Map.of() : Map.copyOf(prices);
  }

  /** With {@code response_format} sent for an {@code outputSchema}. */
  public AiProperties(
      String baseUrl, String apiKey, Duration timeout, Map<String, ModelPrice> prices) {
    this(baseUrl, apiKey, timeout, prices, true);
  }

  public CostTable costTable() {
    return CostTable.withDefaults(prices);
  }

  /** Leaves the key out, so logging the properties cannot leak it. */
  @Override
  public String toString() {
    return "AiProperties[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "<none>" : "<redacted>")
        + ", timeout="
        + timeout
        + ", prices="
        + prices
        + ", responseFormat="
        + responseFormat
        + "]";
  }
}
