package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import org.junit.jupiter.api.Test;

class KvPatternTest {
  private static String run(String rule, String input) throws Exception {
    var v = KvPattern.compile(rule).run(input);
    return v == null ? null : Json.write(v);
  }

  @Test
  void anEmptyRuleSplitsFieldsBySpaceAndKeysByColon() throws Exception {
    assertThat(run("", "a:1 b:2")).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(KvPattern.compile(""))
        .isEqualTo(new KvPattern(java.util.List.of(" "), java.util.List.of(":")));
  }

  @Test
  void theRuleNamesTheSeparators() throws Exception {
    // recipe 30's query parser
    assertThat(run("%{key}=%{val}&", "name=badger")).isEqualTo("{\"name\":\"badger\"}");
    assertThat(run("%{key}=%{val}&", "a=1&b=2")).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(run("&%{key}=%{val}", "this=is&a=test"))
        .isEqualTo("{\"this\":\"is\",\"a\":\"test\"}");
    assertThat(run("%{key}=%{val}", "this=is a=test"))
        .isEqualTo("{\"this\":\"is\",\"a\":\"test\"}");
    assertThat(run("&", "this:is&a:test")).isEqualTo("{\"this\":\"is\",\"a\":\"test\"}");
    assertThat(run("\\n%{key}=%{val}", "this=is\na=test"))
        .isEqualTo("{\"this\":\"is\",\"a\":\"test\"}");
  }

  @Test
  void severalSeparatorsOfEachKind() throws Exception {
    assertThat(run("%{key}=%{val};%{key}:%{val} %{key}:%{val}", "this=is;a=test for:seperators"))
        .isEqualTo("{\"this\":\"is\",\"a\":\"test\",\"for\":\"seperators\"}");
  }

  @Test
  void fieldsThatAreNoPairAreSkippedAndNoPairIsNoMatch() throws Exception {
    assertThat(run("%{key}=%{val}", "a=1 junk b=2=3")).isEqualTo("{\"a\":\"1\"}");
    assertThat(run("%{key}=%{val}", "this is a test")).isNull();
  }

  @Test
  void badRulesAreRefusedWithTremorsWords() {
    assertThatThrownBy(() -> KvPattern.compile("%{key} %{val} "))
        .hasMessage(
            "The seperator ' ' is used for both key value seperation as well as pair seperation.");
    assertThatThrownBy(() -> KvPattern.compile("%{key}="))
        .hasMessage("invalid pattern at character 6");
    assertThatThrownBy(() -> KvPattern.compile("\\x%{key}=%{val}"))
        .hasMessage("Invalid escape sequence \\'x' is not valid.");
  }
}
