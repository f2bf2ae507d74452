package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The modules {@code use std::<m>;} and {@code use tremor::<m>;} load when the module path has no
 * such file: Quiver builds them from its {@link FunctionRegistry}, every function {@code m::f}
 * becoming an intrinsic {@code f} of the module, so scripts need no {@code TREMOR_PATH} for the
 * standard library. {@code tremor::} holds {@code chash}, {@code origin} and {@code system} (as in
 * Tremor's library), {@code std::} every other function module; {@code std::integer} also has the
 * constants {@code min}, {@code max} and {@code signed::min}/{@code signed::max}.
 */
final class BuiltinModules {
  private static final Set<String> TREMOR = Set.of("chash", "origin", "system");
  private static final FunctionRegistry FUNCTIONS = FunctionRegistry.standard();

  private BuiltinModules() {}

  /** The built-in module {@code segments} as {@code mod alias with ... end}, if there is one. */
  static Optional<Expr.Module> find(List<String> segments, String alias, Span span) {
    if (segments.size() < 2) {
      return Optional.empty();
    }
    String root = segments.get(0);
    String module = String.join("::", segments.subList(1, segments.size()));
    boolean tremorModule = TREMOR.contains(module);
    if (!(root.equals("std") && !tremorModule) && !(root.equals("tremor") && tremorModule)) {
      return Optional.empty();
    }
    if (!FUNCTIONS.hasModule(module)) {
      return Optional.empty();
    }
    List<String> path = segments.subList(1, segments.size());
    List<Expr> body = new ArrayList<>();
    for (String name : new TreeSet<>(FUNCTIONS.functionNames(module))) {
      body.add(new Expr.Intrinsic(name, path, name, span));
    }
    if (module.equals("integer")) {
      body.addAll(integerConstants(span));
      body.add(new Expr.Module("signed", integerConstants(span), span));
    }
    return Optional.of(new Expr.Module(alias, List.copyOf(body), span));
  }

  /** Whether {@code segments} names a built-in module ({@link #find} would give one). */
  static boolean exists(List<String> segments) {
    return find(segments, "m", null).isPresent();
  }

  private static List<Expr> integerConstants(Span span) {
    // Tremor's library defines min as -(2^63 - 1) (its issue 127), kept for equal results
    return List.of(
        new Expr.Const("min", new Expr.Literal(Value.of(-Long.MAX_VALUE), span), span),
        new Expr.Const("max", new Expr.Literal(Value.of(Long.MAX_VALUE), span), span));
  }
}
