package dev.lanes.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the namespaces and links a {@link ZoneNetwork} of a JVM that is gone left behind: a JVM
 * killed with SIGKILL runs no shutdown hook. Those of live JVMs are left alone.
 */
final class ZoneNetworkLeftovers {

  private static final Logger log = LoggerFactory.getLogger(ZoneNetworkLeftovers.class);

  private ZoneNetworkLeftovers() {}

  static void remove() {
    LongPredicate alive = pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    for (String namespace :
        ofDeadOwners(
            namespaces(IpCommand.run("netns", "list")), ZoneNetworkNames::namespaceOwner, alive)) {
      log.info(
          "Removing a zone network namespace left by a JVM that is gone namespace={}", namespace);
      IpCommand.run("netns", "delete", namespace);
    }
    // Deleting a namespace deletes its veth pair; what is left is a bridge, or a veth whose
    // namespace still held a process.
    for (String link :
        ofDeadOwners(
            links(IpCommand.run("-o", "link", "show")), ZoneNetworkNames::linkOwner, alive)) {
      log.info("Removing a zone network link left by a JVM that is gone link={}", link);
      IpCommand.run("link", "delete", link);
    }
  }

  /** The names in {@code names} made by a pid for which {@code alive} is false. */
  static List<String> ofDeadOwners(
      List<String> names, Function<String, OptionalLong> owner, LongPredicate alive) {
    List<String> dead = new ArrayList<>();
    for (String name : names) {
      OptionalLong pid = owner.apply(name);
      if (pid.isPresent() && !alive.test(pid.getAsLong())) {
        dead.add(name);
      }
    }
    return dead;
  }

  /** {@code ip netns list} prints {@code name (id: 3)} or {@code name} per line. */
  static List<String> namespaces(String ipNetnsList) {
    return ipNetnsList
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .map(line -> line.split("\\s+")[0])
        .toList();
  }

  /** {@code ip -o link show} prints {@code 7: name@if2: <FLAGS> ...} per line. */
  static List<String> links(String ipOneLineLinkShow) {
    return ipOneLineLinkShow
        .lines()
        .map(line -> line.split(":\\s*", 3))
        .filter(parts -> parts.length >= 2)
        .map(parts -> parts[1].split("@")[0].strip())
        .toList();
  }
}
