package io.outrun.infra;

import java.util.function.Supplier;

/**
 * How a command reaches the store: {@link ConsistentCommits} for a data file, {@link #IN_MEMORY}
 * (nothing to make durable, no file to read from) otherwise.
 */
interface StoreAccess extends AutoCloseable {

  /** Runs {@code write} and returns its answer once the store holds it as it must. */
  <T> T write(Supplier<T> write);

  /** Runs {@code read}, which may read any page of the store while commits go on. */
  <T> T read(Supplier<T> read);

  @Override
  void close();

  StoreAccess IN_MEMORY =
      new StoreAccess() {
        @Override
        public <T> T write(Supplier<T> write) {
          return write.get();
        }

        @Override
        public <T> T read(Supplier<T> read) {
          return read.get();
        }

        @Override
        public void close() {}
      };
}
