package dev.lanes.tools.drill;

/** The task a record of a lane topic carries, and the attempt it runs as (1 on the main topic). */
record TaskRecord(String id, int attempt) {}
