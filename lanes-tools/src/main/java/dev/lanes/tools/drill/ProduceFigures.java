package dev.lanes.tools.drill;

/**
 * What the task producer saw: sends whose callback reported an error, how many of those were sent
 * again, and tasks that never got an acknowledgement after all (reported, never silently dropped).
 * {@code errors == resent + unacknowledged} is the producer's promise.
 */
record ProduceFigures(int errors, int resent, int unacknowledged) {}
