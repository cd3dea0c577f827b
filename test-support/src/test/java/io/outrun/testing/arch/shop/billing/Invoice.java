package io.outrun.testing.arch.shop.billing;

/** A feature's entry type, public. */
public class Invoice {

  public static Invoice forTotal(long cents) {
    return new Invoice(cents);
  }

  static Invoice draft() {
    return new Invoice(0);
  }

  private final long cents;

  /** Open to subclasses, which only billing may write. */
  protected Invoice(long cents) {
    this.cents = cents;
  }

  public long cents() {
    return cents;
  }
}
