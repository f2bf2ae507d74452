package io.quiver.pipeline;

import io.quiver.script.Expression;
import io.quiver.script.Script;
import io.quiver.value.Value;

/** The kinds of nodes in a compiled graph (immutable; per-instance state lives in the instance). */
sealed interface Node {
  String id();

  /** A pipeline input ({@code in}, {@code in/<port>}); forwards to its {@code out} port. */
  record Input(String id, String port) implements Node {}

  /** A pipeline output; events reaching it are emitted on {@code port}. */
  record Output(String id, String port) implements Node {}

  /** {@code create stream}: forwards to its {@code out} port. */
  record Stream(String id) implements Node {}

  /**
   * A {@code select}; {@code target} null means the event passes unchanged (select event ...). With
   * windows or a group by it keeps per-instance state ({@link WindowedSelect}).
   */
  record Select(
      String id,
      Expression target,
      Expression where,
      Expression having,
      java.util.List<WindowSpec> windows,
      GroupBySpec groupBy)
      implements Node {
    boolean stateful() {
      return !windows.isEmpty() || groupBy != null;
    }
  }

  /** {@code create script}: a script instance with its args; state is per pipeline instance. */
  record ScriptNode(String id, Script script, Value args) implements Node {}

  /** {@code generic::counter}: emits {"count": n, "event": event}, n from 1. */
  record Counter(String id) implements Node {}

  /**
   * {@code grouper::bucket}: rate limits per {@code $class} and {@code $dimensions} with the {@code
   * $rate} (per {@code $time_range} in {@code $windows} slots) from the event's meta; events over
   * the limit go to {@code overflow}, events without a class or rate to {@code err}.
   */
  record Bucket(String id) implements Node {}

  /**
   * {@code debug::history}: appends {@code "evt: <op>(<event id>)"} to the meta array {@code name}.
   */
  record History(String id, String op, String name) implements Node {}

  /**
   * A built-in operator with its own state, signal and contraflow behaviour ({@code qos::*}, {@code
   * generic::batch}); each pipeline instance makes its own {@link Operator} from {@code factory}.
   */
  record Op(String id, OperatorKind kind, OperatorKind.Factory factory) implements Node {}
}
