package dev.lanes.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The two loopback ports a single-node broker listens on: clients and the KRaft controller. */
record ListenerPorts(int broker, int controller) {

  /**
   * Returns two distinct ports that were free a moment ago. Another process may take one before the
   * broker binds it, so the caller retries on a bind failure.
   */
  static ListenerPorts pickFree() {
    // Both sockets are open at once so the OS cannot hand out the same port twice.
    try (ServerSocket broker = openOnLoopback();
        ServerSocket controller = openOnLoopback()) {
      return new ListenerPorts(broker.getLocalPort(), controller.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find free ports on " + BrokerConfig.HOST, e);
    }
  }

  /**
   * Clients on {@code brokerPort} (0 picks a free one), the controller on a port that was free a
   * moment ago.
   */
  static ListenerPorts withBrokerPort(int brokerPort) {
    if (brokerPort == 0) {
      return pickFree();
    }
    // The broker port is not bound while the broker is down, so the OS may offer it: ask again.
    try (ServerSocket first = openOnLoopback();
        ServerSocket second = openOnLoopback()) {
      int controller =
          first.getLocalPort() != brokerPort ? first.getLocalPort() : second.getLocalPort();
      return new ListenerPorts(brokerPort, controller);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on " + BrokerConfig.HOST, e);
    }
  }

  private static ServerSocket openOnLoopback() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName(BrokerConfig.HOST));
  }
}
