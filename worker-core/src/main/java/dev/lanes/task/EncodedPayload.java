package dev.lanes.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A task's payload still as JSON bytes of its record value, checked to be valid JSON when the task
 * was decoded, and parsed only when {@link dev.lanes.Task#payload()} is first called. Only {@link
 * TaskCodec} makes one.
 */
public final class EncodedPayload {

  private final ObjectReader trees;
  private final byte[] value;
  private final int offset;
  private final int length; // 0: the envelope has no payload (or null), which reads as {}

  EncodedPayload(ObjectReader trees, byte[] value, int offset, int length) {
    this.trees = trees;
    this.value = value;
    this.offset = offset;
    this.length = length;
  }

  /** A new tree of the payload each call; {@link dev.lanes.Task} calls it once and keeps it. */
  public JsonNode parse() {
    if (length == 0) {
      return trees.getConfig().getNodeFactory().objectNode();
    }
    try {
      return trees.readTree(value, offset, length);
    } catch (IOException e) {
      // Cannot happen for bytes the codec checked, unless someone changed the array since.
      throw new UncheckedIOException(
          "payload bytes " + offset + ".." + (offset + length) + " no longer parse", e);
    }
  }
}
