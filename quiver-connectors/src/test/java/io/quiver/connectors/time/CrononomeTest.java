package io.quiver.connectors.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.testkit.Await;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CrononomeTest {
  private static Value entries(String json) throws Exception {
    return Json.parse(json);
  }

  private static List<String> problems(Value entries) {
    return new CrononomeProvider()
        .configSpec().validate(Value.obj(CrononomeProvider.ENTRIES, entries)).problems().stream()
            .map(ConfigProblem::message)
            .toList();
  }

  @Test
  void payloadHasTremorsShapeWithTheTrigger() throws Exception {
    List<CronEntry> all =
        CronEntry.all(
            entries(
                "[{\"name\":\"a \\\"b\\\"\",\"expr\":\"* * * * * *\",\"payload\":{\"x\":[1,2]}},"
                    + "{\"name\":\"plain\",\"expr\":\"@hourly\"}]"));
    assertThat(new String(Crononome.payload(17, 3, all.get(0)), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"onramp\":\"crononome\",\"ingest_ns\":17,\"id\":3,"
                + "\"trigger\":{\"name\":\"a \\\"b\\\"\",\"payload\":{\"x\":[1,2]}}}");
    assertThat(new String(Crononome.payload(17, 4, all.get(1)), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"onramp\":\"crononome\",\"ingest_ns\":17,\"id\":4,\"trigger\":{\"name\":\"plain\"}}");
  }

  @Test
  void theWaitIsUntilTheNextDueTime() throws Exception {
    CronEntry every10s =
        CronEntry.all(entries("[{\"name\":\"t\",\"expr\":\"*/10 * * * * *\"}]")).get(0);
    ZonedDateTime now = ZonedDateTime.of(2026, 12, 7, 10, 0, 3, 500_000_000, ZoneOffset.UTC);
    assertThat(Crononome.untilNext(every10s, now)).contains(Duration.ofMillis(6_500));
    CronEntry past =
        CronEntry.all(entries("[{\"name\":\"t\",\"expr\":\"0 0 0 1 1 * 2020\"}]")).get(0);
    assertThat(Crononome.untilNext(past, now)).isEmpty();
  }

  @Test
  void aBadExpressionIsRefusedWithTremorsTextTheCauseAndTheSyntax() throws Exception {
    List<String> found =
        problems(
            entries(
                "[{\"name\":\"ok\",\"expr\":\"* * * * * *\"},"
                    + "{\"name\":\"broken\",\"expr\":\"* * * * 13 *\"}]"));
    assertThat(found).hasSize(1);
    assertThat(found.get(0))
        .contains(
            "Bad configuration in crononome - expression broken is illegal: `* * * * 13 *`:"
                + " months: 13 in `13` is not between 1 and 12")
        .contains("a cron expression has 6 or 7 fields: sec min hour");
  }

  @Test
  void entriesOfTheWrongShapeAreNamed() throws Exception {
    assertThat(problems(Value.of("* * * * * *")).get(0))
        .contains("must be a list of entries {name, expr, payload}");
    String shapes =
        problems(
                entries(
                    "[{\"expr\":\"* * * * * *\"},{\"name\":\"n\"},3,{\"name\":\"x\",\"expr\":\"@daily\",\"when\":1}]"))
            .get(0);
    assertThat(shapes)
        .contains("entry 1: `name` (a string) is required")
        .contains("entry 2 (n): `expr` (a cron expression) is required")
        .contains("entry 3 must be a record")
        .contains("entry 4: unknown field `when`");
  }

  @Test
  void aValidConfigHasNoProblems() throws Exception {
    assertThat(problems(entries("[{\"name\":\"t\",\"expr\":\"0 */5 * * * *\",\"payload\":\"x\"}]")))
        .isEmpty();
  }

  /** Records the payloads and the flow control of the one stream. */
  private static final class Recording implements SourceContext {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicReference<FlowControl> flow = new AtomicReference<>();

    @Override
    public Artefact artefact() {
      return ARTEFACT;
    }

    @Override
    public long openStream(FlowControl f) {
      flow.set(f);
      return 1;
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      received.add(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void closeStream(long stream) {}

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException("crononome is never linked");
    }
  }

  private static final Artefact ARTEFACT =
      new Artefact("cron", "01", "tremor://localhost/onramp/cron/01", false);

  @Test
  void anEntryDueWhilePausedFiresOnceOnResumeAndIdsCountAcrossEntries() throws Exception {
    List<CronEntry> all =
        CronEntry.all(
            entries(
                "[{\"name\":\"a\",\"expr\":\"0 0 0 1 1 * 2099\"},"
                    + "{\"name\":\"b\",\"expr\":\"0 0 0 1 1 * 2099\"}]"));
    Crononome cron = new Crononome(ARTEFACT, all, Clock.systemUTC());
    Recording context = new Recording();
    cron.start(context);
    try {
      cron.fire(all.get(0));
      assertThat(context.received).hasSize(1);
      context.flow.get().pause();
      cron.fire(all.get(1));
      cron.fire(all.get(1));
      assertThat(context.received).hasSize(1);
      context.flow.get().resume();
      Await.until("the held entry fires", () -> context.received.size() == 2);
      assertThat(context.received.get(0)).contains("\"id\":0,\"trigger\":{\"name\":\"a\"}");
      assertThat(context.received.get(1)).contains("\"id\":1,\"trigger\":{\"name\":\"b\"}");
    } finally {
      cron.stop();
    }
  }
}
