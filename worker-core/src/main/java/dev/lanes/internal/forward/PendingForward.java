package dev.lanes.internal.forward;

import dev.lanes.internal.invoke.ForwardRequest;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.PartitionState;
import java.util.Queue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One source record on its way to a retry or dead-letter topic. Its source offset finishes only
 * when the broker acknowledged the forward; until then the record stays in flight, and a failed
 * forward is sent again later, so nothing is dropped.
 */
public final class PendingForward implements Completion, Callback {

  private final Forwarder forwarder;
  private final Queue<Completion> completions;
  private final PartitionState partition;
  private final ConsumerRecord<byte[], byte[]> source;
  private final ForwardRequest request;
  private final ForwardRecords records;
  private volatile boolean diagnostics = true;
  private volatile boolean delivered;
  private int failures;

  public PendingForward(
      Forwarder forwarder,
      Queue<Completion> completions,
      PartitionState partition,
      ConsumerRecord<byte[], byte[]> source,
      ForwardRequest request,
      ForwardRecords records) {
    this.forwarder = forwarder;
    this.completions = completions;
    this.partition = partition;
    this.source = source;
    this.request = request;
    this.records = records;
  }

  /** The record to send; built per send, so dropping diagnostics takes effect on the next one. */
  ProducerRecord<byte[], byte[]> record() {
    return records.build(
        source,
        request.topic(),
        request.destination(),
        request.attempt(),
        request.error(),
        request.decidedAtMillis(),
        diagnostics);
  }

  ForwardRequest request() {
    return request;
  }

  boolean hasDiagnostics() {
    return diagnostics;
  }

  void dropDiagnostics() {
    diagnostics = false;
  }

  /** Counts a failed send; returns how many sends failed so far. Callback thread only. */
  int failed() {
    return ++failures;
  }

  void delivered() {
    delivered = true;
  }

  /** Returns this forward to the poll loop that owns its source partition. */
  void handBack() {
    completions.add(this);
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    forwarder.completed(this, exception);
  }

  @Override
  public PartitionState partition() {
    return partition;
  }

  @Override
  public int records() {
    return 1;
  }

  @Override
  public void finishOffsets() {
    if (delivered) {
      partition.offsets().finish(source.offset());
    }
  }

  String coordinates() {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }
}
