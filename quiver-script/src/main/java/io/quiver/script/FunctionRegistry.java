package io.quiver.script;

import io.quiver.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions scripts can call, by module and name. Immutable after construction; {@link
 * #standard()} holds the part of Tremor's std library Quiver implements so far.
 */
public final class FunctionRegistry {

  /** A function body: arguments in, value out; throws {@link FunctionException} on bad input. */
  @FunctionalInterface
  public interface Body {
    Value call(List<Value> args) throws FunctionException;
  }

  /** A function failed; {@code badType} selects Tremor's "Bad type passed to function" text. */
  public static final class FunctionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean badType;

    public FunctionException(String message, boolean badType) {
      super(message, null, false, false);
      this.badType = badType;
    }

    public static FunctionException wrongType() {
      return new FunctionException("bad type", true);
    }

    public boolean badType() {
      return badType;
    }
  }

  /** One function with its arity range (maxArity -1 = variadic). */
  public record Function(String module, String name, int minArity, int maxArity, Body body) {
    boolean accepts(int n) {
      return n >= minArity && (maxArity < 0 || n <= maxArity);
    }

    String arityText() {
      return maxArity == minArity
          ? Integer.toString(minArity)
          : minArity + ".." + (maxArity < 0 ? "" : "=" + maxArity);
    }
  }

  private final Map<String, Map<String, Function>> modules;

  private FunctionRegistry(Map<String, Map<String, Function>> modules) {
    this.modules = modules;
  }

  public boolean hasModule(String module) {
    return modules.containsKey(module);
  }

  /** The names of the functions of {@code module} (empty when there is no such module). */
  public java.util.Set<String> functionNames(String module) {
    Map<String, Function> m = modules.get(module);
    return m == null ? java.util.Set.of() : m.keySet();
  }

  public Function find(String module, String name) {
    Map<String, Function> m = modules.get(module);
    return m == null ? null : m.get(name);
  }

  public static FunctionRegistry standard() {
    Builder b = new Builder();
    b.add("type", "is_null", 1, a -> Value.of(a.get(0) instanceof Value.Null));
    b.add("type", "is_bool", 1, a -> Value.of(a.get(0) instanceof Value.Bool));
    b.add("type", "is_integer", 1, a -> Value.of(a.get(0) instanceof Value.Int));
    b.add("type", "is_float", 1, a -> Value.of(a.get(0) instanceof Value.Float));
    b.add("type", "is_number", 1, a -> Value.of(ValueOps.isNumber(a.get(0))));
    b.add("type", "is_string", 1, a -> Value.of(a.get(0) instanceof Value.Str));
    b.add("type", "is_array", 1, a -> Value.of(a.get(0) instanceof Value.Arr));
    b.add("type", "is_record", 1, a -> Value.of(a.get(0) instanceof Value.Obj));
    b.add("type", "is_binary", 1, a -> Value.of(a.get(0) instanceof Value.Bytes));
    b.add(
        "type",
        "as_string",
        1,
        a ->
            Value.of(
                switch (a.get(0)) {
                  case Value.Bool v -> "bool";
                  default -> ValueOps.typeName(a.get(0));
                }));
    StdLib.register(b);
    StdSystem.register(b);
    CncfOtel.register(b);
    return b.build();
  }

  /** Collects functions; {@link #build()} freezes them. */
  public static final class Builder {
    private final Map<String, Map<String, Function>> modules = new HashMap<>();

    public Builder add(String module, String name, int arity, Body body) {
      return add(new Function(module, name, arity, arity, body));
    }

    public Builder add(Function f) {
      modules.computeIfAbsent(f.module(), m -> new HashMap<>()).put(f.name(), f);
      return this;
    }

    public FunctionRegistry build() {
      Map<String, Map<String, Function>> copy = new HashMap<>();
      modules.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
      return new FunctionRegistry(Map.copyOf(copy));
    }
  }
}
