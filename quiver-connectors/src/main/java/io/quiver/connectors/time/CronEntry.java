package io.quiver.connectors.time;

import io.quiver.connectors.time.CronExpression.CronSyntaxException;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * One crononome entry: its {@code name}, its schedule and its optional {@code payload} (any YAML
 * value), as in Tremor 0.11's {@code src/source/crononome.rs}.
 *
 * @param payloadJson the payload as JSON text, or {@code null} when the entry has none
 */
record CronEntry(String name, CronExpression schedule, String payloadJson) {

  /** The entries of a crononome's {@code entries} key (already checked by {@link #problem}). */
  static List<CronEntry> all(Value entries) {
    List<CronEntry> out = new ArrayList<>();
    for (Value v : ((Value.Arr) entries).items()) {
      Value.Obj e = (Value.Obj) v;
      String name = ((Value.Str) e.get("name")).value();
      try {
        CronExpression cron = CronExpression.parse(((Value.Str) e.get("expr")).value());
        Value payload = e.get("payload");
        out.add(new CronEntry(name, cron, payload == null ? null : Json.write(payload)));
      } catch (CronSyntaxException ex) {
        throw new IllegalArgumentException(ex.getMessage(), ex);
      }
    }
    return out;
  }

  /**
   * Why {@code entries} is not a valid list of entries, or {@code null}: the first text is Tremor's
   * ({@code Bad configuration in crononome - expression NAME is illegal: ...}), then what is wrong
   * and how a valid expression looks.
   */
  static String problem(Value entries) {
    if (!(entries instanceof Value.Arr list)) {
      return "must be a list of entries {name, expr, payload}";
    }
    List<String> problems = new ArrayList<>();
    int index = 0;
    for (Value v : list.items()) {
      index++;
      String where = "entry " + index;
      if (!(v instanceof Value.Obj e)) {
        problems.add(where + " must be a record {name, expr, payload}");
        continue;
      }
      for (String key : e.fields().keySet()) {
        if (!List.of("name", "expr", "payload").contains(key)) {
          problems.add(where + ": unknown field `" + key + "`, expected name, expr or payload");
        }
      }
      if (!(e.get("name") instanceof Value.Str name)) {
        problems.add(where + ": `name` (a string) is required");
        continue;
      }
      if (!(e.get("expr") instanceof Value.Str expr)) {
        problems.add(where + " (" + name.value() + "): `expr` (a cron expression) is required");
        continue;
      }
      try {
        CronExpression.parse(expr.value());
      } catch (CronSyntaxException ex) {
        problems.add(
            "Bad configuration in crononome - expression "
                + name.value()
                + " is illegal: `"
                + expr.value()
                + "`: "
                + ex.getMessage()
                + "; "
                + CronExpression.SYNTAX);
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
