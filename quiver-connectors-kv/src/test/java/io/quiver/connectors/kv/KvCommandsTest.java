package io.quiver.connectors.kv;

import static io.quiver.connectors.kv.KvTestContext.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class KvCommandsTest {

  private static KvCommand parse(String text) throws KvCommandException {
    return KvCommands.parse(json(text));
  }

  private static void refused(String text, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(KvCommandException.class)
        .hasMessage(message);
  }

  @Test
  void readsEachCommandWithItsKeyAsTheStringsBytes() throws Exception {
    assertThat(parse("{\"get\": {\"key\": \"lamp\"}}"))
        .isInstanceOfSatisfying(
            KvCommand.Get.class, g -> assertThat(g.key()).isEqualTo("lamp".getBytes(UTF_8)));
    assertThat(parse("{\"put\": {\"key\": \"lamp\", \"value\": {\"on\": true}}}"))
        .isInstanceOfSatisfying(
            KvCommand.Put.class,
            p -> {
              assertThat(p.key()).isEqualTo("lamp".getBytes(UTF_8));
              assertThat(p.value()).isEqualTo(json("{\"on\": true}"));
            });
    assertThat(parse("{\"delete\": {\"key\": \"é\", \"why\": \"ignored\"}}"))
        .isInstanceOfSatisfying(
            KvCommand.Delete.class, d -> assertThat(d.key()).isEqualTo("é".getBytes(UTF_8)));
    assertThat(parse("{\"get\": {\"key\": \"\"}}").key()).isEmpty();
  }

  @Test
  void binaryKeysAreTakenAsTheyAre() throws Exception {
    Value cmd = Value.obj("get", Value.obj("key", new Value.Bytes(new byte[] {0, (byte) 0xFF})));
    assertThat(KvCommands.parse(cmd).key()).containsExactly(0, 0xFF);
  }

  @Test
  void scanBoundsAreOptionalAndOnlyStartAndEndCount() throws Exception {
    KvCommand.Scan all = (KvCommand.Scan) parse("{\"scan\": {}}");
    assertThat(all.start()).isNull();
    assertThat(all.end()).isNull();
    assertThat(all.key()).isNull();
    KvCommand.Scan ranged =
        (KvCommand.Scan) parse("{\"scan\": {\"start\": \"a\", \"end\": \"m\"}}");
    assertThat(ranged.start()).isEqualTo("a".getBytes(UTF_8));
    assertThat(ranged.end()).isEqualTo("m".getBytes(UTF_8));
    // Tremor reads `end`; a `stop` (as in its own integration test) is ignored
    assertThat(((KvCommand.Scan) parse("{\"scan\": {\"stop\": \"m\"}}")).end()).isNull();
    // a bound that is not a string or binary is no bound, as in Tremor
    assertThat(((KvCommand.Scan) parse("{\"scan\": {\"start\": 3}}")).start()).isNull();
    // and so is a scan whose body is not a record
    assertThat(((KvCommand.Scan) parse("{\"scan\": true}")).start()).isNull();
  }

  @Test
  void casTellsAMissingOldOrNewFromAnExplicitNull() throws Exception {
    KvCommand.Cas absent = (KvCommand.Cas) parse("{\"cas\": {\"key\": \"k\"}}");
    assertThat(absent.expected()).isNull();
    assertThat(absent.proposed()).isNull();
    KvCommand.Cas nulls =
        (KvCommand.Cas) parse("{\"cas\": {\"key\": \"k\", \"old\": null, \"new\": null}}");
    assertThat(nulls.expected()).isEqualTo(Value.NULL);
    assertThat(nulls.proposed()).isEqualTo(Value.NULL);
    assertThat(nulls.op()).isEqualTo("cas");
  }

  @Test
  void theFirstCommandInTremorsOrderWins() throws Exception {
    assertThat(parse("{\"scan\": {}, \"delete\": {\"key\": \"a\"}}").op()).isEqualTo("delete");
    assertThat(parse("{\"put\": {\"key\": \"a\", \"value\": 1}, \"get\": {\"key\": \"a\"}}").op())
        .isEqualTo("get");
    assertThat(parse("{\"cas\": {\"key\": \"a\"}, \"put\": {\"key\": \"a\", \"value\": 1}}").op())
        .isEqualTo("put");
  }

  @Test
  void aMissingOrNonStringKeyIsRefusedWithTremorsText() {
    refused("{\"get\": {}}", "Missing or invalid `key` field");
    refused("{\"get\": {\"key\": 7}}", "Missing or invalid `key` field");
    refused("{\"get\": \"lamp\"}", "Missing or invalid `key` field");
    refused("{\"put\": {\"key\": null, \"value\": 1}}", "Missing or invalid `key` field");
    refused("{\"delete\": {\"key\": [\"a\"]}}", "Missing or invalid `key` field");
    refused("{\"cas\": {\"new\": 1}}", "Missing or invalid `key` field");
  }

  @Test
  void aPutWithoutValueIsRefused() {
    refused("{\"put\": {\"key\": \"lamp\"}}", "Missing `value` field");
  }

  @Test
  void anEventWithNoCommandIsQuotedInRustsDisplayForm() {
    refused("{\"garbage\": true}", "Invalid KV command: {\"garbage\": Static(Bool(true))}");
    refused(
        "{\"gets\": {\"key\": \"a\"}, \"n\": [1, 2.5, null]}",
        "Invalid KV command: {\"gets\": Object({\"key\": String(\"a\")}),"
            + " \"n\": Array([Static(I64(1)), Static(F64(2.5)), Static(Null)])}");
    refused("\"get lamp\"", "Invalid KV command: get lamp");
    refused("[1]", "Invalid KV command: [Static(I64(1))]");
    refused("null", "Invalid KV command: null");
  }
}
