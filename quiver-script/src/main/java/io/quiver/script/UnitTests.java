package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the unit tests of a tremor-script file the way {@code tremor test unit} does: every
 * top-level {@code test::suite({"name": ..., "suite": {"name": ..., "tests": [...]}})} is a suite;
 * each item of {@code tests} is one test. An item {@code test::test({"name": ..., "test": EXPR})}
 * passes when {@code EXPR} evaluates to {@code true}; any other item is a predicate that passes
 * when it evaluates to {@code true}.
 *
 * <p>Each test is compiled on its own (with the file's declarations: {@code use}, {@code fn},
 * {@code const}, {@code mod}), so a missing function or a runtime error fails that test only, with
 * the reason. A file that does not parse is reported by {@link Report#parseError()}.
 */
public final class UnitTests {
  /** The origin Tremor's unit-test runner gives every evaluation. */
  static final Value ORIGIN =
      Value.obj(
          "scheme",
          Value.of("tremor-script"),
          "host",
          Value.of("localhost"),
          "port",
          Value.NULL,
          "path",
          Value.EMPTY_ARRAY);

  private UnitTests() {}

  /** One test: its suite, its name, and null as reason when it passed. */
  public record Result(String suite, String name, String failure) {
    public boolean passed() {
      return failure == null;
    }
  }

  /** The results of a file; {@code parseError} (one line) is set when the file did not parse. */
  public record Report(List<Result> results, String parseError) {
    public Report {
      results = List.copyOf(results);
    }

    public long passed() {
      return results.stream().filter(Result::passed).count();
    }

    /** Failed tests; a file that does not parse counts as one failure. */
    public long failed() {
      return results.size() - passed() + (parseError == null ? 0 : 1);
    }
  }

  /** Parses {@code text} (its {@code use} found on {@code modules}) and runs its test suites. */
  public static Report run(String text, String sourceName, ModulePath modules) {
    Source source = new Source(sourceName, text);
    List<Expr> top;
    try {
      top = Parser.parseScript(source, modules);
    } catch (ScriptException e) {
      return new Report(List.of(), firstLine(e.getMessage()));
    }
    List<Expr> declarations = new ArrayList<>();
    for (Expr e : top) {
      if (e instanceof Expr.Module
          || e instanceof Expr.FnDecl
          || e instanceof Expr.Intrinsic
          || e instanceof Expr.Const) {
        declarations.add(e);
      }
    }
    Runner runner = new Runner(source, declarations, FunctionRegistry.standard());
    List<Result> results = new ArrayList<>();
    for (Expr e : top) {
      if (call(e, "suite") instanceof Expr.Invoke suite
          && !suite.args().isEmpty()
          && suite.args().get(0) instanceof Expr.RecordLit spec
          && field(spec, "suite") instanceof Expr.RecordLit body) {
        String name = literal(field(spec, "name"));
        if (name == null) {
          name = literal(field(body, "name"));
        }
        if (field(body, "tests") instanceof Expr.ListLit tests) {
          runner.suite(name == null ? "" : name, tests.items(), results);
        }
      }
    }
    return new Report(results, null);
  }

  /** {@code e} when it is a call {@code test::<function>(...)}, else null. */
  private static Expr.Invoke call(Expr e, String function) {
    return e instanceof Expr.Invoke inv
            && inv.module().equals(List.of("test"))
            && inv.function().equals(function)
        ? inv
        : null;
  }

  private static Expr field(Expr.RecordLit record, String name) {
    for (Expr.Field f : record.fields()) {
      if (name.equals(literal(f.key()))) {
        return f.value();
      }
    }
    return null;
  }

  /** The text of a string literal without interpolation, else null. */
  private static String literal(Expr e) {
    if (e instanceof Expr.StringLit s) {
      StringBuilder out = new StringBuilder();
      for (Expr.StrPart p : s.parts()) {
        if (!(p instanceof Expr.Text t)) {
          return null;
        }
        out.append(t.text());
      }
      return out.toString();
    }
    if (e instanceof Expr.Literal lit && lit.value() instanceof Value.Str s) {
      return s.value();
    }
    return null;
  }

  private static String firstLine(String s) {
    String text = String.valueOf(s);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** Compiles and evaluates single test expressions against the file's declarations. */
  private record Runner(Source source, List<Expr> declarations, FunctionRegistry functions) {

    void suite(String suite, List<Expr> items, List<Result> out) {
      for (int i = 0; i < items.size(); i++) {
        Expr item = items.get(i);
        String name = "predicate " + (i + 1);
        Expr test = item;
        if (call(item, "test") instanceof Expr.Invoke t
            && !t.args().isEmpty()
            && t.args().get(0) instanceof Expr.RecordLit spec
            && field(spec, "test") != null) {
          String given = literal(field(spec, "name"));
          name = given == null ? "test " + (i + 1) : given;
          test = field(spec, "test");
        }
        out.add(new Result(suite, name, failure(test)));
      }
    }

    /** Null when {@code test} evaluates to true, else why not. */
    private String failure(Expr test) {
      Value value;
      try {
        value = eval(test);
      } catch (ScriptException e) {
        return firstLine(e.getMessage());
      } catch (ScriptRuntimeException e) {
        return firstLine(e.getMessage());
      } catch (RuntimeException | StackOverflowError e) {
        return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      }
      if (value instanceof Value.Bool b) {
        return b.value() ? null : falseBecause(test);
      }
      return "evaluated to " + ValueOps.encode(value) + ", not a bool";
    }

    /** For a failed {@code test::assert(desc, a, b)}: both compared values. */
    private String falseBecause(Expr test) {
      if (call(test, "assert") instanceof Expr.Invoke assertion && assertion.args().size() == 3) {
        try {
          Value pair = eval(new Expr.ListLit(assertion.args().subList(1, 3), assertion.span()));
          if (pair instanceof Value.Arr a && a.size() == 2) {
            return "assertion failed: "
                + ValueOps.encode(a.get(0))
                + " != "
                + ValueOps.encode(a.get(1));
          }
        } catch (ScriptException | RuntimeException e) {
          // fall through to the plain reason
        }
      }
      return "evaluated to false";
    }

    private Value eval(Expr test) throws ScriptException {
      List<Expr> body = new ArrayList<>(declarations);
      body.add(new Expr.Emit(test, null, test.span()));
      Script script = Script.compile(source, body, functions);
      return script
          .run(
              Value.EMPTY_OBJECT,
              Value.EMPTY_OBJECT,
              Value.EMPTY_OBJECT,
              Value.EMPTY_OBJECT,
              new EventContext(System.currentTimeMillis() * 1_000_000L, ORIGIN))
          .value();
    }
  }
}
