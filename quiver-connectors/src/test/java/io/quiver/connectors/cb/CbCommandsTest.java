package io.quiver.connectors.cb;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.cb.CbCommands.Circuit;
import io.quiver.connectors.cb.CbCommands.Delivery;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class CbCommandsTest {
  private static CbCommands of(String data, String meta) throws Exception {
    return CbCommands.of(new Event(new EventId(1, 0, 0), 0, Json.parse(data), Json.parse(meta), 0));
  }

  @Test
  void aStringInTheValue() throws Exception {
    assertThat(of("{\"cb\":\"ack\"}", "{}")).isEqualTo(new CbCommands(Delivery.ACK, null));
    assertThat(of("{\"cb\":\"fail\"}", "{}")).isEqualTo(new CbCommands(Delivery.FAIL, null));
    assertThat(of("{\"cb\":\"close\"}", "{}")).isEqualTo(new CbCommands(null, Circuit.BREAK));
    assertThat(of("{\"cb\":\"trigger\"}", "{}")).isEqualTo(new CbCommands(null, Circuit.BREAK));
    assertThat(of("{\"cb\":\"open\"}", "{}")).isEqualTo(new CbCommands(null, Circuit.RESTORE));
    assertThat(of("{\"cb\":\"restore\"}", "{}")).isEqualTo(new CbCommands(null, Circuit.RESTORE));
  }

  @Test
  void theMetadataWinsOverTheValue() throws Exception {
    assertThat(of("{\"cb\":\"ack\"}", "{\"cb\":\"fail\"}"))
        .isEqualTo(new CbCommands(Delivery.FAIL, null));
  }

  @Test
  void aListGivesAtMostOneDeliveryAndOneCircuitAnswerAckAndCloseFirst() throws Exception {
    assertThat(of("null", "{\"cb\":[\"fail\",\"open\",\"ack\"]}"))
        .isEqualTo(new CbCommands(Delivery.ACK, Circuit.RESTORE));
    assertThat(of("{\"cb\":[\"restore\",\"fail\",\"trigger\"]}", "{}"))
        .isEqualTo(new CbCommands(Delivery.FAIL, Circuit.BREAK));
  }

  @Test
  void otherWordsTypesAndShapesAreIgnored() throws Exception {
    assertThat(of("{\"cb\":\"nack\"}", "{}")).isEqualTo(CbCommands.NONE);
    assertThat(of("{\"cb\":1}", "{}")).isEqualTo(CbCommands.NONE);
    assertThat(of("{\"cb\":[1,\"ack\",{}]}", "{}")).isEqualTo(new CbCommands(Delivery.ACK, null));
    assertThat(of("{\"other\":\"ack\"}", "{}")).isEqualTo(CbCommands.NONE);
    assertThat(of("[\"ack\"]", "{}")).isEqualTo(CbCommands.NONE);
    assertThat(CbCommands.of(new Event(new EventId(1, 0, 0), 0, Value.of("ack"), null, 0)))
        .isEqualTo(CbCommands.NONE);
  }
}
