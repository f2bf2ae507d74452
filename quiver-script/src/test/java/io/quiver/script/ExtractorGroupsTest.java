package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of two extractors' matching: regex group names in both spellings (and lookbehinds,
 * which are not names), and a dissect padding that is absent from the text.
 */
class ExtractorGroupsTest {

  private static Value match(String rule, String text) throws ScriptException {
    String script =
        "match {\"line\": \""
            + text
            + "\"} of case r = %{ line ~= re|"
            + rule
            + "| } => r.line default => \"no match\" end";
    return Script.compile(script, "t.tremor", ModulePath.EMPTY)
        .run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL)
        .value();
  }

  @Test
  void bothSpellingsOfANamedGroupNameTheField() throws Exception {
    assertThat(match("(?P<user>[a-z]+)@(?<host>[a-z]+)", "ann@example"))
        .isEqualTo(Value.obj("user", Value.of("ann"), "host", Value.of("example")));
  }

  @Test
  void lookbehindsAreNotNamedGroups() throws Exception {
    assertThat(match("(?<=@)(?P<host>[a-z]+)", "ann@example"))
        .isEqualTo(Value.obj("host", Value.of("example")));
    assertThat(match("(?<!x)(?P<d>[0-9])", "x1y2")).isEqualTo(Value.obj("d", Value.of("2")));
  }

  @Test
  void anAbsentPaddingEndsTheFieldAtTheNextDelimiterOrTheText() throws Exception {
    assertThat(DissectPattern.compile("%{a}%{_}|%{b}").run("x|y"))
        .isEqualTo(Value.obj("a", Value.of("x"), "b", Value.of("y")));
    assertThat(DissectPattern.compile("%{a}%{_}|%{b}").run("xy")).isNull();
    assertThat(DissectPattern.compile("%{a}%{_}").run("x"))
        .isEqualTo(Value.obj("a", Value.of("x")));
  }
}
