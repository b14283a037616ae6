package dev.lanes.versions;

import dev.lanes.versions.RequiredVersions.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the libraries found on the classpath with what Lanes needs, before the runtime calls any
 * of them: an older one beside Lanes (another dependency's choice won the resolution) would
 * otherwise fail later with a {@link NoSuchMethodError} deep inside it. No I/O.
 */
public final class VersionCheck {

  private static final Logger log = LoggerFactory.getLogger(VersionCheck.class);

  private VersionCheck() {}

  /**
   * @param found library to version, as {@link FoundVersions} reads them; a library missing from
   *     the map could not be told and is let through with a warning
   * @throws IncompatibleLibraryException naming each library that is too old, what was found and
   *     what is needed, on one line
   */
  public static void verify(Map<String, String> found) {
    List<String> tooOld = new ArrayList<>();
    for (Requirement requirement : RequiredVersions.all()) {
      String version = found.get(requirement.library());
      if (version == null) {
        log.warn(
            "library version unknown library={} needed={} (not checked)",
            requirement.library(),
            requirement.minimum());
      } else if (Version.compare(version, requirement.minimum()) < 0) {
        tooOld.add(
            requirement.library()
                + " "
                + version
                + " is on the classpath, Lanes needs "
                + requirement.minimum()
                + " or newer (for "
                + requirement.because()
                + ")");
      }
    }
    if (!tooOld.isEmpty()) {
      throw new IncompatibleLibraryException(
          String.join("; ", tooOld)
              + ": align the versions, e.g. by importing the BOM dev.lanes:lanes-bom");
    }
  }
}
