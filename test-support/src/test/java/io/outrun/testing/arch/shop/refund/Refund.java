package io.outrun.testing.arch.shop.refund;

/** Takes six collaborators (only {@link ClassShapeTest} looks at it). */
public final class Refund {

  public Refund(Object a, Object b, Object c, Object d, Object e, Object f) {}
}
