package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.KeyOrder;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code qos::wal} (Tremor 0.11, op/qos/wal.rs): a write-ahead log. Every event is stored first
 * (and acked upstream at once when transactional: the WAL now owns it), then events are read from
 * the log and sent on as transactional events with ids {@code <operator uid>:0:<number>} that track
 * the original ids. Acks coming back confirm (and let it drop) everything up to the acked number; a
 * fail rewinds reading so the failed events and everything after them are sent again. The WAL
 * starts with its circuit broken and only sends while downstream reports the circuit restored
 * (offramps do so when they connect); circuit insights and the WAL's own acks and fails stop here.
 * When {@code max_elements} or {@code max_bytes} is reached it breaks the circuit upstream (sources
 * pause), and restores it once below again (checked on ticks).
 *
 * <p>Each read sends up to {@code read_count + 1} events (Tremor reads one more than configured).
 * With {@code dir} the log is a file that survives a restart ({@link FileWalStore}); without, it
 * lives in memory.
 */
final class WalOperator implements Operator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalOperator.class);

  static final OperatorKind KIND =
      OperatorKind.of(
          "qos::wal",
          ConfigSpec.of(
              ConfigKey.required(
                      "read_count",
                      ConfigType.INTEGER,
                      "how many events to send on per event or tick (Tremor sends one more)")
                  .withCheck(Check.atLeast(0)),
              ConfigKey.optional(
                      "dir",
                      ConfigType.STRING,
                      null,
                      "directory for the log on disk; unset keeps the log in memory")
                  .withCheck(Check.notEmpty()),
              ConfigKey.optional(
                      "max_elements",
                      ConfigType.INTEGER,
                      null,
                      "break the circuit upstream while this many events are stored")
                  .withCheck(Check.atLeast(1)),
              ConfigKey.optional(
                      "max_bytes",
                      ConfigType.INTEGER,
                      null,
                      "break the circuit upstream while the log takes this many bytes")
                  .withCheck(Check.atLeast(1)),
              ConfigKey.optional(
                  "flush_on_evnt",
                  ConfigType.BOOL,
                  Value.FALSE,
                  "force every write to disk (Tremor's spelling); only with dir")),
          config -> {
            List<String> problems = new ArrayList<>();
            if (!config.has("max_elements") && !config.has("max_bytes")) {
              problems.add(
                  "WAL operator needs at least one of `max_elements` or `max_bytes` config entries.");
            }
            String dir = config.string("dir");
            if (dir != null
                && java.nio.file.Files.exists(Path.of(dir))
                && !java.nio.file.Files.isDirectory(Path.of(dir))) {
              problems.add("`dir` " + dir + " is a file, not a directory");
            }
            return problems;
          },
          (nodeId, config) -> {
            long readCount = config.integer("read_count");
            long maxElements =
                config.has("max_elements") ? config.integer("max_elements") : Long.MAX_VALUE;
            long maxBytes = config.has("max_bytes") ? config.integer("max_bytes") : Long.MAX_VALUE;
            String dir = config.string("dir");
            boolean sync = config.bool("flush_on_evnt");
            return uid -> {
              WalStore store;
              if (dir == null) {
                store = new MemoryWalStore();
              } else {
                try {
                  store = new FileWalStore(Path.of(dir), sync);
                } catch (IOException e) {
                  throw new IllegalStateException(
                      "qos::wal operator `"
                          + nodeId
                          + "` cannot open its log in "
                          + dir
                          + ": "
                          + e.getMessage(),
                      e);
                }
              }
              return new WalOperator(uid, nodeId, readCount, maxElements, maxBytes, store);
            };
          });

  private final long uid;
  private final String nodeId;
  private final long readCount;
  private final long maxElements;
  private final long maxBytes;
  private final WalStore store;
  private boolean broken = true;
  private boolean full;

  /** The next number to read. */
  private long read;

  private boolean errorLogged;
  private boolean closed;

  WalOperator(
      long uid, String nodeId, long readCount, long maxElements, long maxBytes, WalStore store) {
    this.uid = uid;
    this.nodeId = nodeId;
    this.readCount = readCount;
    this.maxElements = maxElements;
    this.maxBytes = maxBytes;
    this.store = store;
  }

  long stored() {
    return store.count();
  }

  boolean broken() {
    return broken;
  }

  @Override
  public void onEvent(Event event, Output out) {
    if (closed) {
      LOG.debug("WAL {} is closed; event {} dropped", nodeId, event.id());
      return;
    }
    try {
      store.append(event);
    } catch (IOException e) {
      storageFailed(e);
      if (event.transactional()) {
        out.insight(Insight.fail(event));
      }
      return;
    }
    if (event.transactional()) {
      out.insight(
          new Insight(
              Insight.Kind.ACK,
              event.id(),
              event.ingestNs(),
              event.transit().opMetaOnly(),
              Value.EMPTY_OBJECT));
    }
    if (!broken) {
      readEvents(out);
    }
  }

  private void readEvents(Output out) {
    List<Event> batch = new ArrayList<>();
    int numRead = 0;
    for (Map.Entry<Long, Event> stored : store.from(read)) {
      if (numRead > readCount) {
        break;
      }
      numRead++;
      long idx = stored.getKey();
      read = idx + 1;
      Event e = stored.getValue();
      EventId id = new EventId(uid, 0, idx);
      Transit transit =
          e.transit()
              .withTrackedIds(List.of())
              .withTracked(id, e.id(), e.transit())
              .withTransactional(true);
      // Tremor emits what it reads back from the log, a copy (`into_static`): in Tremor's key
      // order that reorders its records
      batch.add(
          KeyOrder.copied(new Event(id, e.ingestNs(), e.data(), e.meta(), e.stream(), transit)));
    }
    gc();
    for (Event e : batch) {
      out.event("out", e);
    }
  }

  private void gc() {
    long confirmed = store.confirmed();
    if (confirmed >= 0) {
      try {
        store.removeUpTo(confirmed);
      } catch (IOException e) {
        storageFailed(e);
      }
    }
  }

  @Override
  public boolean handlesSignal() {
    return true;
  }

  @Override
  public void onSignal(long nowNs, Output out) {
    if (closed) {
      return;
    }
    boolean nowFull = store.count() >= maxElements || store.bytes() >= maxBytes;
    if (full && !nowFull) {
      LOG.warn("WAL {} not full any more. {} elements.", nodeId, store.count());
      out.insight(Insight.circuitRestored(nowNs));
    } else if (!full && nowFull) {
      LOG.warn("WAL {} full. {} elements.", nodeId, store.count());
      out.insight(Insight.circuitBroken(nowNs));
    }
    full = nowFull;
    if (!broken) {
      readEvents(out);
    }
  }

  @Override
  public boolean handlesContraflow() {
    return true;
  }

  @Override
  public Insight onContraflow(Insight insight) {
    if (closed) {
      return insight;
    }
    switch (insight.kind()) {
      case NONE -> {
        return insight;
      }
      case CIRCUIT_RESTORED -> broken = false;
      case CIRCUIT_BROKEN -> broken = true;
      case ACK -> {
        long idx = insight.transit().maxBySource(insight.id(), uid);
        if (idx < 0) {
          return insight; // not one of ours: on upstream unchanged (as Tremor)
        }
        try {
          store.confirm(idx);
        } catch (IOException e) {
          storageFailed(e);
        }
      }
      case FAIL -> {
        long idx = insight.transit().minBySource(insight.id(), uid);
        if (idx < 0) {
          return insight;
        }
        read = Math.min(read, idx);
        long confirmed = store.confirmed();
        if (idx <= confirmed) {
          LOG.warn(
              "WAL {}: trying to fail a message({}) that was already confirmed({})",
              nodeId,
              idx,
              confirmed);
          try {
            store.confirm(idx - 1);
          } catch (IOException e) {
            storageFailed(e);
          }
        }
      }
    }
    return insight.withKind(Insight.Kind.NONE);
  }

  private void storageFailed(IOException e) {
    if (!errorLogged) {
      errorLogged = true;
      LOG.error("WAL {}: cannot write its log: {}", nodeId, e.toString());
    } else {
      LOG.debug("WAL {}: cannot write its log: {}", nodeId, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    store.close();
  }
}
