/**
 * JMH microbenchmarks of the worker's hot path, the code every record runs through: envelope
 * decoding ({@link dev.lanes.task.TaskCodec}) and dispatch with offset tracking ({@code
 * dev.lanes.internal.dispatch.Dispatcher}, {@code dev.lanes.internal.offsets}).
 *
 * <p>They use worker-core's internal packages on purpose, unlike worker-app and lanes-tools, whose
 * ArchUnit test keeps them on the API: the hot path is internal, and a benchmark through the public
 * API would measure a broker and thread hand-offs, which {@code lanes bench --scenario throughput}
 * already does. To stay out of the way of changes to those internals, they use only constructors
 * and public methods, and build no more than a lane would.
 *
 * <p>Run by hand, never by the build: see docs/BENCHMARKS.md.
 */
package dev.lanes.benchmarks;
