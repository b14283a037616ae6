package dev.lanes.internal.offsets;

import java.util.OptionalLong;

/**
 * The uncommitted window of one partition: offsets handed out for processing, in the order they
 * were polled, and which of them are finished. The committable offset is the first unfinished one,
 * so a commit never passes a record that is still running, however many after it finished.
 *
 * <p>Offsets need not be contiguous (compaction and transaction markers leave gaps). Poll thread
 * only; primitive ring buffer so tracking allocates nothing while the window fits.
 */
public final class PartitionOffsets {

  private long[] offsets;
  // Each tracked record's timestamp (epoch ms, -1 when the record has none), for lag in time.
  private long[] timestamps;
  private boolean[] finished;
  private int head;
  private int size;
  private int unfinished;
  private long nextToTrack = -1;
  private long committed = -1;
  private long firstTracked = -1;
  // Offsets that finished after the point a rewind went back to: fetched again, not run again.
  private long[] doneAhead = new long[0];
  private int doneAheadNext;
  // The first unfinished record's timestamp at the last rewind, until it is fetched again.
  private long rewoundTimestamp = -1;

  PartitionOffsets(int initialCapacity) {
    int capacity = Integer.highestOneBit(Math.max(2, initialCapacity - 1)) << 1;
    offsets = new long[capacity];
    timestamps = new long[capacity];
    finished = new boolean[capacity];
  }

  /** Records that {@code offset} was handed out, with no timestamp known. */
  public void track(long offset) {
    track(offset, -1);
  }

  /**
   * Records that {@code offset}, produced at {@code timestamp} (epoch ms), was handed out; offsets
   * must be tracked in increasing order.
   */
  public void track(long offset, long timestamp) {
    if (offset < nextToTrack) {
      throw new IllegalStateException(
          "offset " + offset + " tracked out of order, expected >= " + nextToTrack);
    }
    if (size == offsets.length) {
      grow();
    }
    int slot = (head + size) & (offsets.length - 1);
    offsets[slot] = offset;
    timestamps[slot] = timestamp;
    finished[slot] = false;
    rewoundTimestamp = -1;
    size++;
    unfinished++;
    nextToTrack = offset + 1;
    if (firstTracked < 0) {
      firstTracked = offset;
    }
  }

  /**
   * Goes back to the first unfinished offset, to fetch from there again: the window is emptied and
   * the offsets after it that already finished are remembered, so {@link #trackReplayed} can tell
   * them apart. Returns the offset to seek to, or empty when nothing is unfinished.
   */
  public OptionalLong rewind() {
    if (size == 0) {
      return OptionalLong.empty();
    }
    long first = offsets[head];
    rewoundTimestamp = timestamps[head];
    long[] done = new long[size - unfinished];
    int count = 0;
    for (int i = 0; i < size; i++) {
      int slot = (head + i) & (offsets.length - 1);
      if (finished[slot]) {
        done[count++] = offsets[slot];
      }
    }
    doneAhead = done;
    doneAheadNext = 0;
    size = 0;
    unfinished = 0;
    nextToTrack = first;
    return OptionalLong.of(first);
  }

  /** Whether offsets fetched again after a rewind may have finished already. */
  public boolean replaying() {
    return doneAheadNext < doneAhead.length;
  }

  /**
   * Tracks a record fetched again after a rewind. Returns true when it had finished before the
   * rewind: it is then finished at once and must not run again.
   */
  public boolean trackReplayed(long offset) {
    return trackReplayed(offset, -1);
  }

  /** {@link #trackReplayed(long)} for a record produced at {@code timestamp} (epoch ms). */
  public boolean trackReplayed(long offset, long timestamp) {
    track(offset, timestamp);
    while (doneAheadNext < doneAhead.length && doneAhead[doneAheadNext] < offset) {
      doneAheadNext++;
    }
    if (doneAheadNext < doneAhead.length && doneAhead[doneAheadNext] == offset) {
      doneAheadNext++;
      finish(offset);
      return true;
    }
    return false;
  }

  /** Marks {@code offset} finished. Finishing an offset that is not in the window is a bug. */
  public void finish(long offset) {
    int slot = slotOf(offset);
    if (slot < 0 || finished[slot]) {
      throw new IllegalStateException(
          "offset " + offset + " is not an unfinished offset of this partition");
    }
    finished[slot] = true;
    unfinished--;
    advanceHead();
  }

