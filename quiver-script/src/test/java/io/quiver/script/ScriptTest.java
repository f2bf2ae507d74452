package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class ScriptTest {

  @Test
  void compileErrorMessageHasLocationAndExcerpt() {
    assertThatThrownBy(() -> Script.compile("let s = \"snot;\n", "s.tremor"))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e -> {
              assertThat(e.sourceName()).isEqualTo("s.tremor");
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(9);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "s.tremor:1:9: It looks like you forgot to terminate"
                          + " a string with a closing '\"'\nError: \n    1 | let s = \"snot;\n"
                          + "      |         ^^^^^^ It looks like you forgot to terminate a string with a"
                          + " closing '\"'\n\n");
            });
  }

  @Test
  void runtimeErrorCarriesLocationAndRendering() throws Exception {
    Script script = Script.compile("event.a + 1", "r.tremor");

    assertThatThrownBy(
            () -> script.run(Value.obj("a", Value.of("x")), Value.EMPTY_OBJECT, Value.NULL))
        .isInstanceOfSatisfying(
            ScriptRuntimeException.class,
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(1);
              assertThat(e.problem())
                  .isEqualTo(
                      "The binary operation `+` is not defined for the type `string` and `integer`");
              assertThat(e.render())
                  .isEqualTo(
                      "Error: \n    1 | event.a + 1\n      | ^^^^^^^^^^^ "
                          + "The binary operation `+` is not defined for the type `string` and `integer`\n\n");
            });
  }

  @Test
  void outcomeReportsPortMetaAndState() throws Exception {
    Script script =
        Script.compile(
            """
        let $seen = true;
        let state = 1;
        emit {"x": args.x} => "side"
        """,
            "o.tremor");

    ScriptOutcome o =
        script.run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL, Value.obj("x", Value.of(2)));

    assertThat(o.dropped()).isFalse();
    assertThat(o.portOrDefault()).isEqualTo("side");
    assertThat(o.value()).isEqualTo(Value.obj("x", Value.of(2)));
    assertThat(o.meta()).isEqualTo(Value.obj("seen", Value.TRUE));
    assertThat(o.state()).isEqualTo(Value.of(1));
  }

  @Test
  void dropAndDefaultPort() throws Exception {
    Script script =
        Script.compile("match event of case 1 => drop default => event end", "d.tremor");

    assertThat(script.run(Value.of(1), Value.EMPTY_OBJECT, Value.NULL).dropped()).isTrue();
    ScriptOutcome o = script.run(Value.of(2), Value.EMPTY_OBJECT, Value.NULL);
    assertThat(o.portOrDefault()).isEqualTo("out");
    assertThat(o.value()).isEqualTo(Value.of(2));
  }

  @Test
  void splitOnOneAndManyCharacterSeparatorsKeepsEmptyParts() throws Exception {
    Script script =
        Script.compile(
            "[string::split(\"a::b::::c::\", \"::\"), string::split(\",a,\", \",\"),"
                + " string::split(\"ab\", \"x\")]",
            "split.tremor");

    Value out = script.run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL).value();

    assertThat(io.quiver.value.Json.write(out))
        .isEqualTo("[[\"a\",\"b\",\"\",\"c\",\"\"],[\"\",\"a\",\"\"],[\"ab\"]]");
  }

  @Test
  void aPatchOfErasesOnlyKeepsTheOtherFieldsInTheirOrder() throws Exception {
    Script script =
        Script.compile(
            "let $endpoint = patch $request.url of erase \"host\", erase \"port\", erase \"none\""
                + " end; [$endpoint, patch event of erase \"a\" end, patch event of erase \"x\" end]",
            "erase.tremor");
    Value url =
        Value.record(
            new String[] {"scheme", "host", "port", "path"},
            new Value[] {Value.of("http"), Value.of("h"), Value.of(80), Value.of("/p")});
    Value meta = Value.record(new String[] {"request"}, new Value[] {Value.obj("url", url)});

    ScriptOutcome o = script.run(Value.obj("a", Value.of(1), "b", Value.of(2)), meta, Value.NULL);

    assertThat(io.quiver.value.Json.write(o.value()))
        .isEqualTo("[{\"scheme\":\"http\",\"path\":\"/p\"},{\"b\":2},{\"a\":1,\"b\":2}]");
    assertThat(io.quiver.value.Json.write(o.meta()))
        .isEqualTo(
            "{\"request\":{\"url\":{\"scheme\":\"http\",\"host\":\"h\",\"port\":80,"
                + "\"path\":\"/p\"}},\"endpoint\":{\"scheme\":\"http\",\"path\":\"/p\"}}");
  }
}
