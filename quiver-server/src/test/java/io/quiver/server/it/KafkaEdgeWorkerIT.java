package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.kafka.broker.KafkaBrokerProcess;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/91_ws_kafka_edge_worker on a real broker: the edge and two workers run in this JVM (each
 * its own world) with the broker's ephemeral port and a free ws port. Clients' requests go through
 * Kafka to the workers and their replies back to the client that asked; a worker stopped mid-load
 * leaves every request answered (a reply or error JSON) within the reply timeout, none misrouted.
 */
class KafkaEdgeWorkerIT {
  private static final String EXAMPLE = "91_ws_kafka_edge_worker";
  private static final Duration START = Duration.ofSeconds(120);
  private static final Pattern REPLY =
      Pattern.compile("\\{\"reply\":\\{\"c\":(-?\\d+),\"m\":(-?\\d+)},\"worker\":\"([ab])\"}");
  private static final Pattern ERROR =
      Pattern.compile(
          "\\{\"error\":\"Error [^\"]+ kafka topic requests[^\"]*\",\"event_id\":\"[^\"]+\"}");

  @TempDir Path tmp;

  private KafkaBrokerProcess broker;
  private final List<ExampleDeployment> worlds = new ArrayList<>();
  private ExampleDeployment workerA;
  private int wsPort;

  @BeforeEach
  void start() throws Exception {
    broker = KafkaBrokerProcess.startEphemeral(6);
    int kafkaPort = broker.port();
    wsPort = ExampleDeployment.freePortAvoiding(9092, 9139);
    workerA = start("worker-a", kafkaPort);
    start("worker-b", kafkaPort);
    start("edge", kafkaPort);
    // ready once each worker has answered a request (both hold partitions of the group): probes
    // are keyed by time, so they spread over the partitions
    Set<String> answeredBy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Await.until(
        "both workers answer requests",
        START,
        () -> {
          try (TestClient c = TestClient.connect(wsPort)) {
            c.send("{\"c\":-1,\"m\":-1}");
            Matcher m = REPLY.matcher(c.nextText(Duration.ofSeconds(10)));
            if (m.matches()) {
              answeredBy.add(m.group(3));
            }
          } catch (Exception | AssertionError e) {
            // not ready yet: no answer, or an error while the group rebalances
          }
          return answeredBy.size() == 2;
        });
  }

  private ExampleDeployment start(String part, int kafkaPort) throws Exception {
    List<Path> files =
        ExampleDeployment.copy(
            EXAMPLE + "/" + part, tmp.resolve(part), 9139, wsPort, 9092, kafkaPort);
    ExampleDeployment world = ExampleDeployment.start(files);
    worlds.add(world);
    return world;
  }

  @AfterEach
  void stop() {
    for (ExampleDeployment w : worlds.reversed()) {
      w.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyClientGetsTheRepliesToItsOwnRequestsFromBothWorkers() throws Exception {
    Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger errors = new AtomicInteger();
    runClients(6, 50, workers, errors, null);
    assertThat(errors.get()).as("no request timed out").isZero();
    assertThat(workers).as("both workers answered").containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aWorkerStoppedMidLoadLeavesEveryRequestAnsweredAndNoneMisrouted() throws Exception {
    Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger errors = new AtomicInteger();
    runClients(
        6,
        100,
        workers,
        errors,
        answered -> {
          Await.until("a fifth of the requests answered", START, () -> answered.get() >= 120);
          workerA.close();
          worlds.remove(workerA);
        });
    assertThat(workers).contains("b");
  }

  private interface MidLoad {
    void run(AtomicInteger answered) throws Exception;
  }

  /**
   * {@code clients} clients each send {@code requests} requests (pipelined, at most 10 in flight)
   * and check that each gets exactly one answer per request, every reply being to one of its own
   * requests (never another client's), each request answered at most once; errors are counted.
   */
  private void runClients(
      int clients, int requests, Set<String> workers, AtomicInteger errors, MidLoad midLoad)
      throws Exception {
    AtomicInteger answered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(
            pool.submit(
                () -> {
                  try (TestClient ws = TestClient.connect(wsPort)) {
                    Set<Integer> replied = new HashSet<>();
                    int sent = 0;
                    int got = 0;
                    while (got < requests) {
                      while (sent < requests && sent - got < 10) {
                        ws.send("{\"c\":" + client + ",\"m\":" + sent + "}");
                        sent++;
                      }
                      // bounded: the edge answers every request within its reply timeout (5 s)
                      String answer = ws.nextText(Duration.ofSeconds(30));
                      got++;
                      answered.incrementAndGet();
                      Matcher m = REPLY.matcher(answer);
                      if (m.matches()) {
                        assertThat(Integer.parseInt(m.group(1)))
                            .as("a reply to this client's own request: %s", answer)
                            .isEqualTo(client);
                        int n = Integer.parseInt(m.group(2));
                        assertThat(n).isBetween(0, sent - 1);
                        assertThat(replied.add(n)).as("answered once: %s", answer).isTrue();
                        workers.add(m.group(3));
                      } else {
                        assertThat(answer).matches(ERROR);
                        errors.incrementAndGet();
                      }
                    }
                    assertThat(ws.pending()).as("exactly one answer per request").isEmpty();
                  }
                  return null;
                }));
      }
      if (midLoad != null) {
        midLoad.run(answered);
      }
      for (Future<?> f : done) {
        f.get(180, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answered.get()).isEqualTo(clients * requests);
  }
}
