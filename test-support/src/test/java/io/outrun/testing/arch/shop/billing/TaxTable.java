package io.outrun.testing.arch.shop.billing;

/** A feature's internal type, package-private. */
class TaxTable {

  static long rate() {
    return 20;
  }
}
