package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What {@link ReplyBacklog} counts, when it turns the channel unwritable, and its limits. */
class ReplyBacklogTest {
  private static final int MAX = 10_000;

  private final WsMetrics metrics = new WsMetrics();
  private final AtomicLong peak = new AtomicLong();

  private record Client(EmbeddedChannel channel, ReplyBacklog backlog, OutboundFrames frames) {}

  private Client client(ReplyMemoryBudget budget) {
    EmbeddedChannel channel = new EmbeddedChannel();
    ReplyBacklog backlog = new ReplyBacklog(channel, MAX, budget, metrics, peak);
    channel.pipeline().addLast(new OutboundFrames(backlog));
    return new Client(channel, backlog, OutboundFrames.of(channel));
  }

  @Test
  void framesCountFromCollectedUntilWrittenAndTheBudgetFollows() {
    ReplyMemoryBudget budget = new ReplyMemoryBudget(1L << 40);
    Client c = client(budget);
    c.frames().append(DataFrames.TEXT, new byte[6_000], false);
    assertThat(c.backlog().held()).isEqualTo(6_000 + 4); // payload and a 4-byte header
    assertThat(budget.held()).isEqualTo(6_004);

    c.channel().runPendingTasks(); // the turn ends: written (an embedded channel takes it at once)
    assertThat(c.backlog().held()).isZero();
    assertThat(budget.held()).isZero();
    assertThat(c.backlog().peak()).isEqualTo(6_004);
    ((ByteBuf) c.channel().readOutbound()).release();
  }

  @Test
  void theChannelTurnsUnwritableAtTheLimitAndWritableAgainAtHalf() {
    Client c = client(new ReplyMemoryBudget(1L << 40));
    c.backlog().held(MAX - 1);
    assertThat(c.channel().isWritable()).isTrue();
    c.backlog().held(1);
    assertThat(c.channel().isWritable()).isFalse();
    c.backlog().released(MAX / 2 - 1);
    assertThat(c.channel().isWritable()).isFalse();
    c.backlog().released(1);
    assertThat(c.channel().isWritable()).isTrue();
  }

  @Test
  void aFullBacklogAdmitsAnotherLimitOfBytesThenClosesTheClientWith1008() {
    Client c = client(new ReplyMemoryBudget(1L << 40));
    assertThat(c.backlog().admit(3 * MAX)).isTrue(); // a reply bigger than the limit still goes
    c.backlog().held(3 * MAX);
    assertThat(c.backlog().admit(MAX)).isTrue();
    c.backlog().held(MAX);
    assertThat(c.backlog().admit(1)).isFalse();

    CloseWebSocketFrame close = c.channel().readOutbound();
    assertThat(close.statusCode()).isEqualTo(1008);
    assertThat(close.reasonText()).isEqualTo(ReplyBacklog.overflowReason(MAX));
    close.release();
    assertThat(c.channel().isOpen()).isFalse();
    assertThat(metrics.snapshot().replyOverflowCloses()).isEqualTo(1);
  }

  @Test
  void repliesArrivingWhileTheCloseWaitsForItsFrameDoNotCloseTheClientAgain() {
    // Netty's websocket protocol handler holds close() until the close frame is written, which a
    // client that does not read can put off until the close timeout: the channel stays active
    EmbeddedChannel channel = new EmbeddedChannel();
    channel
        .pipeline()
        .addLast(
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void close(ChannelHandlerContext ctx, ChannelPromise promise) {}
            });
    ReplyBacklog backlog =
        new ReplyBacklog(channel, MAX, new ReplyMemoryBudget(1L << 40), metrics, peak);
    channel.pipeline().addLast(new OutboundFrames(backlog));
    backlog.held(MAX);
    assertThat(backlog.admit(MAX)).isTrue();

    assertThat(backlog.admit(1)).isFalse();
    assertThat(backlog.admit(1)).isFalse();
    assertThat(backlog.admit(1)).isFalse();

    assertThat(channel.isActive()).isTrue();
    assertThat(metrics.snapshot().replyOverflowCloses()).isEqualTo(1);
    assertThat(metrics.snapshot().closesByCode()).containsExactly(java.util.Map.entry(1008, 1L));
    CloseWebSocketFrame close = channel.readOutbound();
    close.release();
    assertThat((Object) channel.readOutbound()).as("one close frame").isNull();
  }

  @Test
  void overTheBudgetTheClientsHoldingTheMostAreClosedUntilTheExcessIsCovered() {
    ReplyMemoryBudget budget = new ReplyMemoryBudget(10 * ReplyBacklog.CHARGE_STEP);
    Client small = client(budget);
    Client big = client(budget);
    Client bigger = client(budget);
    small.backlog().held(2 * ReplyBacklog.CHARGE_STEP);
    big.backlog().held(4 * ReplyBacklog.CHARGE_STEP);
    bigger.backlog().held(5 * ReplyBacklog.CHARGE_STEP); // 11 steps: one over

    for (Client c : new Client[] {small, big, bigger}) {
      c.channel().runPendingTasks();
    }
    assertThat(bigger.channel().isOpen()).isFalse();
    assertThat(big.channel().isOpen()).isTrue();
    assertThat(small.channel().isOpen()).isTrue();
    CloseWebSocketFrame close = bigger.channel().readOutbound();
    assertThat(close.statusCode()).isEqualTo(1008);
    assertThat(close.reasonText()).isEqualTo(ReplyMemoryBudget.closeReason());
    close.release();
    assertThat(metrics.snapshot().budgetCloses()).isEqualTo(1);
  }

  @Test
  void theBudgetIsAQuarterOfTheHeapUnlessConfigured() {
    assertThat(ReplyMemoryBudget.limit(null, 4_000_000_000L)).isEqualTo(1_000_000_000L);
    assertThat(ReplyMemoryBudget.limit("123456", 4_000_000_000L)).isEqualTo(123_456L);
    assertThat(ReplyMemoryBudget.limit("lots", 4_000_000_000L)).isEqualTo(1_000_000_000L);
    assertThat(ReplyMemoryBudget.limit("0", 4_000_000_000L)).isEqualTo(1_000_000_000L);
  }
}
