package io.quiver.script;

import io.quiver.value.Value;
import java.util.List;

/**
 * State of one aggregate function call ({@code aggr::stats::sum(event.x)}) in one window and group:
 * it accumulates the argument values of each event, can absorb another instance's state (tilt
 * frames) and emits its result when the window closes. Not thread-safe.
 */
public interface Aggregate {
  void accumulate(List<Value> args) throws FunctionRegistry.FunctionException;

  /** Adds the state of {@code other} (an aggregate of the same function) to this one. */
  void merge(Aggregate other) throws FunctionRegistry.FunctionException;

  Value emit() throws FunctionRegistry.FunctionException;

  /** Back to the empty state (a new window). */
  void init();

  /** A fresh, empty aggregate of the same function. */
  Aggregate fresh();
}
