package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class GrokPatternTest {
  private static Value match(String rule, String text) throws Exception {
    return GrokPattern.compile(rule).match(text);
  }

  private static Value json(String text) throws Exception {
    return Json.parse(text);
  }

  @Test
  void aliasedReferencesBecomeStringFields() throws Exception {
    assertThat(
            match(
                "%{IPV4:ip} %{WORD:verb} %{URIPATHPARAM:req} %{NUMBER:n} %{INT:i}",
                "192.168.10.254 PUT /a/b.txt?x=1&y=2 -1.5 +7"))
        .isEqualTo(
            json(
                "{\"ip\": \"192.168.10.254\", \"verb\": \"PUT\","
                    + " \"req\": \"/a/b.txt?x=1&y=2\", \"n\": \"-1.5\", \"i\": \"+7\"}"));
  }

  @Test
  void theExpressionIsSearchedAnywhere() throws Exception {
    assertThat(match("took %{NUMBER:ms}ms", "request 4 took 17ms in total"))
        .isEqualTo(json("{\"ms\": \"17\"}"));
    assertThat(match("took %{NUMBER:ms}ms", "took no time")).isNull();
  }

  @Test
  void backspaceEscapesInsideAClassCompileAsTheCratesEngineReadsThem() throws Exception {
    // unescaped brackets around a reference put its `\b` into a character class
    assertThat(match("<[%{WORD:w}]>", "<\b>")).isEqualTo(json("{}"));
    assertThat(match("<[%{WORD:w}]>", "<!>")).isNull();
    assertThat(GrokPattern.inClassBackspace("\\b[\\b\\]a]\\b[]\\b]"))
        .isEqualTo("\\b[\\x08\\]a]\\b[]\\x08]");
  }

  @Test
  void referencesWithoutAliasMatchButAreNotFields() throws Exception {
    assertThat(match("%{WORD} %{WORD:second}", "one two")).isEqualTo(json("{\"second\": \"two\"}"));
  }

  @Test
  void partsThatDoNotTakePartAreEmptyStrings() throws Exception {
    assertThat(match("%{WORD:a}(?: %{INT:b})?", "alone"))
        .isEqualTo(json("{\"a\": \"alone\", \"b\": \"\"}"));
  }

  @Test
  void inlineDefinitionsAreUsableLaterInTheRule() throws Exception {
    assertThat(match("%{HEX:a=[0-9a-f]+}-%{HEX:b}", "beef-c0de"))
        .isEqualTo(json("{\"a\": \"beef\", \"b\": \"c0de\"}"));
  }

  @Test
  void aReusedAliasNamesTheLastPartTheEarlierKeepsItsGroupName() throws Exception {
    assertThat(match("%{WORD:w} %{WORD:w}", "left right"))
        .isEqualTo(json("{\"name0\": \"left\", \"w\": \"right\"}"));
  }

  @Test
  void builtInDefinitionsCoverAddressesAndTimes() throws Exception {
    assertThat(match("%{IP:a}", "fe80::1ff:fe23:4567:890a"))
        .isEqualTo(json("{\"a\": \"fe80::1ff:fe23:4567:890a\"}"));
    assertThat(match("^%{IPV4:a}$", "256.1.1.1")).isNull();
    assertThat(match("%{HTTPDATE:t}", "[10/Oct/2000:13:55:36 -0700]"))
        .isEqualTo(json("{\"t\": \"10/Oct/2000:13:55:36 -0700\"}"));
    assertThat(
            match(
                "%{COMMONAPACHELOG}",
                "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700]"
                    + " \"GET /apache_pb.gif HTTP/1.0\" 200 2326"))
        .isEqualTo(
            json(
                "{\"clientip\":"
                    + " \"127.0.0.1\", \"ident\": \"-\", \"auth\": \"frank\", \"timestamp\":"
                    + " \"10/Oct/2000:13:55:36 -0700\", \"verb\": \"GET\", \"request\": \"/apache_pb.gif\","
                    + " \"httpversion\": \"1.0\", \"rawrequest\": \"\", \"response\": \"200\","
                    + " \"bytes\": \"2326\"}"));
  }

  @Test
  void compileErrorsUseTheCratesWording() {
    assertThatThrownBy(() -> GrokPattern.compile("%{NOPE:x}"))
        .hasMessage(
            "The given pattern definition name \"NOPE\" could not be found in the"
                + " definition map");
    assertThatThrownBy(() -> GrokPattern.compile(""))
        .hasMessage("The given pattern \"\" ended up compiling into an empty regex");
    assertThatThrownBy(() -> GrokPattern.compile("%{WORD:w}("))
        .hasMessage(
            "The given regex \"(?<name0>\\b\\w+\\b)(\" failed compilation in the"
                + " underlying engine");
  }
}
