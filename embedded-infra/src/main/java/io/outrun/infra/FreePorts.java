package io.outrun.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Finds ports that are free now, for servers that must be told their port up front.
 *
 * <p>They are taken from {@value #LOW} to {@value #HIGH}, below the range the operating system
 * gives outgoing connections (Linux: 32768 and up). A port the system picked for us ({@code new
 * ServerSocket(0)}) lies in that range, and between our closing it and a server binding it, any
 * client connection of the same machine (a Kafka or MongoDB client, a browser driver) can be given
 * it as its local port: the server then fails with "port in use". Each JVM walks the range from a
 * random start, so two test JVMs rarely try the same ports, and a port is offered only if it can be
 * bound on every interface now.
 */
public final class FreePorts {

  static final int LOW = 20_000;
  static final int HIGH = 32_000;

  private static final AtomicInteger NEXT =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(HIGH - LOW));

  private FreePorts() {}

  public static int next() {
    return firstBindable(() -> LOW + Math.floorMod(NEXT.getAndIncrement(), HIGH - LOW));
  }

  /** The first of {@code candidates} that can be bound now, trying as many as the range holds. */
  static int firstBindable(IntSupplier candidates) {
    for (int tried = 0; tried < HIGH - LOW; tried++) {
      int port = candidates.getAsInt();
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port from " + LOW + " to " + HIGH);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port), 1);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
