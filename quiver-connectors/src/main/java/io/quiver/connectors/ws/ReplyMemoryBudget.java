package io.quiver.connectors.ws;

import io.quiver.spi.config.ProcessSetting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of replies all websocket clients of the process may hold together ({@link
 * ReplyBacklog}s): {@code send_queue_max_bytes} bounds one client, this bounds their sum, so that
 * many clients that do not read cannot exhaust the memory however many there are.
 *
 * <p>When the sum goes over the budget, the clients holding the most are closed with 1008 (largest
 * first) until what they hold covers the excess: as Envoy's overload manager resets the streams
 * that use the most buffer memory. The alternative, pausing upstream reads for everyone, would let
 * a few clients that do not read stop the service for all the others.
 *
 * <p>The process-wide instance's size is the system property {@value #PROPERTY} (bytes), by default
 * a quarter of the maximum heap ({@code -Xmx}; Netty's direct memory is bounded by the same figure
 * unless {@code -XX:MaxDirectMemorySize} says otherwise). Thread-safe.
 */
final class ReplyMemoryBudget {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyMemoryBudget.class);
  static final String PROPERTY = "quiver.ws.reply_budget_bytes";

  /** {@value #PROPERTY}, declared. */
  static final ProcessSetting<Long> SETTING =
      new ProcessSetting<>(
          PROPERTY,
          "a positive integer (bytes)",
          "a quarter of the maximum heap (`-Xmx`)",
          "Bytes of replies all websocket clients of the process may hold together (each one is"
              + " bounded by its onramp's send_queue_max_bytes); over it the clients holding the"
              + " most are closed with 1008 until the excess is covered.",
          "not a positive number of bytes",
          ProcessSetting::positiveLong);

  private final long limit;
  private final AtomicLong held = new AtomicLong();
  private final Set<ReplyBacklog> backlogs = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean shedding = new AtomicBoolean();

  ReplyMemoryBudget(long limit) {
    this.limit = limit;
  }

  /** The budget shared by every websocket onramp of the process. */
  static ReplyMemoryBudget process() {
    return Holder.PROCESS;
  }

  /** The reason sent with the close frame to a client closed to stay within the budget. */
  static String closeReason() {
    return "server reply memory budget exhausted; this client held the most unread replies";
  }

  /**
   * The budget for the property value {@code requested}: a positive number of bytes, else {@code
   * maxHeap / 4} (an invalid value is reported).
   */
  static long limit(String requested, long maxHeap) {
    long fallback = Math.max(1, maxHeap / 4);
    ProcessSetting.Reading<Long> limit =
        SETTING.read(requested, fallback, fallback + " (a quarter of the maximum heap)");
    if (limit.warning() != null) {
      LOG.warn(limit.warning());
    }
    return limit.value();
  }

  long limit() {
    return limit;
  }

  /** Bytes held by all clients right now. */
  long held() {
    return held.get();
  }

  void register(ReplyBacklog backlog) {
    backlogs.add(backlog);
  }

  void unregister(ReplyBacklog backlog) {
    backlogs.remove(backlog);
  }

  void charge(long bytes) {
    if (held.addAndGet(bytes) > limit) {
      shed();
    }
  }

  void credit(long bytes) {
    held.addAndGet(-bytes);
  }

  /** A backlog and what it held when the budget looked. */
  private record Candidate(ReplyBacklog backlog, long held) {}

  /**
   * Closes the clients that hold the most until they cover the excess, counting those already
   * closing as freed (their memory comes back once their loop has closed them). One thread at a
   * time: a charge that finds another thread at it leaves the excess to it or to the next charge.
   */
  private void shed() {
    if (!shedding.compareAndSet(false, true)) {
      return;
    }
    try {
      long excess = held.get() - limit;
      List<Candidate> candidates = new ArrayList<>();
      for (ReplyBacklog b : backlogs) {
        long bytes = b.held();
        if (b.leaving()) {
          excess -= bytes;
        } else if (bytes > 0) {
          candidates.add(new Candidate(b, bytes));
        }
      }
      candidates.sort(Comparator.comparingLong(Candidate::held).reversed());
      for (Candidate c : candidates) {
        if (excess <= 0) {
          break;
        }
        excess -= c.held();
        c.backlog().evict(limit);
      }
    } finally {
      shedding.set(false);
    }
  }

  private static final class Holder {
    static final ReplyMemoryBudget PROCESS = create();

    private static ReplyMemoryBudget create() {
      long limit = limit(SETTING.raw(), Runtime.getRuntime().maxMemory());
      LOG.debug("websocket reply memory budget: {} bytes (-D{})", limit, PROPERTY);
      return new ReplyMemoryBudget(limit);
    }
  }
}
