package io.quiver.connectors.cloud.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class NewRelicLogsTest {
  @Test
  void timestampAndMessageAreLiftedOutAndTheRestAreAttributes() throws Exception {
    Value log =
        NewRelicLogs.log(
            Json.parse("{\"a\":1,\"message\":\"m\",\"timestamp\":5,\"b\":[true]}"), 99);
    assertThat(Json.write(log))
        .isEqualTo("{\"timestamp\":5,\"message\":\"m\",\"attributes\":{\"a\":1,\"b\":[true]}}");
  }

  @Test
  void missingOrMistypedFieldsTakeNowAndTheEmptyMessage() throws Exception {
    Value log = NewRelicLogs.log(Json.parse("{\"message\":7,\"timestamp\":\"x\"}"), 99);
    assertThat(Json.write(log)).isEqualTo("{\"timestamp\":99,\"message\":\"\",\"attributes\":{}}");
    assertThat(Json.write(NewRelicLogs.log(Value.of("text"), 1)))
        .isEqualTo("{\"timestamp\":1,\"message\":\"\",\"attributes\":\"text\"}");
  }

  @Test
  void aBatchIsOneRequestWithOneLogPerEntry() throws Exception {
    Value entries =
        Json.parse(
            "[{\"data\":{\"value\":{\"message\":\"a\"},\"meta\":{}}},"
                + "{\"data\":{\"value\":{\"message\":\"b\"},\"meta\":{}}}]");
    Event batch =
        new Event(
            new EventId(1, 0, 1), 0, entries, Value.EMPTY_OBJECT, 0, Transit.NONE.withBatch(true));
    assertThat(Json.write(NewRelicLogs.payload(batch, 3)))
        .isEqualTo(
            "[{\"logs\":[{\"timestamp\":3,\"message\":\"a\",\"attributes\":{}},"
                + "{\"timestamp\":3,\"message\":\"b\",\"attributes\":{}}]}]");
  }

  @Test
  void compressedBodiesAreGzipOfTheJson() throws Exception {
    Value payload = Json.parse("[{\"logs\":[]}]");
    byte[] gz = NewRelicLogs.body(payload, true);
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(NewRelicLogs.body(payload, false));
    }
  }
}
