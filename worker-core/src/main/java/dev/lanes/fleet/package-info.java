/**
 * What a fleet of workers tells each other through Kafka, as data: each worker's report on the
 * compacted topic {@code lanes.fleet} (key = worker id) and the fleet's breaker state per
 * dependency on the compacted topic {@code lanes.dependencies} (key = dependency name). Both are
 * JSON so that any tool can read them; {@link dev.lanes.fleet.FleetCodec} is the one place that
 * writes and reads them. API: {@code lanes status} and scripts read the same records.
 */
package dev.lanes.fleet;
