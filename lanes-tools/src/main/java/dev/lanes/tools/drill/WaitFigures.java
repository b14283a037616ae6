package dev.lanes.tools.drill;

/**
 * Realtime waits (from the producer handing a task to Kafka to the dependency's first call for it)
 * of a scenario. A p99 is null when no realtime task of that phase ran.
 *
 * @param p99BeforeMs p99 of tasks produced in [start, fault - 2 s): the steady state (a task
 *     produced in the last 2 s before the fault is still on its way when it strikes)
 * @param p99DuringMs p99 of tasks produced in [fault - 2 s, heal)
 * @param p99AfterMs p99 of tasks produced in [heal, end)
 * @param recoverySeconds from the fault to the start of the first 10 s window (sliding by 1 s)
 *     whose p99 is within 1.5 times {@code p99BeforeMs}; null when no window was
 */
record WaitFigures(Long p99BeforeMs, Long p99DuringMs, Long p99AfterMs, Double recoverySeconds) {}