  private void advanceHead() {
    int mask = offsets.length - 1;
    while (size > 0 && finished[head]) {
      head = (head + 1) & mask;
      size--;
    }
  }

  /**
   * Marks finished, as one step, the {@code count} unfinished tracked offsets from {@code first}
   * through {@code last}: a run of a batch's records, polled together. One search for the first,
   * then a walk, instead of a search per record. Offsets in the range that are not tracked (gaps)
   * or already finished (fetched again after a rewind) are passed over; any other number of
   * unfinished offsets than {@code count} means the range held another batch's records, a bug.
   */
  public void finishRun(long first, long last, int count) {
    int slot = slotOf(first);
    if (slot < 0 || finished[slot]) {
      throw new IllegalStateException(
          "offset " + first + " is not an unfinished offset of this partition");
    }
    int mask = offsets.length - 1;
    int done = 0;
    for (int i = (slot - head) & mask; i < size; i++) {
      int each = (head + i) & mask;
      if (offsets[each] > last) {
        break;
      }
      if (!finished[each]) {
        finished[each] = true;
        done++;
      }
    }
    unfinished -= done;
    advanceHead();
    if (done != count) {
      throw new IllegalStateException(
          "offsets "
              + first
              + ".."
              + last
              + " held "
              + done
              + " unfinished offsets, expected "
              + count);
    }
  }

  /**
   * The offset to commit (the next record to consume), if it moved past the last commit: the first
   * unfinished offset, or one past the last tracked offset when everything is finished.
   */
  OptionalLong committable() {
    if (nextToTrack < 0) {
      return OptionalLong.empty();
    }
    long position = size > 0 ? offsets[head] : nextToTrack;
    return position > committed ? OptionalLong.of(position) : OptionalLong.empty();
  }

  /** The last commit acknowledged for this partition. */
  public void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /**
   * Where the group's committed offset stands as far as this lane knows: its last acknowledged
   * commit, or, before its first, the first offset it consumed (the previous owner's commit or the
   * reset position). -1 when it knows neither.
   */
  public long committedOrStart() {
    return committed >= 0 ? committed : firstTracked;
  }

  /** Records from the first unfinished one to the last tracked: what a crash would replay. */
  int window() {
    return size;
  }

  /**
   * The timestamp (epoch ms) of the first unfinished record, also while a rewind waits to fetch it
   * again; -1 when nothing is unfinished or the record has no timestamp. The head of the window is
   * always unfinished, so this is one read.
   */
  public long oldestUnfinishedTimestamp() {
    return size > 0 ? timestamps[head] : rewoundTimestamp;
  }

  public int unfinished() {
    return unfinished;
  }

  private int slotOf(long offset) {
    int mask = offsets.length - 1;
    // Offsets are nearly always contiguous: then the slot follows from the distance to the head,
    // and the search (a dozen probes in a full window, for every record) is only for gaps.
    long distance = size > 0 ? offset - offsets[head] : -1;
    if (distance >= 0 && distance < size) {
      int slot = (head + (int) distance) & mask;
      if (offsets[slot] == offset) {
        return slot;
      }
    }
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long value = offsets[(head + mid) & mask];
      if (value < offset) {
        low = mid + 1;
      } else if (value > offset) {
        high = mid - 1;
      } else {
        return (head + mid) & mask;
      }
    }
    return -1;
  }

  private void grow() {
    int capacity = offsets.length;
    long[] newOffsets = new long[capacity * 2];
    long[] newTimestamps = new long[capacity * 2];
    boolean[] newFinished = new boolean[capacity * 2];
    for (int i = 0; i < size; i++) {
      int slot = (head + i) & (capacity - 1);
      newOffsets[i] = offsets[slot];
      newTimestamps[i] = timestamps[slot];
      newFinished[i] = finished[slot];
    }
    offsets = newOffsets;
    timestamps = newTimestamps;
    finished = newFinished;
    head = 0;
  }

  @Override
  public String toString() {
    return "PartitionOffsets{window="
        + size
        + ", unfinished="
        + unfinished
        + ", committable="
        + (size > 0 ? offsets[head] : nextToTrack)
        + ", committed="
        + committed
        + "}";
  }
}
