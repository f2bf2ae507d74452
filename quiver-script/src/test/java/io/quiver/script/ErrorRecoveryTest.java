package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Several syntax errors from one source: one per statement, the first exactly Tremor's. */
class ErrorRecoveryTest {
  private static final String OPS = "`!=`, `%`, `&`, `*`, `+`, `-`, `/`, ";

  private static ScriptException scriptError(String text) {
    return catchThrowableOfType(
        ScriptException.class, () -> Script.compile(text, "s.tremor", ModulePath.EMPTY));
  }

  @Test
  void eachBrokenStatementIsReportedOnceInOrder() {
    ScriptException e =
        scriptError(
            """
        let a = 1 1;
        let b = match event of
          case 1 => let x = 2 2;
          default => 2
        end;
        let c = 3;
        let d = (1 1;
        c
        """);
    String first =
        """
        Error: \n\
            1 | let a = 1 1;
              |           ^ Found the token `1` but expected one of %s`;`, `<`, `<<`, `<=`, \
        `<end-of-stream>`, `==`, `>`, `>=`, `>>`, `>>>`, `^`, `and`, `or`, `xor`
              |             NOTE: Did you mean to use `%%`?
            2 | let b = match event of
            3 |   case 1 => let x = 2 2;

        """
            .formatted(OPS);
    String second =
        """
        Error: \n\
            1 | let a = 1 1;
            2 | let b = match event of
            3 |   case 1 => let x = 2 2;
              |                       ^ Found the token `2` but expected one of `!=`, `%`, `&`, \
        `*`, `+`, `,`, `-`, `/`, `<`, `<<`, `<=`, `==`, `>`, `>=`, `>>`, `>>>`, `^`, `and`, `case`, \
        `default`, `end`, `or`, `xor`
              |                         NOTE: Did you mean to use `%`?
            4 |   default => 2
            5 | end;

        """;
    String third =
        """
        Error: \n\
            5 | end;
            6 | let c = 3;
            7 | let d = (1 1;
              |            ^ Found the token `1` but expected one of `!=`, `%`, `&`, `)`, `*`, \
        `+`, `-`, `/`, `<`, `<<`, `<=`, `==`, `>`, `>=`, `>>`, `>>>`, `^`, `and`, `or`, `xor`
              |              NOTE: Did you mean to use `%`?
            8 | c

        """;
    assertThat(e.diagnostics()).hasSize(3);
    assertThat(e.render()).isEqualTo(first);
    assertThat(e.renderAll()).isEqualTo(first + second + third);
    assertThat(e.getMessage())
        .isEqualTo("s.tremor:1:11: " + e.problem() + "\n" + first + second + third);
  }

  @Test
  void anUnclosedBracketEndsAtTheNextStatementStartingALine() {
    ScriptException e = scriptError("let d = [1, 2;\nlet e = 4 4;\ne\n");
    assertThat(e.diagnostics()).extracting(Diagnostic::line).containsExactly(1, 2);
  }

  @Test
  void aSingleErrorRendersAsTremorDoes() {
    ScriptException e = scriptError("let a = 1;\nlet b = 2 2;\nb\n");
    assertThat(e.diagnostics()).hasSize(1);
    assertThat(e.renderAll()).isEqualTo(e.render());
  }

  @Test
  void atMostTwentyErrorsAreCollected() {
    ScriptException e = scriptError("let a = 1 1;\n".repeat(25) + "a\n");
    assertThat(e.diagnostics()).hasSize(Parser.MAX_ERRORS).hasSize(20);
  }

  @Test
  void statementsOfAQueryRecoverToo() {
    ScriptException e =
        catchThrowableOfType(
            ScriptException.class,
            () ->
                Trickle.parse(
                    """
        select event from in into out;
        select 1 2 from in into out;
        create stream s;
        select event from in into out where 1 1;
        """,
                    "q.trickle",
                    ModulePath.EMPTY));
    assertThat(e.renderAll())
        .isEqualTo(
            """
        Error: \n\
            1 | select event from in into out;
            2 | select 1 2 from in into out;
              |          ^ Found the token `2` but expected one of %s`<`, `<<`, `<=`, `==`, `>`, \
        `>=`, `>>`, `>>>`, `^`, `and`, `from`, `or`, `xor`
              |            NOTE: Did you mean to use `%%`?
            3 | create stream s;
            4 | select event from in into out where 1 1;

        Error: \n\
            2 | select 1 2 from in into out;
            3 | create stream s;
            4 | select event from in into out where 1 1;
              |                               ^^^^^ Found the token `where` but expected one of \
        `;`, `<end-of-stream>`
            5 | \n
        """
                .formatted(OPS));
  }
}
