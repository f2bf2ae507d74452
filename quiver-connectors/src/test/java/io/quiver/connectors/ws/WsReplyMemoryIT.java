package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.ws.WsItFixture.Proxy;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.NonReadingClient;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Memory held for clients that do not read their replies: bounded per client by {@code
 * send_queue_max_bytes} (the client's per-client upstream session stops reading meanwhile) and for
 * all clients together by the reply memory budget, while everyone else is served.
 */
class WsReplyMemoryIT {
  private static final int REPLY = 1024 * 1024;
  private static final String BIG_REPLY = "r".repeat(REPLY);

  /** The upstream answers "big" with 1 MiB, anything else with itself. */
  private static final Function<String, List<String>> BIG_OR_ECHO =
      text -> List.of(text.startsWith("big") ? BIG_REPLY : text);

  private static final int QUEUE_MAX = 64 * 1024;

  /** The bytes of one big reply frame (payload and header). */
  private static final int BIG_FRAME = REPLY + DataFrames.MAX_HEADER;

  @AutoClose private final WsItFixture fixture = new WsItFixture();

  private Proxy proxy(
      TestUpstream up,
      WsOnrampSettings onrampSettings,
      ReplyMemoryBudget budget,
      Object... offrampConfig)
      throws Exception {
    WsOnramp onramp = new WsOnramp(RecordingSourceContext.ARTEFACT, onrampSettings, budget);
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT, TestSettings.offramp(up.url(), offrampConfig));
    return fixture.bridge(onramp, offramp);
  }

  private static ReplyMemoryBudget ample() {
    return new ReplyMemoryBudget(Long.MAX_VALUE / 2);
  }

  @Test
  void aClientThatDoesNotReadPausesItsUpstreamHoldsAtMostItsQueueAndIsClosedWith1008()
      throws Exception {
    TestUpstream up = fixture.closeLater(TestUpstream.start(BIG_OR_ECHO));
    Proxy proxy =
        proxy(
            up,
            TestSettings.onramp("send_queue_max_bytes", QUEUE_MAX, "slow_reader_timeout_ms", 1_500),
            ample());
    TestClient polite = fixture.closeLater(TestClient.connect(proxy.onramp().boundPort()));
    NonReadingClient deaf = fixture.closeLater(new NonReadingClient(proxy.onramp().boundPort()));
    for (int i = 0; i < 40; i++) { // 40 MiB of replies: far beyond the kernel's buffers
      deaf.send("big " + i);
    }

    Await.until(
        "the deaf client's upstream session paused",
        () -> proxy.offramp().sessionsNotReading() == 1);
    assertThat(proxy.offramp().metrics().upstreamReadPauses()).isGreaterThanOrEqualTo(1);
    polite.send("still served");
    assertThat(polite.nextText()).isEqualTo("still served");

    Await.until("the deaf client closed", () -> proxy.onramp().metrics().slowReaderCloses() == 1);
    Await.until(
        "its 1008 counted", () -> proxy.onramp().metrics().closesByCode().containsKey(1008));
    assertThat(proxy.onramp().metrics().closesByCode()).containsEntry(1008, 1L);
    // what it held: its queue, the reply that filled it, and what was already on its way
    assertThat(proxy.onramp().replyQueuePeakBytes())
        .isLessThanOrEqualTo(2L * QUEUE_MAX + BIG_FRAME);
    Await.until("its session gone", () -> proxy.offramp().sessionCount() == 1);
    assertThat(proxy.offramp().sessionsNotReading()).isZero();
    polite.send("and after");
    assertThat(polite.nextText()).isEqualTo("and after");
    assertThat(proxy.onramp().metrics().replyOverflowCloses()).isZero();
  }

  @Test
  void aClientThatReadsAgainResumesItsUpstreamAndGetsEveryReplyInOrder() throws Exception {
    TestUpstream up = fixture.closeLater(TestUpstream.start(BIG_OR_ECHO));
    Proxy proxy =
        proxy(
            up,
            TestSettings.onramp(
                "send_queue_max_bytes", QUEUE_MAX, "slow_reader_timeout_ms", 60_000),
            ample());
    NonReadingClient slow = fixture.closeLater(new NonReadingClient(proxy.onramp().boundPort()));
    int requests = 16;
    for (int i = 0; i < requests; i++) {
      slow.send("big " + i);
    }
    slow.send("last");
    Await.until("its upstream session paused", () -> proxy.offramp().sessionsNotReading() == 1);

    for (int i = 0; i < requests; i++) {
      RawWsClient.Frame f = slow.read();
      assertThat(f.opcode()).isEqualTo(RawWsClient.TEXT);
      assertThat(f.payload()).hasSize(REPLY);
    }
    assertThat(slow.read().text()).isEqualTo("last");
    Await.until(
        "its upstream session reading again", () -> proxy.offramp().sessionsNotReading() == 0);
    assertThat(proxy.onramp().replyQueuePeakBytes())
        .isLessThanOrEqualTo(2L * QUEUE_MAX + BIG_FRAME);
    assertThat(proxy.onramp().metrics().closesByCode()).isEmpty();
  }

  @Test
  void aClientOfASharedSessionThatDoesNotReadIsClosedOnceAnotherQueueFullArrived()
      throws Exception {
    TestUpstream up = fixture.closeLater(TestUpstream.start(BIG_OR_ECHO));
    Proxy proxy =
        proxy(
            up,
            TestSettings.onramp(
                "send_queue_max_bytes", QUEUE_MAX, "slow_reader_timeout_ms", 60_000),
            ample(),
            "session",
            "shared");
    TestClient polite = fixture.closeLater(TestClient.connect(proxy.onramp().boundPort()));
    NonReadingClient deaf = fixture.closeLater(new NonReadingClient(proxy.onramp().boundPort()));
    for (int i = 0; i < 40; i++) {
      deaf.send("big " + i);
    }

    Await.until(
        "the deaf client closed", () -> proxy.onramp().metrics().replyOverflowCloses() == 1);
    Await.until(
        "its 1008 counted", () -> proxy.onramp().metrics().closesByCode().containsKey(1008));
    assertThat(proxy.onramp().metrics().closesByCode()).containsEntry(1008, 1L);
    assertThat(proxy.onramp().replyQueuePeakBytes())
        .isLessThanOrEqualTo(2L * QUEUE_MAX + BIG_FRAME);
    // the shared upstream connection never stopped reading: it serves everyone
    assertThat(proxy.offramp().metrics().upstreamReadPauses()).isZero();
    polite.send("still served");
    assertThat(polite.nextText()).isEqualTo("still served");
  }

  @Test
  void whenAllClientsTogetherHoldMoreThanTheBudgetTheOneHoldingMostIsClosedWith1008()
      throws Exception {
    TestUpstream up = fixture.closeLater(TestUpstream.start(BIG_OR_ECHO));
    ReplyMemoryBudget budget = new ReplyMemoryBudget(3L * REPLY);
    // a per-client queue far above the budget: only the budget can stop these clients
    Proxy proxy =
        proxy(
            up,
            TestSettings.onramp(
                "send_queue_max_bytes", 64 * REPLY, "slow_reader_timeout_ms", 60_000),
            budget);
    TestClient polite = fixture.closeLater(TestClient.connect(proxy.onramp().boundPort()));
    NonReadingClient first = fixture.closeLater(new NonReadingClient(proxy.onramp().boundPort()));
    NonReadingClient second = fixture.closeLater(new NonReadingClient(proxy.onramp().boundPort()));
    for (int i = 0; i < 16; i++) { // 16 MiB each: kernel buffers take some, the proxy the rest
      first.send("big " + i);
      second.send("big " + i);
    }

    Await.until(
        "a client closed for the budget", () -> proxy.onramp().metrics().budgetCloses() >= 1);
    Await.until(
        "its 1008 counted", () -> proxy.onramp().metrics().closesByCode().containsKey(1008));
    Await.until("the clients within the budget", () -> budget.held() <= budget.limit());
    assertThat(proxy.onramp().metrics().slowReaderCloses()).isZero();
    polite.send("still served");
    assertThat(polite.nextText()).isEqualTo("still served");
    assertThat(proxy.onramp().connectedClients()).isGreaterThanOrEqualTo(1);
  }
}
