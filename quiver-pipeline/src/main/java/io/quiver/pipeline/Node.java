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

  /**
   * A {@code create operator} of a built-in operator ({@link OperatorRegistry}); each pipeline
   * instance makes its own {@link Operator} from {@code factory}, which holds the operator's state.
   */
  record Op(String id, OperatorKind kind, OperatorKind.Factory factory) implements Node {}
}
