package dev.lanes.tools.drill;

/** A {@code lanes run} process of a drill, named w1, w2, ... in the order they started. */
record ZoneWorker(String name, String zone, LanesProcess process) {}
