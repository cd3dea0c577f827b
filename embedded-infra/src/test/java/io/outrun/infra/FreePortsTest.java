package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsComeFromBelowTheRangeOutgoingConnectionsAreGiven() {
    for (int i = 0; i < 50; i++) {
      assertThat(FreePorts.next()).isBetween(FreePorts.LOW, FreePorts.HIGH - 1);
    }
  }

  @Test
  void aPortInUseIsPassedOver() throws IOException {
    try (ServerSocket held = bound(FreePorts.next())) {
      int port = held.getLocalPort();
      Iterator<Integer> candidates = List.of(port, port + 1, port + 2).iterator();

      int offered = FreePorts.firstBindable(candidates::next);

      assertThat(offered).isNotEqualTo(port).isIn(port + 1, port + 2);
    }
  }

  @Test
  void anOfferedPortCanBeBound() throws IOException {
    try (ServerSocket socket = bound(FreePorts.next())) {
      assertThat(socket.isBound()).isTrue();
    }
  }

  private static ServerSocket bound(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(port));
    return socket;
  }
}
