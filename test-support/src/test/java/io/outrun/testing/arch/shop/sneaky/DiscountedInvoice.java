package io.outrun.testing.arch.shop.sneaky;

import io.outrun.testing.arch.shop.billing.Invoice;

/** Reaches into another feature through a protected constructor: a violation. */
public final class DiscountedInvoice extends Invoice {

  public DiscountedInvoice(long cents) {
    super(cents / 2);
  }
}
