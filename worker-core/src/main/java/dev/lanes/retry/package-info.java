/**
 * Where a failed task goes next: a retry topic with a due time, or the dead-letter topic. Pure
 * decisions without I/O; the runtime's publisher acts on them.
 */
package dev.lanes.retry;
