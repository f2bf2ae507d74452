package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaMetaTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRecordsMetadataIsTremors() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("h", b("v")));
    ConsumerRecord<byte[], byte[]> r =
        new ConsumerRecord<>(
            "t",
            2,
            7,
            1234,
            TimestampType.CREATE_TIME,
            1,
            1,
            b("k"),
            b("{}"),
            headers,
            Optional.empty());
    Value.Obj kafka = (Value.Obj) ((Value.Obj) KafkaMeta.of(r)).fields().get("kafka");
    assertThat(kafka.fields().keySet())
        .containsExactly("key", "headers", "topic", "offset", "partition", "timestamp");
    assertThat(((Value.Bytes) kafka.fields().get("key")).value()).isEqualTo(b("k"));
    assertThat(kafka.fields().get("topic")).isEqualTo(Value.of("t"));
    assertThat(kafka.fields().get("offset")).isEqualTo(Value.of(7L));
    assertThat(kafka.fields().get("partition")).isEqualTo(Value.of(2L));
    assertThat(kafka.fields().get("timestamp")).isEqualTo(Value.of(1234L));
  }

  @Test
  void anEventsKeyHeadersAndPartitionComeFromItsMeta() {
    Value meta =
        Value.obj(
            "kafka",
            Value.obj(
                "key", Value.of("k"),
                "headers", Value.obj("a", Value.of("1"), "b", Value.of(b("2")), "c", Value.of(3)),
                "partition", Value.of(4)));
    KafkaMeta.Out out = KafkaMeta.read(meta, "configured");
    assertThat(out.key()).isEqualTo(b("k"));
    assertThat(out.headers()).extracting(h -> h.key()).containsExactly("a", "b");
    assertThat(out.partition()).isEqualTo(4);
  }

  @Test
  void theConfiguredKeyIsUsedOnlyWhenTheEventHasNone() {
    assertThat(KafkaMeta.read(Value.EMPTY_OBJECT, "configured").key()).isEqualTo(b("configured"));
    assertThat(KafkaMeta.read(Value.EMPTY_OBJECT, null).key()).isNull();
    Value nonStringKey = Value.obj("kafka", Value.obj("key", Value.of(1)));
    assertThat(KafkaMeta.read(nonStringKey, "configured").key()).as("as Tremor: no key").isNull();
  }
}
