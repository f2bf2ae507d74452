package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.SmallStack;
import io.quiver.value.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A script that recurses inside Tremor's limit works on a thread with a 1 MiB stack (what a Netty
 * event loop has, and where a pipeline runs inline); beyond the limit the event becomes Tremor's
 * runtime error on the script's err port, and the pipeline goes on with the next event.
 */
class PipelineRecursionTest {
  private static final String QUERY =
      """
      define script deep
      script
        fn count(n, acc) with
          match n of
            case 0 => acc
            default => recur(n - 1, acc + 1)
          end
        end;
        count(event, 0)
      end;
      create script deep;
      select event from in into deep;
      select event from deep into out;
      select event from deep/err into err;
      """;

  @Test
  void recursionInsideTheLimitWorksAndBeyondItIsAnErrorEventOnErr() throws Exception {
    Pipeline p = PipelineCompiler.compile(QUERY, "deep.trickle", "deep").instantiate();

    Object outcome =
        SmallStack.run(
            () ->
                List.of(
                    PipelineTest.send(p, "in", PipelineTest.event("1000")),
                    PipelineTest.send(p, "in", PipelineTest.event("1024")),
                    PipelineTest.send(p, "in", PipelineTest.event("3"))));

    assertThat(outcome).isInstanceOf(List.class);
    List<?> results = (List<?>) outcome;
    List<PipelineTest.Emitted> ok = cast(results.get(0));
    List<PipelineTest.Emitted> failed = cast(results.get(1));
    List<PipelineTest.Emitted> next = cast(results.get(2));
    assertThat(ok).extracting(PipelineTest.Emitted::port).containsExactly("out");
    assertThat(Json.write(ok.get(0).event().data())).isEqualTo("1000");
    assertThat(failed).extracting(PipelineTest.Emitted::port).containsExactly("err");
    assertThat(Json.write(failed.get(0).event().data()))
        .isEqualTo(
            "{\"error\":\"Error: \\n"
                + "    7 |     end\\n    8 |   end;\\n    9 |   count(event, 0)\\n"
                + "      |   ^^^^^^^^^^^^^^^ Recursion limit Reached\\n   10 | end;\\n"
                + "   11 | create script deep;\\n\\n\",\"event\":1024}");
    assertThat(next).extracting(PipelineTest.Emitted::port).containsExactly("out");
  }

  @SuppressWarnings("unchecked")
  private static List<PipelineTest.Emitted> cast(Object o) {
    return (List<PipelineTest.Emitted>) o;
  }
}
