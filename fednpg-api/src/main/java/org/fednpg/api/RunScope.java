package org.fednpg.api;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Objects shared by the components of one run, created on first use: for example the exact
 * evaluator's solver, built once per model and used by the agents' evaluator and the metrics alike.
 * Lives exactly as long as the run (no process-wide cache). Thread-safe.
 */
public final class RunScope {

  private final ConcurrentHashMap<Object, Object> objects = new ConcurrentHashMap<>();

  /**
   * The object stored under {@code key}, created by {@code factory} on first use.
   *
   * @throws ClassCastException if the key holds an object of another type
   */
  public <T> T shared(Object key, Class<T> type, Supplier<? extends T> factory) {
    Objects.requireNonNull(factory, "factory");
    return type.cast(objects.computeIfAbsent(key, k -> Objects.requireNonNull(factory.get())));
  }
}
