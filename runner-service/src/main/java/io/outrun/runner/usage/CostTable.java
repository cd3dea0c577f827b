package io.outrun.runner.usage;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices AI calls by model. A model matches its own entry or, failing that, the longest entry that
 * is a prefix of it followed by {@code -} (so the dated variant {@code gpt-4o-2024-08-06} costs
 * what {@code gpt-4o} costs, and {@code gpt-4o-mini-2024-07-18} what {@code gpt-4o-mini} costs).
 * Matching ignores case. A model without a match is unpriced: it costs 0 and the step says so.
 *
 * <p>Rounding: the cost is exact in {@link BigDecimal}; {@link #estimatedCost} converts it once, at
 * the end, to the nearest {@code double} (what {@link NodeUsage} carries). Nothing is rounded to
 * cents; totals over a run add those doubles.
 */
public final class CostTable {

  /**
   * Shipped defaults, USD per million tokens: OpenAI's public list prices (standard tier, not batch
   * or cached input) at the time of writing. They change; operators override or add models with
   * {@code outrun.runner.ai.prices.<model>.input-per-million} and {@code .output-per-million}
   * (write a model name with dots in brackets: {@code prices[gpt-4.1]}).
   */
  public static final Map<String, ModelPrice> DEFAULT_PRICES = defaults();

  private final Map<String, ModelPrice> prices;

  /** The {@link #DEFAULT_PRICES} with {@code overrides} added or replacing entries. */
  public static CostTable withDefaults(Map<String, ModelPrice> overrides) {
    Map<String, ModelPrice> merged = new LinkedHashMap<>(DEFAULT_PRICES);
    if (overrides != null) {
      overrides.forEach((model, price) -> merged.put(model, price));
    }
    return new CostTable(merged);
  }

  public CostTable(Map<String, ModelPrice> prices) {
    Map<String, ModelPrice> normalized = new LinkedHashMap<>();
    prices.forEach((model, price) -> normalized.put(model.toLowerCase(Locale.ROOT), price));
    this.prices = Map.copyOf(normalized);
  }

  /** The price of {@code model}: its own entry, else the longest matching prefix, else empty. */
  public Optional<ModelPrice> priceOf(String model) {
    if (model == null || model.isBlank()) {
      return Optional.empty();
    }
    String name = model.toLowerCase(Locale.ROOT);
    ModelPrice exact = prices.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    String best = null;
    for (String known : prices.keySet()) {
      if (name.startsWith(known + "-") && (best == null || known.length() > best.length())) {
        best = known;
      }
    }
    return Optional.ofNullable(best == null ? null : prices.get(best));
  }

  /** The exact cost of a call, or empty when the model is unpriced. */
  public Optional<BigDecimal> cost(String model, long inputTokens, long outputTokens) {
    return priceOf(model).map(price -> price.cost(inputTokens, outputTokens));
  }

  /** {@link #cost} as the nearest double, 0 for an unpriced model. */
  public double estimatedCost(String model, long inputTokens, long outputTokens) {
    return cost(model, inputTokens, outputTokens).map(BigDecimal::doubleValue).orElse(0.0);
  }

  private static Map<String, ModelPrice> defaults() {
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    prices.put("gpt-4o", ModelPrice.of("2.50", "10.00"));
    // the first gpt-4o snapshot kept its launch price
    prices.put("gpt-4o-2024-05-13", ModelPrice.of("5.00", "15.00"));
    prices.put("gpt-4o-mini", ModelPrice.of("0.15", "0.60"));
    prices.put("gpt-4.1", ModelPrice.of("2.00", "8.00"));
    prices.put("gpt-4.1-mini", ModelPrice.of("0.40", "1.60"));
    prices.put("gpt-4.1-nano", ModelPrice.of("0.10", "0.40"));
    return Map.copyOf(prices);
  }
}
