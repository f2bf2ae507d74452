package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedLoopInletTest {
  private final DefaultEventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void anItemOfferedOnTheLoopDoesNotOvertakeOneQueuedBeforeIt() throws Exception {
    List<String> seen = new ArrayList<>();
    List<Boolean> onLoop = new ArrayList<>();
    OrderedLoopInlet<String> inlet =
        new OrderedLoopInlet<>(
            loop,
            item -> {
              seen.add(item);
              onLoop.add(loop.inEventLoop());
            });
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch offeredSecond = new CountDownLatch(1);
    loop.execute(
        () -> {
          blocked.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inlet.offer("second, from the loop"); // "first" is still queued: must not run inline
          offeredSecond.countDown();
        });
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
    inlet.offer("first, from another thread");
    release.countDown();
    assertThat(offeredSecond.await(10, TimeUnit.SECONDS)).isTrue();
    CountDownLatch done = new CountDownLatch(1);
    loop.execute(done::countDown); // queued behind the tasks of both items
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(seen).containsExactly("first, from another thread", "second, from the loop");
    assertThat(onLoop).containsOnly(true);
  }

  @Test
  void onTheLoopWithNothingQueuedTheItemRunsInline() throws Exception {
    List<String> seen = new ArrayList<>();
    OrderedLoopInlet<String> inlet = new OrderedLoopInlet<>(loop, seen::add);
    List<Integer> sizeRightAfterOffer = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    loop.execute(
        () -> {
          inlet.offer("now");
          sizeRightAfterOffer.add(seen.size());
          done.countDown();
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(sizeRightAfterOffer).containsExactly(1);
  }
}
