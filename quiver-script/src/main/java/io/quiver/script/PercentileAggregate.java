package io.quiver.script;

import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Value;
import java.util.List;

/**
 * An aggregate that reports percentiles of the numbers it is given ({@code aggr::stats::hdr} and
 * {@code aggr::stats::dds}): the first argument is the value, and anything but a number, or a
 * negative number, is ignored as in Tremor; the first call's second argument names the percentiles
 * (see {@link Percentiles}).
 */
abstract sealed class PercentileAggregate implements Aggregate permits Dds, Hdr {
  final Percentiles percentiles = new Percentiles();

  @Override
  public final void accumulate(List<Value> args) throws FunctionException {
    percentiles.configure(args);
    if (args.isEmpty() || !ValueOps.isNumber(args.get(0))) {
      return;
    }
    double v = ValueOps.asDouble(args.get(0));
    if (v < 0) {
      return;
    }
    add(v);
  }

  /** Takes one value that is not negative. */
  abstract void add(double v);
}
