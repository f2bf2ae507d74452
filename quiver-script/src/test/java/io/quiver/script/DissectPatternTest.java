package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class DissectPatternTest {
  private static Value run(String rule, String text) throws Exception {
    return DissectPattern.compile(rule).run(text);
  }

  private static Value json(String text) throws Exception {
    return Json.parse(text);
  }

  @Test
  void fieldsTakeTheTextUpToTheNextDelimiterAndTheLastTakesTheRest() throws Exception {
    assertThat(run("%{user}@%{host}", "ann@mail.example.org"))
        .isEqualTo(json("{\"user\": \"ann\", \"host\": \"mail.example.org\"}"));
    assertThat(run("[%{level}] %{msg}", "[warn] a] b"))
        .isEqualTo(json("{\"level\": \"warn\", \"msg\": \"a] b\"}"));
  }

  @Test
  void aMissingDelimiterOrTrailingTextIsNoMatch() throws Exception {
    assertThat(run("%{a}-%{b}", "no dash here")).isNull();
    assertThat(run("<%{a}>", "<x>y")).isNull();
    assertThat(run("<%{a}>", "x>")).isNull();
  }

  @Test
  void emptyFieldsAreEmptyStrings() throws Exception {
    assertThat(run("%{a},%{b}", ",2")).isEqualTo(json("{\"a\": \"\", \"b\": \"2\"}"));
  }

  @Test
  void appendsJoinWithASpaceUntilAPaddingSetsTheJoin() throws Exception {
    assertThat(run("%{+n} %{+n}, %{age}", "Ada Lovelace, 36"))
        .isEqualTo(json("{\"n\": \"Ada Lovelace\", \"age\": \"36\"}"));
    assertThat(run("%{+n}%{_(/)}%{+n}%{_(/)}%{+n}", "usr//local/bin"))
        .isEqualTo(json("{\"n\": \"usr/local/bin\"}"));
  }

  @Test
  void appendingToAConvertedFieldDropsIt() throws Exception {
    assertThat(run("%{n:int} %{+n} %{x}", "4 five six")).isEqualTo(json("{\"x\": \"six\"}"));
  }

  @Test
  void skippedFieldsNameLaterOnes() throws Exception {
    assertThat(run("%{?k}=%{&k}", "colour=red")).isEqualTo(json("{\"colour\": \"red\"}"));
    assertThat(run("%{?k}=%{&k}", "=red")).isNull();
    assertThat(run("%{} %{w}", "skip keep")).isEqualTo(json("{\"w\": \"keep\"}"));
  }

  @Test
  void conversionsThatFailAreNoMatch() throws Exception {
    assertThat(run("%{a:int} %{b:float} %{c:string}", "-3 2.5 x"))
        .isEqualTo(json("{\"a\": -3, \"b\": 2.5, \"c\": \"x\"}"));
    assertThat(run("%{a:int}", "3.0")).isNull();
    assertThat(run("%{?k} %{&k:int}", "n x")).isNull();
  }

  @Test
  void paddingSkipsRepeatsAndMayEndTheRule() throws Exception {
    assertThat(run("%{a}%{_}|%{b}", "x   |y")).isEqualTo(json("{\"a\": \"x\", \"b\": \"y\"}"));
    assertThat(run("%{a}%{_}", "x")).isEqualTo(json("{\"a\": \"x\"}"));
    assertThat(run("%{a}%{_(-)}", "x---")).isEqualTo(json("{\"a\": \"x\"}"));
  }

  @Test
  void delimitersKnowFourEscapes() throws Exception {
    assertThat(run("%{a}\\t%{b}", "1\t2")).isEqualTo(json("{\"a\": \"1\", \"b\": \"2\"}"));
  }

  @Test
  void compileErrorsUseTheCratesWordingAndByteOffsets() {
    assertThatThrownBy(() -> DissectPattern.compile("é%{a}%{b}"))
        .hasMessage("A dilimiter needs to be provided between the two patterns at 6");
    assertThatThrownBy(() -> DissectPattern.compile("x %{a"))
        .hasMessage("Unterminated patter at 2");
    assertThatThrownBy(() -> DissectPattern.compile("%{a %{b}"))
        .hasMessage("Unterminated patter at 0");
    assertThatThrownBy(() -> DissectPattern.compile("%{a}%{_(-)}-%{b}"))
        .hasMessage("The padding at 4 can't be followed up by a dilimiter that begins with it");
    assertThatThrownBy(() -> DissectPattern.compile("%{_x}")).hasMessage("Invalid padding at 0");
    assertThatThrownBy(() -> DissectPattern.compile(" %{n:long}"))
        .hasMessage("Invalid type '1' at long");
    assertThatThrownBy(() -> DissectPattern.compile("%{a}\\q"))
        .hasMessage("Invalid escape sequence \\'q' is not valid.");
    assertThatThrownBy(() -> DissectPattern.compile("%{a}\\"))
        .hasMessage("Unterminated escape at the end of line or of a delimiter %{ can't be escaped");
  }
}
