package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.SmallStack;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deeply nested sources are refused by the lexer and parser with a placed error, before any
 * recursive phase (parser, resolver, interpreter) can overflow a thread's stack; nesting inside the
 * bound compiles and runs on a thread with the JVM's default 1 MiB stack.
 */
class NestingTest {
  private static final int DEEP = 20_000;
  private static final String MESSAGE = "The expression is nested too deeply: more than 256 levels";
  private static final String HINT =
      "NOTE: Split it into smaller parts, for example with `let` or" + " a function\n";

  private static Object compileAndRun(String text) throws InterruptedException {
    return SmallStack.run(
        () ->
            Script.compile(text, "deep.tremor", ModulePath.EMPTY)
                .run(Value.EMPTY_OBJECT, Value.NULL, Value.NULL)
                .value());
  }

  private static String nest(String open, String inner, String close, int n) {
    return open.repeat(n) + inner + close.repeat(n);
  }

  @Test
  void deepParenthesesAreRefusedWhereTheLimitIsCrossed() throws Exception {
    Object outcome = compileAndRun(nest("(", "1", ")", DEEP));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScriptException.class,
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(257);
              assertThat(e.problem()).isEqualTo(MESSAGE);
              assertThat(e.render())
                  .endsWith(" ^ " + MESSAGE + "\n      | " + " ".repeat(258) + HINT + "\n");
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "parens",
        "arrays",
        "records",
        "minus",
        "not",
        "plus-chain",
        "let-chain",
        "match",
        "for",
        "record-pattern",
        "array-pattern",
        "interpolation",
        "module",
        "call-args"
      })
  void everyKindOfDeepNestingIsAPlacedCompileError(String kind) throws Exception {
    String text =
        switch (kind) {
          case "parens" -> nest("(", "1", ")", DEEP);
          case "arrays" -> nest("[", "1", "]", DEEP);
          case "records" -> nest("{\"a\":", "1", "}", DEEP);
          case "minus" -> "- ".repeat(DEEP) + "1";
          case "not" -> "not ".repeat(DEEP) + "true";
          case "plus-chain" -> "1" + " + 1".repeat(DEEP);
          case "let-chain" -> "let a = ".repeat(DEEP) + "1";
          case "for" -> nest("for event of case (k, v) => ", "1", " end", DEEP);
          case "match" -> nest("match event of case _ => ", "1", " end", DEEP);
          case "record-pattern" ->
              "match event of case "
                  + nest("%{ a ~= ", "%{}", " }", DEEP)
                  + " => 1 default => 2 end";
          case "array-pattern" ->
              "match event of case "
                  + nest("%[ %{ a ~= ", "%[]", " } ]", DEEP)
                  + " => 1 default => 2 end";
          case "interpolation" -> nest("\"#{", "1", "}\"", DEEP);
          case "module" -> nest("mod m with ", "const c = 1", " end", DEEP) + ";\n1";
          case "call-args" -> nest("string::len(", "\"\"", ")", DEEP);
          default -> throw new IllegalArgumentException(kind);
        };

    Object outcome = compileAndRun(text);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScriptException.class, e -> assertThat(e.problem()).isEqualTo(MESSAGE));
  }

  @Test
  void nestingWithinTheLimitCompilesAndRunsOnASmallStack() throws Exception {
    assertThat(compileAndRun(nest("(", "1", ")", 250))).isEqualTo(Value.of(1));
    assertThat(compileAndRun("1" + " + 1".repeat(250))).isEqualTo(Value.of(251));
    assertThat(compileAndRun(nest("[", "1", "]", 200))).isInstanceOf(Value.Arr.class);
    assertThat(compileAndRun(nest("{\"a\":", "1", "}", 200))).isInstanceOf(Value.Obj.class);
    assertThat(compileAndRun(nest("\"#{", "1", "}\"", 100))).isEqualTo(Value.of("1"));
  }

  @Test
  void aDeepTrickleQueryIsAPlacedCompileErrorInTremorsLayout() throws Exception {
    String query = "select " + nest("[", "event", "]", DEEP) + " from in into out;\n";

    Object outcome = SmallStack.run(() -> Trickle.parse(query, "deep.trickle", ModulePath.EMPTY));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScriptException.class,
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(264);
              assertThat(e.problem()).isEqualTo(MESSAGE);
            });
  }
}
