package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSpecTest {
  @Test
  void aFullBeforeJsonIsRead() throws Exception {
    ProcessSpec spec =
        ProcessSpec.parse(
            """
            {"run": "tremor", "cmd": "tremor", "args": ["server", "run", "-f", "a.yaml"],
             "env": {"A": "1"}, "await": {"port-open": ["4242"], "wait-for-ms": ["10"]},
             "max-await-secs": 15, "min-await-secs": 1}
            """,
            "before.json");
    assertThat(spec.cmd()).isEqualTo("tremor");
    assertThat(spec.args()).containsExactly("server", "run", "-f", "a.yaml");
    assertThat(spec.env()).isEqualTo(Map.of("A", "1"));
    assertThat(spec.await()).containsEntry("port-open", List.of("4242"));
    assertThat(spec.maxAwaitSecs()).isEqualTo(15);
    assertThat(spec.minAwaitSecs()).isEqualTo(1);
  }

  @Test
  void optionalKeysDefaultAsInTremor() throws Exception {
    ProcessSpec spec =
        ProcessSpec.parse("{\"run\":\"x\",\"cmd\":\"rm\",\"args\":[]}", "after.json");
    assertThat(spec.env()).isEmpty();
    assertThat(spec.await()).isEmpty();
    assertThat(spec.maxAwaitSecs()).isZero();
    assertThat(spec.minAwaitSecs()).isZero();
  }

  @Test
  void badInputIsAClearErrorNamingTheFileAndTheKey() {
    assertThatThrownBy(() -> ProcessSpec.parse("{\"run\":", "case/before.json"))
        .hasMessageStartingWith("Invalid `case/before.json`: ");
    assertThatThrownBy(() -> ProcessSpec.parse("[]", "b.json"))
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> ProcessSpec.parse("{\"run\":\"x\",\"args\":[]}", "b.json"))
        .hasMessageContaining("missing field `cmd`");
    assertThatThrownBy(() -> ProcessSpec.parse("{\"cmd\":\"x\",\"args\":[]}", "b.json"))
        .hasMessageContaining("missing field `run`");
    assertThatThrownBy(() -> ProcessSpec.parse("{\"run\":\"x\",\"cmd\":\"x\"}", "b.json"))
        .hasMessageContaining("missing field `args`");
    assertThatThrownBy(
            () -> ProcessSpec.parse("{\"run\":\"x\",\"cmd\":\"x\",\"args\":\"a b\"}", "b.json"))
        .hasMessageContaining("`args` must be a list of strings");
    assertThatThrownBy(
            () ->
                ProcessSpec.parse(
                    "{\"run\":\"x\",\"cmd\":\"x\",\"args\":[],\"await\":{\"port-open\":[4242]}}",
                    "b.json"))
        .hasMessageContaining("`await.port-open` must be a list of strings");
    assertThatThrownBy(
            () ->
                ProcessSpec.parse(
                    "{\"run\":\"x\",\"cmd\":\"x\",\"args\":[],\"max-await-secs\":\"15\"}",
                    "b.json"))
        .hasMessageContaining("`max-await-secs` must be a whole number");
  }
}
