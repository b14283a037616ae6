package dev.lanes.tools.drill;

/** The realtime tasks produced in [from, to) (epoch ms) and the p99 of their waits (null: none). */
record WaitWindow(long from, long to, int tasks, Long p99Ms) {}
