package io.outrun.infra;

import java.util.function.Supplier;

/**
 * How a command that changes data reaches the store: {@link ConsistentCommits} for a data file,
 * {@link #IN_MEMORY} (nothing to make durable) otherwise.
 */
interface StoreWrites extends AutoCloseable {

  /** Runs {@code write} and returns its answer once the store holds it as it must. */
  <T> T write(Supplier<T> write);

  @Override
  void close();

  StoreWrites IN_MEMORY =
      new StoreWrites() {
        @Override
        public <T> T write(Supplier<T> write) {
          return write.get();
        }

        @Override
        public void close() {}
      };
}
