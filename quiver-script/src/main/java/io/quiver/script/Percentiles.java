package io.quiver.script;

import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Which percentiles {@code aggr::stats::hdr} and {@code aggr::stats::dds} report, named by their
 * text (e.g. {@code "0.99"}, the key in the result): Tremor's defaults until the first call's
 * second argument, an array of strings, names others. Only the first call decides.
 */
final class Percentiles {
  static final List<String> DEFAULT =
      List.of("0.5", "0.9", "0.95", "0.99", "0.999", "0.9999", "0.99999");

  private List<String> names = DEFAULT;
  private boolean set;

  /** Takes the names from the first call's arguments; later calls change nothing. */
  void configure(List<Value> args) throws FunctionException {
    if (set) {
      return;
    }
    if (args.size() > 1 && args.get(1) instanceof Value.Arr ps) {
      names = parse(ps);
    }
    set = true;
  }

  /** Takes {@code other}'s names when no call has decided here yet (a group merged into this). */
  void adopt(Percentiles other) {
    if (!set) {
      names = other.names;
      set = true;
    }
  }

  List<String> names() {
    return names;
  }

  private static List<String> parse(Value.Arr ps) throws FunctionException {
    List<String> list = new ArrayList<>();
    for (Value p : ps.items()) {
      if (p instanceof Value.Str s) {
        try {
          Double.parseDouble(s.value());
        } catch (NumberFormatException e) {
          throw new FunctionException(
              "Provided percentile '" + s.value() + "' isn't a float", false);
        }
        list.add(s.value());
      }
    }
    return List.copyOf(list);
  }
}
