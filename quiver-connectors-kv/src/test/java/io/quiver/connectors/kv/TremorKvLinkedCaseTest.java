package io.quiver.connectors.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tremor 0.11.12's own integration case {@code kv-linked}, its pipelines played by the test: every
 * command of its {@code in.json} gets its JSON text as {@code $correlation}, those marked {@code
 * "batch": true} go in pairs as one {@code generic::batch} event, and what the sink answers on
 * {@code out} (wrapped as the case's {@code out.trickle} does) must equal {@code expected.json}
 * byte for byte, what it answers on {@code err} the events of {@code expected_err.json}. Reads the
 * case from a tremor-runtime checkout named by the environment variable {@code TREMOR_RUNTIME};
 * skipped without it (our own data covers the same ground in {@link KvSinkTest}).
 */
class TremorKvLinkedCaseTest {
  @TempDir Path tmp;

  @Test
  void answersAsTremorsExpectedFiles() throws Exception {
    String root = System.getenv("TREMOR_RUNTIME");
    Assumptions.assumeTrue(root != null, "TREMOR_RUNTIME (a tremor-runtime checkout) is not set");
    Path dir = Path.of(root, "tremor-cli/tests/integration/kv-linked");
    Assumptions.assumeTrue(Files.isDirectory(dir), dir + " is missing");

    KvTestContext context = new KvTestContext();
    KvSink sink = new KvSink(new KvSettings(tmp.resolve("data")));
    sink.start(context);
    try {
      List<Value> pending = new ArrayList<>();
      long n = 0;
      for (String line : Files.readAllLines(dir.resolve("in.json"))) {
        Value data = Json.parse(line);
        Value meta = Value.obj("correlation", Value.of(Json.write(data)));
        if (data instanceof Value.Obj o && Value.TRUE.equals(o.get("batch"))) {
          pending.add(Value.obj("data", Value.obj("value", data, "meta", meta)));
          if (pending.size() == 2) {
            Transit batch = Transit.NONE.withBatch(true);
            sink.onEvent(
                new Event(
                    new EventId(1, 0, ++n),
                    0,
                    new Value.Arr(pending),
                    Value.EMPTY_OBJECT,
                    0,
                    batch));
            pending = new ArrayList<>();
          }
        } else {
          sink.onEvent(new Event(new EventId(1, 0, ++n), 0, data, meta, 0));
        }
      }
      Await.until("the sink drained", Duration.ofSeconds(10), sink::drained);
    } finally {
      sink.stop();
    }
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    for (String line : context.emitted) {
      if (line.startsWith("out ")) {
        out.add(line.substring(4));
      } else {
        err.add(Json.write(((Value.Obj) Json.parse(line.substring(4))).get("event")));
      }
    }
    assertThat(out).containsExactlyElementsOf(Files.readAllLines(dir.resolve("expected.json")));
    List<String> expectedErr = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("expected_err.json"))) {
      expectedErr.add(Json.write(((Value.Obj) Json.parse(line)).get("event")));
    }
    assertThat(err).containsExactlyElementsOf(expectedErr);
  }
}
