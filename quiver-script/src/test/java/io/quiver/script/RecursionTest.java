package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.SmallStack;
import io.quiver.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recursion limit is Tremor's (a runtime error, never a StackOverflowError), and recursion
 * inside it works on a thread with the JVM's default 1 MiB stack (what a Netty event loop has) or
 * less.
 */
class RecursionTest {
  /** Tail recursion: {@code count(n, 0)} recurs n times. */
  private static final String RECUR =
      """
      fn count(n, acc) with
        match n of
          case 0 => acc
          default => recur(n - 1, acc + 1)
        end
      end;
      count(event, 0)
      """;

  /** Recursion by name (a Quiver extension): {@code depth(n)} nests n + 1 calls. */
  private static final String NAMED =
      """
      fn depth(n) with
        match n of
          case 0 => 0
          default => 1 + depth(n - 1)
        end
      end;
      depth(event)
      """;

  @AfterEach
  void defaultLimit() {
    RecursionLimit.set(RecursionLimit.DEFAULT);
  }

  private static Object run(Script script, long n) throws InterruptedException {
    return run(script, n, SmallStack.ONE_MIB);
  }

  private static Object run(Script script, long n, long stackBytes) throws InterruptedException {
    return SmallStack.run(
        stackBytes, () -> script.run(Value.of(n), Value.NULL, Value.NULL).value());
  }

  @Test
  void recurUpToTheLimitWorksOnASmallStack() throws Exception {
    Script script = Script.compile(RECUR, "recur.tremor");

    assertThat(run(script, 1000)).isEqualTo(Value.of(1000));
    assertThat(run(script, 1023)).isEqualTo(Value.of(1023));
    assertThat(run(script, 1023, 256 << 10)).isEqualTo(Value.of(1023));
  }

  @Test
  void theLimitThRecurIsTremorsRuntimeError() throws Exception {
    Script script = Script.compile(RECUR, "recur.tremor");

    Object outcome = run(script, 1024);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScriptRuntimeException.class,
            e -> {
              assertThat(e.line()).isEqualTo(7);
              assertThat(e.column()).isEqualTo(1);
              assertThat(e.render())
                  .isEqualTo(
                      "Error: \n    5 |   end\n    6 | end;\n"
                          + "    7 | count(event, 0)\n      | ^^^^^^^^^^^^^^^ Recursion limit Reached\n\n");
            });
    assertThat(run(script, 100_000)).isInstanceOf(ScriptRuntimeException.class);
  }

  @Test
  void namedRecursionUpToTheLimitWorksOnASmallStack() throws Exception {
    Script script = Script.compile(NAMED, "named.tremor");

    assertThat(run(script, 1000)).isEqualTo(Value.of(1000));
    assertThat(run(script, 1023)).isEqualTo(Value.of(1023));
    assertThat(run(script, 1023, 256 << 10)).isEqualTo(Value.of(1023));
  }

  @Test
  void namedRecursionBeyondTheLimitIsReportedAtTheOutermostCall() throws Exception {
    Script script = Script.compile(NAMED, "named.tremor");

    Object outcome = run(script, 1024);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScriptRuntimeException.class,
            e ->
                assertThat(e.render())
                    .isEqualTo(
                        "Error: \n    5 |   end\n    6 | end;\n"
                            + "    7 | depth(event)\n      | ^^^^^^^^^^^^ Recursion limit Reached\n\n"));
    // a runaway recursion ends the same way, quickly, and the next event runs normally
    assertThat(run(script, 1_000_000)).isInstanceOf(ScriptRuntimeException.class);
    assertThat(run(script, 3)).isEqualTo(Value.of(3));
  }

  @Test
  void deeplyNestedCallSitesRecursingToTheLimitFitTheStack() throws Exception {
    // each level's call sits under 100 parentheses: the most stack one level of this script can
    // take
    String open = "(".repeat(100);
    String close = ")".repeat(100);
    Script script =
        Script.compile(
            """
        fn depth(n) with
          match n of
          case 0 => 0
          default => %s1 + depth(n - 1)%s
          end
        end;
        depth(event)
        """
                .formatted(open, close),
            "nested.tremor");

    assertThat(run(script, 1023)).isEqualTo(Value.of(1023));
  }

  @Test
  void theLimitIsConfigurableAsTremorsRecursionLimitFlag() throws Exception {
    Script recur = Script.compile(RECUR, "recur.tremor");
    Script named = Script.compile(NAMED, "named.tremor");
    RecursionLimit.set(10);

    assertThat(run(recur, 9)).isEqualTo(Value.of(9));
    assertThat(run(recur, 10)).isInstanceOf(ScriptRuntimeException.class);
    assertThat(run(named, 9)).isEqualTo(Value.of(9));
    assertThat(run(named, 10)).isInstanceOf(ScriptRuntimeException.class);

    RecursionLimit.set(5000);
    assertThat(run(recur, 4999)).isEqualTo(Value.of(4999));
    assertThat(run(named, 4999)).isEqualTo(Value.of(4999));
  }

  @Test
  void aLimitOutsideItsRangeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecursionLimit.set(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid recursion limit 0: it must be between 1 and 1000000");
  }
}
