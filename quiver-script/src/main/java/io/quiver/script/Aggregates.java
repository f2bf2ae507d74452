package io.quiver.script;

import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tremor's aggregate functions ({@code aggr::stats::*}, {@code aggr::win::*}) by name, with their
 * arities. Each call site in a select gets its own {@link Aggregate} per window and group.
 */
public final class Aggregates {
  private Aggregates() {}

  /** One aggregate function: {@code module} is e.g. {@code stats}, arity {@code min..=max}. */
  public record Spec(
      String module, String name, int minArity, int maxArity, Supplier<Aggregate> factory) {
    String arityText() {
      return minArity + "..=" + maxArity;
    }
  }

  private static final Map<String, Spec> SPECS =
      Map.ofEntries(
          spec("stats", "count", 0, 0, Count::new),
          spec("stats", "sum", 1, 1, Sum::new),
          spec("stats", "mean", 1, 1, Mean::new),
          spec("stats", "min", 1, 1, () -> new MinMax(false)),
          spec("stats", "max", 1, 1, () -> new MinMax(true)),
          spec("stats", "var", 1, 1, () -> new Var(false)),
          spec("stats", "stdev", 1, 1, () -> new Var(true)),
          spec("stats", "hdr", 1, 2, Hdr::new),
          spec("stats", "dds", 1, 2, Dds::new),
          spec("win", "first", 1, 1, () -> new FirstLast(true)),
          spec("win", "last", 1, 1, () -> new FirstLast(false)),
          spec("win", "collect_flattened", 1, 1, () -> new Collect(true)),
          spec("win", "collect_nested", 1, 1, () -> new Collect(false)));

  private static Map.Entry<String, Spec> spec(
      String module, String name, int min, int max, Supplier<Aggregate> factory) {
    return Map.entry(module + "::" + name, new Spec(module, name, min, max, factory));
  }

  /** The aggregate {@code aggr::<module>::<name>}, or null. */
  public static Spec find(String module, String name) {
    return SPECS.get(module + "::" + name);
  }

  public static boolean hasModule(String module) {
    return module.equals("stats") || module.equals("win");
  }

  static double number(List<Value> args, String name) throws FunctionException {
    Value v = args.isEmpty() ? Value.NULL : args.get(0);
    if (ValueOps.isNumber(v)) {
      return ValueOps.asDouble(v);
    }
    throw new FunctionException("bad type " + name, true);
  }

  // ------------------------------------------------------------------ stats

  static final class Count implements Aggregate {
    long n;

    @Override
    public void accumulate(List<Value> args) {
      n++;
    }

    @Override
    public void merge(Aggregate other) {
      n += ((Count) other).n;
    }

    @Override
    public Value emit() {
      return Value.of(n);
    }

    @Override
    public void init() {
      n = 0;
    }

    @Override
    public Aggregate fresh() {
      return new Count();
    }
  }

  static final class Sum implements Aggregate {
    double sum;

    @Override
    public void accumulate(List<Value> args) throws FunctionException {
      sum += number(args, "sum");
    }

    @Override
    public void merge(Aggregate other) {
      sum += ((Sum) other).sum;
    }

    @Override
    public Value emit() {
      return Value.of(sum);
    }

    @Override
    public void init() {
      sum = 0;
    }

    @Override
    public Aggregate fresh() {
      return new Sum();
    }
  }

  static final class Mean implements Aggregate {
    long n;
    double sum;

    @Override
    public void accumulate(List<Value> args) throws FunctionException {
      sum += number(args, "mean");
      n++;
    }

    @Override
    public void merge(Aggregate other) {
      n += ((Mean) other).n;
      sum += ((Mean) other).sum;
    }

    @Override
    public Value emit() {
      return n == 0 ? Value.NULL : Value.of(sum / n);
    }

    @Override
    public void init() {
      n = 0;
      sum = 0;
    }

    @Override
    public Aggregate fresh() {
      return new Mean();
    }
  }

  /** Tremor's min/max; an empty side compares as smaller than any value when merging. */
  static final class MinMax implements Aggregate {
    final boolean max;
    Double value;

    MinMax(boolean max) {
      this.max = max;
    }

    @Override
    public void accumulate(List<Value> args) throws FunctionException {
      double v = number(args, max ? "max" : "min");
      if (value == null || (max ? v > value : v < value)) {
        value = v;
      }
    }

    @Override
    public void merge(Aggregate other) {
      Double o = ((MinMax) other).value;
      if (max ? greater(o, value) : greater(value, o)) {
        value = o;
      }
    }

    /** Option ordering: None &lt; Some. */
    private static boolean greater(Double a, Double b) {
      if (a == null) {
        return false;
      }
      return b == null || a > b;
    }

    @Override
    public Value emit() {
      return Value.of(value == null ? 0.0 : value);
    }

    @Override
    public void init() {
      value = null;
    }

    @Override
    public Aggregate fresh() {
      return new MinMax(max);
    }
  }

  /** Sample variance with a shifted sum; {@code stdev} is its square root. */
  static final class Var implements Aggregate {
    final boolean stdev;
    long n;
    double k;
    double ex;
    double ex2;

    Var(boolean stdev) {
      this.stdev = stdev;
    }

    @Override
    public void accumulate(List<Value> args) throws FunctionException {
      double v = number(args, stdev ? "stdev" : "var");
      if (n == 0) {
        k = v;
      }
      n++;
      ex += v - k;
      ex2 += (v - k) * (v - k);
    }

    @Override
    public void merge(Aggregate other) {
      Var o = (Var) other;
      n += o.n;
      k += o.k;
      ex += o.ex;
      ex2 += o.ex2;
    }

    @Override
    public Value emit() {
      double var = n == 0 ? 0.0 : (ex2 - (ex * ex) / n) / (n - 1.0);
      return Value.of(stdev ? Math.sqrt(var) : var);
    }

    @Override
    public void init() {
      n = 0;
      k = 0;
      ex = 0;
      ex2 = 0;
    }

    @Override
    public Aggregate fresh() {
      return new Var(stdev);
    }
  }

  // -------------------------------------------------------------------- win

  static final class FirstLast implements Aggregate {
    final boolean first;
    Value value;

    FirstLast(boolean first) {
      this.first = first;
    }

    @Override
    public void accumulate(List<Value> args) {
      if (!first || value == null) {
        value = args.get(0);
      }
    }

    @Override
    public void merge(Aggregate other) {
      Value o = ((FirstLast) other).value;
      if (o != null && (!first || value == null)) {
        value = o;
      }
    }

    @Override
    public Value emit() {
      return value == null ? Value.NULL : value;
    }

    @Override
    public void init() {
      value = null;
    }

    @Override
    public Aggregate fresh() {
      return new FirstLast(first);
    }
  }

  /** {@code collect_flattened} keeps values; {@code collect_nested} keeps one array per merge. */
  static final class Collect implements Aggregate {
    final boolean flat;
    final List<Value> values = new ArrayList<>();

    Collect(boolean flat) {
      this.flat = flat;
    }

    @Override
    public void accumulate(List<Value> args) {
      values.add(args.get(0));
    }

    @Override
    public void merge(Aggregate other) {
      Collect o = (Collect) other;
      if (flat) {
        values.addAll(o.values);
      } else {
        values.add(Value.array(o.values));
      }
    }

    @Override
    public Value emit() {
      return Value.array(values);
    }

    @Override
    public void init() {
      values.clear();
    }

    @Override
    public Aggregate fresh() {
      return new Collect(flat);
    }
  }
}
