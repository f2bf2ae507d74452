package io.quiver.connectors.kafka;

import io.quiver.spi.LogThrottle;
import io.quiver.spi.SourceContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kafka onramp's consumer thread: the only thread that touches the {@link Consumer} (which is
 * not thread-safe). It polls, hands each record to the runtime ({@link
 * SourceContext#receiveMessage}, which decodes it on this thread and numbers its events), and in
 * guaranteed-delivery mode applies the acks and fails queued by other threads: commits what was
 * acknowledged ({@link OffsetTracker}) and seeks back to failed records.
 *
 * <p>While the runtime pauses the onramp's stream (backpressure, a broken circuit downstream, the
 * shutdown's drain) the consumer's partitions are paused: it keeps polling, so it stays in its
 * group, but fetches nothing; records polled before the pause wait here and go first on resume.
 */
final class ConsumerLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** How long without any partition before the onramp says it cannot reach its brokers. */
  static final Duration UNASSIGNED_WARNING = Duration.ofSeconds(10);

  /** An ack or fail from another thread, applied on the consumer thread. */
  private record Delivery(long id, boolean ok) {}

  private final String url;
  private final KafkaOnrampSettings settings;
  private final PendingClient<Consumer<byte[], byte[]>> pendingConsumer;
  private volatile Consumer<byte[], byte[]> consumer;
  private final SourceContext context;
  private long stream;
  private final boolean transactional;
  private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
  private final Queue<ConsumerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();
  private final OffsetTracker tracker = new OffsetTracker();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private volatile boolean paused;
  private volatile boolean running = true;
  private volatile boolean accepting = true;
  private long nextId;
  private long unassignedSinceNs = System.nanoTime();
  private boolean unassignedReported;
  private long records;

  ConsumerLoop(
      String url,
      KafkaOnrampSettings settings,
      PendingClient<Consumer<byte[], byte[]>> consumer,
      SourceContext context,
      boolean transactional) {
    this.url = url;
    this.settings = settings;
    this.pendingConsumer = consumer;
    this.context = context;
    this.transactional = transactional;
  }

  /** The stream the records go to; set before the loop runs. */
  void stream(long id) {
    this.stream = id;
  }

  /** The runtime paused (true) or resumed (false) the stream; any thread. */
  void pause(boolean pause) {
    paused = pause;
  }

  /** Shutdown's first step: no more records are handed to the runtime. Any thread. */
  void stopAccepting() {
    accepting = false;
  }

  /** An event of this onramp was delivered; any thread. */
  void ack(long id) {
    deliveries.add(new Delivery(id, true));
  }

  /** An event of this onramp failed; any thread. */
  void fail(long id) {
    deliveries.add(new Delivery(id, false));
  }

  /** Ends the loop: it commits what was acknowledged and closes the consumer. Any thread. */
  void stop() {
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /** Records handed to the runtime so far. */
  long records() {
    return records;
  }

  @Override
  public void run() {
    try {
      if (!awaitConsumer()) {
        return;
      }
      LOG.info("[Source::{}] Subscribing to: {}", url, settings.topics());
      consumer.subscribe(settings.topics(), new Rebalance());
      while (running) {
        applyDeliveries();
        applyPause();
        handWaiting();
        poll();
        handWaiting();
        commit();
        reportUnassigned();
      }
    } catch (WakeupException e) {
      // stop() while polling
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("[Source::{}] Kafka consumer errored, stopping: {}", url, e.toString(), e);
    } finally {
      close();
    }
  }

  /**
   * Makes the consumer, waiting while no broker name resolves (as librdkafka starts anyway); false
   * when the onramp was stopped meanwhile.
   */
  private boolean awaitConsumer() throws InterruptedException {
    while (running) {
      Consumer<byte[], byte[]> c = pendingConsumer.tryCreate();
      if (c != null) {
        consumer = c;
        if (!running) { // stop() came while it was being made: it saw no consumer to wake
          c.wakeup();
        }
        return true;
      }
      Thread.sleep(POLL.toMillis());
    }
    return false;
  }

  private void poll() {
    var polled = consumer.poll(POLL);
    polled.forEach(waiting::add);
  }

  /** Hands waiting records to the runtime until it pauses the stream. */
  private void handWaiting() {
    while (!paused && accepting && running) {
      ConsumerRecord<byte[], byte[]> r = waiting.poll();
      if (r == null) {
        return;
      }
      hand(r);
    }
  }

  private void hand(ConsumerRecord<byte[], byte[]> r) {
    TopicPartition partition = new TopicPartition(r.topic(), r.partition());
    records++;
    if (r.value() == null) {
      long held = errors.admit("null");
      if (held >= 0) {
        LOG.warn(
            "[Source::{}] Skipping a record without a value (a tombstone) at {} offset {}{}",
            url,
            partition,
            r.offset(),
            errors.heldBackNote(held));
      }
      if (transactional) {
        tracker.sent(partition, r.offset(), nextId, 0);
      }
      return;
    }
    long first = nextId;
    int made = context.receiveMessage(stream, r.value(), KafkaMeta.of(r));
    int count = Math.max(made, 0);
    nextId += count;
    if (transactional) {
      tracker.sent(partition, r.offset(), first, count);
    }
  }

  private void applyDeliveries() {
    if (!transactional) {
      deliveries.clear();
      return;
    }
    Delivery d;
    while ((d = deliveries.poll()) != null) {
      if (d.ok()) {
        tracker.ack(d.id());
      } else if (!settings.retryFailedEvents()) {
        tracker.skip(d.id());
      } else {
        OffsetTracker.Rewind rewind = tracker.rewind(d.id());
        if (rewind != null) {
          LOG.debug(
              "[Source::{}] event {} failed: reading {} again from offset {}",
              url,
              d.id(),
              rewind.partition(),
              rewind.offset());
          waiting.removeIf(
              r ->
                  r.topic().equals(rewind.partition().topic())
                      && r.partition() == rewind.partition().partition()
                      && r.offset() >= rewind.offset());
          consumer.seek(rewind.partition(), rewind.offset());
        }
      }
    }
  }

  /** Pauses every assigned partition while the stream is paused or records wait; else resumes. */
  private void applyPause() {
    Set<TopicPartition> assigned = consumer.assignment();
    boolean hold = paused || !accepting || !waiting.isEmpty();
    Set<TopicPartition> pausedNow = consumer.paused();
    if (hold) {
      if (!pausedNow.containsAll(assigned)) {
        consumer.pause(assigned);
      }
    } else if (!pausedNow.isEmpty()) {
      consumer.resume(pausedNow);
    }
  }

  private void commit() {
    if (!transactional) {
      return;
    }
    Map<TopicPartition, Long> due = tracker.toCommit();
    if (due.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    due.forEach((p, o) -> offsets.put(p, new OffsetAndMetadata(o)));
    consumer.commitAsync(
        offsets,
        (committed, error) -> {
          if (error != null) {
            tracker.commitFailed(offsets.keySet());
            long held = errors.admit("commit");
            if (held >= 0) {
              LOG.warn(
                  "[Source::{}] Error while committing offsets: {} (retrying){}",
                  url,
                  error.toString(),
                  errors.heldBackNote(held));
            }
          } else {
            LOG.debug("[Source::{}] Offsets committed: {}", url, committed);
          }
        });
  }

  private void reportUnassigned() {
    if (!consumer.assignment().isEmpty()) {
      unassignedSinceNs = System.nanoTime();
      unassignedReported = false;
      return;
    }
    if (!unassignedReported
        && System.nanoTime() - unassignedSinceNs > UNASSIGNED_WARNING.toNanos()) {
      unassignedReported = true;
      LOG.warn(
          "[Source::{}] no partition of {} assigned after {} s: are the brokers {} reachable? The"
              + " onramp keeps trying and consumes once they answer",
          url,
          settings.topics(),
          UNASSIGNED_WARNING.toSeconds(),
          settings.brokers());
    }
  }

  private void close() {
    if (consumer == null) {
      return;
    }
    try {
      if (transactional) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        tracker.toCommit().forEach((p, o) -> offsets.put(p, new OffsetAndMetadata(o)));
        if (!offsets.isEmpty()) {
          consumer.commitSync(offsets, Duration.ofSeconds(2));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("[Source::{}] Error committing offsets at stop: {}", url, e.toString());
    }
    try {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
    } catch (RuntimeException e) {
      LOG.debug("[Source::{}] closing the consumer: {}", url, e.toString());
    }
  }

  /** Logs assignments as Tremor does; on a revoke, commits what is done and forgets the rest. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      LOG.info(
          "[Source::{}] Partitions assigned: {}",
          url,
          partitions.stream()
              .map(TopicPartition::toString)
              .sorted()
              .collect(Collectors.joining(" ")));
      if (paused || !accepting || !waiting.isEmpty()) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      LOG.info("[Source::{}] Partitions revoked: {}", url, partitions);
      Set<TopicPartition> gone = new HashSet<>(partitions);
      if (transactional) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        tracker.toCommit(gone).forEach((p, o) -> offsets.put(p, new OffsetAndMetadata(o)));
        try {
          if (!offsets.isEmpty()) {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
          }
        } catch (RuntimeException e) {
          LOG.warn("[Source::{}] Error committing revoked partitions: {}", url, e.toString());
        }
        tracker.forget(gone);
      }
      waiting.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.info("[Source::{}] Partitions lost: {}", url, partitions);
      Set<TopicPartition> gone = new HashSet<>(partitions);
      tracker.forget(gone);
      waiting.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }
}
