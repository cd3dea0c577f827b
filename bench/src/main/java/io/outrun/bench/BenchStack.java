package io.outrun.bench;

import io.outrun.local.LocalStack;

/**
 * The local stack the benchmarks start when none is up: {@code ./outrun up}'s, with the {@link
 * BareEndpoint} added to listener-service.
 */
public final class BenchStack {

  private BenchStack() {}

  public static void main(String[] args) {
    LocalStack.start(BareEndpoint.class);
  }
}
