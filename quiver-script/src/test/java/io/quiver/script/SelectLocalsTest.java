package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.script.ast.Query;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tremor's rule: a select may use its comprehensions' and assign patterns' own names only. */
class SelectLocalsTest {
  private static boolean usesLocals(String target) throws ScriptException {
    Query q = Parser.parseQuery(new Source("q.trickle", "select " + target + " from in into out;"));
    return SelectLocals.usesLocals(((Query.Select) q.statements().get(0)).target());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "event",
        "{\"test\": for [1, 2] of case (i, d) => {\"i\": i, \"d\": d} end}",
        "for event of case (k, v) when v > k => [k, v] end",
        "for [[1]] of case (i, xs) => for xs of case (j, x) => [i, j, x] end end",
        "match event of case r = %{ present a } => r.a default => null end",
        "match event of case r = %{ a == 1 } when r == {} => \"#{r}\" default => 0 end",
        "for [1] of case (i, v) => match v of case i => i default => v end end",
        "outer::c + m::f(1)"
      })
  void ownBindingsAreAllowed(String target) throws Exception {
    assertThat(usesLocals(target)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x",
        "event[x]",
        "{\"a\": for [1] of case (i, d) => d end, \"b\": i}",
        "for [1] of case (i, d) => x end",
        "for [i] of case (i, d) => d end",
        "match event of case v = %{ present a } => v default => v end",
        "match event of case %{ a == v } => 1 default => 2 end",
        "for [1] of case (i, d) => for [d] of case (j, e) => k end end"
      })
  void otherLocalsAreNot(String target) throws Exception {
    assertThat(usesLocals(target)).isTrue();
  }
}
