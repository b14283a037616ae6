package dev.lanes.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = LanesMain.class.getPackage().getImplementationVersion();
    return new String[] {"lanes " + (version == null ? "development" : version)};
  }
}
