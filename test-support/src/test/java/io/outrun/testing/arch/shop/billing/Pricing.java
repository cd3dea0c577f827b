package io.outrun.testing.arch.shop.billing;

/** Uses its own feature's package-private types: allowed. */
public final class Pricing {

  private Pricing() {}

  public static long withTax(long cents) {
    return cents + cents * TaxTable.rate() / 100 + Invoice.draft().cents();
  }
}
