package dev.lanes;

/**
 * Registers a jar's task handlers with {@code lanes run}. Implementations are found through {@link
 * java.util.ServiceLoader}: list the class in {@code META-INF/services/dev.lanes.HandlerProvider}
 * and put the jar on the class path or in the {@code --handlers-dir}.
 */
public interface HandlerProvider {

  void register(HandlerRegistry.Builder handlers);
}
