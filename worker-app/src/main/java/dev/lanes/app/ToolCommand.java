package dev.lanes.app;

import java.util.concurrent.Callable;

/**
 * A picocli {@code lanes} subcommand that ships apart from the worker (the demo, the bench, the
 * local broker, the fake dependency: module {@code lanes-tools}). {@code lanes} finds every one on
 * the class path through {@link java.util.ServiceLoader}, so the worker's own jar needs neither
 * them nor what they bring (Kafka's broker, {@code kafka_2.13}). An implementation is annotated
 * {@code @Command}, has a public no-argument constructor, and may take the {@link CommandConsole}
 * as its {@code @ParentCommand}.
 */
public interface ToolCommand extends Callable<Integer> {}
