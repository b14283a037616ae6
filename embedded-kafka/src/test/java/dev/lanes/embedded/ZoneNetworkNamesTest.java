package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZoneNetworkNamesTest {

  private static final long LARGEST_PID = 4_194_304; // Linux's pid_max limit

  @Test
  void namesCarryTheMakersPidAndLinkNamesFitLinuxsFifteenCharacters() {
    ZoneNetworkNames names = new ZoneNetworkNames(LARGEST_PID, 99);

    assertThat(names.namespace("zone-c")).isEqualTo("lanes4194304n99-zone-c");
    assertThat(names.bridge()).isEqualTo("lz4194304n99br").hasSizeLessThanOrEqualTo(15);
    assertThat(names.hostVeth(4)).isEqualTo("lz4194304n99v4").hasSizeLessThanOrEqualTo(15);
    assertThat(ZoneNetworkNames.namespaceOwner(names.namespace("zone-a")))
        .isEqualTo(OptionalLong.of(LARGEST_PID));
    assertThat(ZoneNetworkNames.linkOwner(names.bridge())).isEqualTo(OptionalLong.of(LARGEST_PID));
    assertThat(ZoneNetworkNames.linkOwner(names.hostVeth(0)))
        .isEqualTo(OptionalLong.of(LARGEST_PID));
  }

  @Test
  void namesNotMadeByAZoneNetworkHaveNoOwner() {
    assertThat(ZoneNetworkNames.namespaceOwner("lanes-dev")).isEmpty();
    assertThat(ZoneNetworkNames.namespaceOwner("cni-1234")).isEmpty();
    assertThat(ZoneNetworkNames.linkOwner("eth0")).isEmpty();
    assertThat(ZoneNetworkNames.linkOwner("lz12n1eth0")).isEmpty();
  }

  @Test
  void aBadPidOrSerialIsRefusedNamingIt() {
    assertThatThrownBy(() -> new ZoneNetworkNames(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pid must be >= 1, was 0");
    assertThatThrownBy(() -> new ZoneNetworkNames(42, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("serial must be 0..99, was 100");
  }

  @Test
  void leftoversAreTheNamesOfPidsThatAreGone() {
    String netnsList = "lanes111n1-zone-a (id: 3)\nlanes222n1-zone-a (id: 4)\nblue\n";
    String linkShow =
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue\n"
            + "7: lz111n1br: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n"
            + "8: lz111n1v0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master lz111n1br\n"
            + "9: lz222n1br: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n";
    Set<Long> alive = Set.of(222L);

    assertThat(
            ZoneNetworkLeftovers.ofDeadOwners(
                ZoneNetworkLeftovers.namespaces(netnsList),
                ZoneNetworkNames::namespaceOwner,
                alive::contains))
        .isEqualTo(List.of("lanes111n1-zone-a"));
    assertThat(
            ZoneNetworkLeftovers.ofDeadOwners(
                ZoneNetworkLeftovers.links(linkShow), ZoneNetworkNames::linkOwner, alive::contains))
        .isEqualTo(List.of("lz111n1br", "lz111n1v0"));
  }

  @Test
  void aZoneCountOutsideOneToFiveIsRefusedNamingIt() {
    assertThatThrownBy(() -> ZoneNetwork.create(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zones must be 1 to 5, was 0");
    assertThatThrownBy(() -> ZoneNetwork.create(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zones must be 1 to 5, was 6");
  }
}
