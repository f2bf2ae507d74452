package io.quiver.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsMetaTest {
  @Test
  void metaReplyWinsOverTheConfiguredOneAndHeadersAddUp() {
    Value meta =
        Value.obj(
            "nats",
            Value.obj(
                "reply",
                Value.of("from-meta"),
                "headers",
                Value.obj(
                    "a", Value.array(Value.of("2"), Value.of(3)), "b", Value.of("not a list"))));
    NatsMeta.Out out = NatsMeta.read(meta, "configured", Map.of("a", List.of("1")));
    assertThat(out.reply()).isEqualTo("from-meta");
    assertThat(out.headers().get("a")).containsExactly("1", "2");
    assertThat(out.headers().get("b")).isNull();
  }

  @Test
  void withoutMetaTheConfigIsUsedAndNoHeadersMeansNone() {
    NatsMeta.Out out = NatsMeta.read(Value.EMPTY_OBJECT, "configured", Map.of());
    assertThat(out.reply()).isEqualTo("configured");
    assertThat(out.headers()).isNull();
    assertThat(NatsMeta.read(Value.EMPTY_OBJECT, null, Map.of()).reply()).isNull();
  }
}
