package io.outrun.runner.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The price of one AI model in USD per million tokens, input (prompt) and output (completion)
 * tokens priced separately.
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

  public ModelPrice {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
      throw new IllegalArgumentException("model prices must not be negative");
    }
  }

  public static ModelPrice of(String inputPerMillion, String outputPerMillion) {
    return new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
  }

  /**
   * The exact cost of the tokens: {@code input * inputPerMillion / 10^6 + output * outputPerMillion
   * / 10^6}. Computed in {@link BigDecimal} without any rounding (dividing by 10^6 only moves the
   * decimal point).
   */
  public BigDecimal cost(long inputTokens, long outputTokens) {
    return BigDecimal.valueOf(inputTokens)
        .multiply(inputPerMillion)
        .add(BigDecimal.valueOf(outputTokens).multiply(outputPerMillion))
        .movePointLeft(6);
  }
}
