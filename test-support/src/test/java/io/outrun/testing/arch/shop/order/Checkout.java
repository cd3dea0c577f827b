package io.outrun.testing.arch.shop.order;

import io.outrun.testing.arch.shop.billing.Invoice;
import io.outrun.testing.arch.shop.billing.Pricing;

/** Uses another feature only through its public types and members. */
public final class Checkout {

  private final long cents;

  public Checkout(long cents) {
    this.cents = cents;
  }

  public Invoice invoice() {
    return Invoice.forTotal(Pricing.withTax(cents));
  }
}
