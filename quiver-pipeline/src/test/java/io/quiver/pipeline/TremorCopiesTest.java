package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.TremorJson;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the pipeline copies an event as Tremor does (the key order shows it, with {@link
 * TremorJson} on): every destination of a port but the last, and grouped or windowed selects.
 */
class TremorCopiesTest {
  @AfterEach
  void off() {
    TremorJson.enable(false);
  }

  private static List<String> run(String trickle, String json) throws Exception {
    Pipeline p = PipelineCompiler.compile(trickle, "t.trickle", "t").instantiate();
    List<String> out = new ArrayList<>();
    Event e = new Event(new EventId(0, 0, 1), 1, Json.parse(json), Value.EMPTY_OBJECT, 0);
    p.onEvent("in", e, (port, ev) -> out.add(port + " " + Json.write(ev.data())));
    return out;
  }

  private static final String FAN_OUT =
      """
      create stream a;
      select event from in into a;
      select event from a into out;
      select event from a into out;
      """;

  private static final String GROUPED =
      """
      select {"foo_having": event.h, "foo_script": event.s} from in group by event.g into out;
      """;

  @Test
  void everyDestinationButTheLastGetsACopy() throws Exception {
    TremorJson.enable(true);
    assertThat(run(FAN_OUT, "{\"id\":0,\"name\":\"x\"}"))
        .containsExactlyInAnyOrder(
            "out {\"id\":0,\"name\":\"x\"}", "out {\"name\":\"x\",\"id\":0}");
  }

  @Test
  void aGroupedSelectsResultIsACopy() throws Exception {
    TremorJson.enable(true);
    assertThat(run(GROUPED, "{\"h\":1,\"s\":2,\"g\":3}"))
        .containsExactly("out {\"foo_script\":2,\"foo_having\":1}");
  }

  @Test
  void offNothingIsReordered() throws Exception {
    assertThat(run(FAN_OUT, "{\"id\":0,\"name\":\"x\"}"))
        .containsExactly("out {\"id\":0,\"name\":\"x\"}", "out {\"id\":0,\"name\":\"x\"}");
    assertThat(run(GROUPED, "{\"h\":1,\"s\":2,\"g\":3}"))
        .containsExactly("out {\"foo_having\":1,\"foo_script\":2}");
  }
}
