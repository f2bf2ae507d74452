package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Soak test, not run in CI: clients talk through onramp, offramp and an echo upstream for {@code
 * -Dsoak.minutes} minutes while the upstream is killed and restarted every {@code
 * -Dsoak.kill.every.s} seconds. Every request must get exactly one answer (its echo or an error
 * record), and nothing may leak once the clients are gone. See docs/operations.md.
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+(\\.\\d+)?")
class WsSoakIT {
  private static final long ANSWER_WITHIN_MS = 15_000;

  @Test
  void everyRequestGetsExactlyOneAnswerAndNothingLeaks() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes"));
    int clients = Integer.getInteger("soak.clients", 50);
    int killEverySeconds = Integer.getInteger("soak.kill.every.s", 20);
    long end = System.nanoTime() + (long) (minutes * 60e9);

    TestUpstream[] upstream = {TestUpstream.start(TestUpstream.ECHO)};
    int port = upstream[0].port();
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT, TestSettings.onramp("ping_interval_ms", 1000));
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.offramp(
                upstream[0].url(),
                "reply_timeout_ms",
                2000,
                "ping_interval_ms",
                1000,
                "pong_timeout_ms",
                1000,
                "reconnect",
                io.quiver.value.Value.obj("interval_ms", io.quiver.value.Value.of(50))));
    new Bridge().connect(onramp, offramp);

    AtomicLong requests = new AtomicLong();
    AtomicLong echoes = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int id = c;
      work.add(
          pool.submit(
              () -> {
                try (TestClient client = TestClient.connect(onramp.boundPort())) {
                  long seq = 0;
                  while (running.get()) {
                    String text = "c" + id + "-" + seq++;
                    client.send(text);
                    requests.incrementAndGet();
                    TestClient.Message m =
                        client.messages.poll(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
                    if (m == null) {
                      throw new AssertionError("client " + id + ": no answer to " + text);
                    }
                    if (m.text().equals(text)) {
                      echoes.incrementAndGet();
                    } else if (m.text().startsWith("{\"error\":")) {
                      errors.incrementAndGet();
                    } else {
                      throw new AssertionError(
                          "client " + id + ": wrong answer to " + text + ": " + m.text());
                    }
                  }
                  return null;
                }
              }));
    }
    Future<?> chaos =
        pool.submit(
            () -> {
              while (running.get()) {
                Thread.sleep(killEverySeconds * 1000L); // the soak's rhythm, not synchronisation
                upstream[0].kill();
                upstream[0].close();
                Thread.sleep(2_000);
                upstream[0] = TestUpstream.start(port, TestUpstream.ECHO);
              }
              return null;
            });
    while (System.nanoTime() < end) {
      for (Future<?> f : work) {
        if (f.isDone()) {
          f.get(); // rethrows a client's failure
        }
      }
      Thread.sleep(1_000);
    }
    running.set(false);
    for (Future<?> f : work) {
      f.get(ANSWER_WITHIN_MS * 2, TimeUnit.MILLISECONDS);
    }
    chaos.cancel(true);
    pool.shutdownNow();

    System.out.printf(
        "soak: %d clients, %d requests, %d echoes, %d errors; onramp %s; offramp %s%n",
        clients, requests.get(), echoes.get(), errors.get(), onramp.metrics(), offramp.metrics());
    assertThat(echoes.get() + errors.get()).isEqualTo(requests.get());
    assertThat(echoes.get()).isPositive();
    Await.until("all clients gone", Duration.ofSeconds(10), () -> onramp.connectedClients() == 0);
    Await.until("all sessions closed", Duration.ofSeconds(10), () -> offramp.sessionCount() == 0);
    offramp.stop();
    onramp.stop();
    upstream[0].close();
  }
}
