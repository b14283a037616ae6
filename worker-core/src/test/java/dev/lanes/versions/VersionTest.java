package dev.lanes.versions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void ordersByNumericPartsNotByText() {
    assertThat(Version.compare("1.13.6", "1.14.0")).isNegative();
    assertThat(Version.compare("1.9.0", "1.14.0")).isNegative();
    assertThat(Version.compare("2.23.0", "2.13.0")).isPositive();
    assertThat(Version.compare("4.4.0", "4.1.0")).isPositive();
  }

  @Test
  void missingPartsCountAsZeroAndQualifiersAreIgnored() {
    assertThat(Version.compare("1.14", "1.14.0")).isZero();
    assertThat(Version.compare("1.14.0-SNAPSHOT", "1.14.0")).isZero();
    assertThat(Version.compare("2.12.7.1", "2.13.0")).isNegative();
    assertThat(Version.compare("4.1.0-RC1", "4.1.0")).isZero();
    assertThat(Version.compare("5.6.15.Final", "5.6.15")).isZero();
  }
}
