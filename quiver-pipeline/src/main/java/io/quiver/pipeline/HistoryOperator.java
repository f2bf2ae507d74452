package io.quiver.pipeline;

import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code debug::history} (Tremor 0.11, op/debug/history.rs): appends {@code "evt: <op>(<event
 * id>)"} to the array in the event's meta field {@code name} (creating it) and sends the event on
 * {@code out}. Stateless, so its instances only hold the two settings.
 */
final class HistoryOperator implements Operator {

  static final OperatorKind KIND =
      OperatorKind.of(
          "debug::history",
          ConfigSpec.of(
              ConfigKey.required(
                  "op", ConfigType.STRING, "the name written into each history entry"),
              ConfigKey.required(
                  "name", ConfigType.STRING, "the meta field holding the history array")),
          (node, config) -> {
            HistoryOperator op = new HistoryOperator(config.string("op"), config.string("name"));
            return uid -> op;
          });

  private final String op;
  private final String name;

  HistoryOperator(String op, String name) {
    this.op = op;
    this.name = name;
  }

  @Override
  public void onEvent(Event event, Output out) {
    Value.Obj meta = event.meta() instanceof Value.Obj o ? o : Value.EMPTY_OBJECT;
    List<Value> history = new ArrayList<>();
    if (meta.get(name) instanceof Value.Arr a) {
      history.addAll(a.items());
    }
    history.add(Value.of("evt: " + op + "(" + event.id() + ")"));
    out.event("out", event.withMeta(meta.with(name, Value.array(history))));
  }
}
