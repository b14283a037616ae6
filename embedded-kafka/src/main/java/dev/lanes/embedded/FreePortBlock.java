package dev.lanes.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds consecutive loopback ports that were free a moment ago. Consecutive, so a cluster started
 * on picked ports can be started again on the same ones from its first port alone.
 */
final class FreePortBlock {

  private static final int ATTEMPTS = 50;

  private FreePortBlock() {}

  /** The first of {@code count} consecutive ports that could all be bound together. */
  static int find(int count) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int candidate = anyFreePort();
      if (candidate + count - 1 <= 65535 && allFree(candidate, count)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Found no " + count + " consecutive free ports on " + BrokerConfig.HOST);
  }

  private static int anyFreePort() {
    try (ServerSocket socket = openOnLoopback(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on " + BrokerConfig.HOST, e);
    }
  }

  // All held open at once, so none of them is counted free twice.
  private static boolean allFree(int first, int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int port = first; port < first + count; port++) {
        held.add(openOnLoopback(port));
      }
      return true;
    } catch (IOException taken) {
      return false;
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a probe socket cannot lose anything of the caller's.
        }
      }
    }
  }

  private static ServerSocket openOnLoopback(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    // A node must be able to bind the port right after this probe released it.
    socket.setReuseAddress(true);
    socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(BrokerConfig.HOST), port), 1);
    return socket;
  }
}
