package dev.lanes.app;

import dev.lanes.app.config.DurationFormat;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations on the command line the way the config file does: 200ms, 5s, 10m, 1h, 1d. */
public final class DurationOption implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return DurationFormat.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + value + "' is not a duration (" + DurationFormat.ACCEPTED + ")"));
  }
}
