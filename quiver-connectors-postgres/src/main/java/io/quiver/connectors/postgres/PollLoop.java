package io.quiver.connectors.postgres;

import io.quiver.spi.LogThrottle;
import io.quiver.spi.SourceContext;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postgres onramp's thread: runs the query for one window after the other, hands every row on
 * as one event of its stream (Tremor's row record, {@link RowReader}, as JSON text for the codec)
 * and then moves the cursor on and stores it. A window is queried once its end is {@code
 * commit_lag_ms} past (rows committed a little after their timestamp are still in it); the first
 * one ends when the onramp starts, later ones last {@code interval_ms}. A window that could not be
 * queried (the server away, a query error) is tried again, after a pause that doubles up to five
 * seconds, so no window is skipped. While the runtime pauses the stream (backpressure, a broken
 * circuit downstream) no row is handed on and no window queried.
 */
final class PollLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;

  private final String url;
  private final PostgresOnrampSettings settings;
  private final CursorCache cache;
  private final SourceContext context;
  private final PgQuery query;
  private volatile long stream;
  private final Supplier<OffsetDateTime> clock;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong windows = new AtomicLong();
  private volatile boolean paused;
  private volatile boolean running = true;
  private Cursor cursor;
  private Connection connection;
  private PreparedStatement statement;
  private long retryMs = FIRST_RETRY_MS;

  PollLoop(
      String url,
      PostgresOnrampSettings settings,
      CursorCache.Opened opened,
      SourceContext context,
      Supplier<OffsetDateTime> clock) {
    this.url = url;
    this.settings = settings;
    this.cache = opened.cache();
    this.cursor = opened.cursor();
    this.context = context;
    this.query = PgQuery.of(settings.query());
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      while (running) {
        if (!awaitWindow()) {
          return;
        }
        List<Value> batch = query();
        if (batch == null) {
          retryPause();
          continue;
        }
        retryMs = FIRST_RETRY_MS;
        if (LOG.isDebugEnabled()) {
          LOG.debug("[Source::{}] window {}: {} row(s)", url, window(), batch.size());
        }
        if (!handOn(batch)) {
          return; // stopped part way: the window is queried again on the next start
        }
        cursor = cursor.next(settings.intervalMs());
        windows.incrementAndGet();
        try {
          cache.store(cursor);
        } catch (IOException e) {
          logError("Error storing the cursor in " + settings.cachePath() + ": " + e.getMessage());
        }
      }
    } finally {
      closeConnection();
    }
  }

  /** Waits until the window's end has passed and the stream is not paused; false when stopped. */
  private boolean awaitWindow() {
    lock.lock();
    try {
      while (running) {
        long dueInMs =
            Duration.between(clock.get(), cursor.until()).toMillis() + settings.commitLagMs();
        if (!paused && dueInMs <= 0) {
          return true;
        }
        changed.await(paused ? 1_000 : Math.max(1, dueInMs), TimeUnit.MILLISECONDS);
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** The rows of the current window, or null when it could not be queried (logged). */
  private List<Value> query() {
    try {
      if (statement == null) {
        connection = settings.server().connect("quiver " + url);
        statement = connection.prepareStatement(query.sql());
        LOG.info("[Source::{}] connected to {}", url, settings.server());
      }
      for (int i = 0; i < query.parameters().size(); i++) {
        int p = query.parameters().get(i);
        statement.setObject(i + 1, p == 1 ? cursor.from() : cursor.until());
      }
      List<Value> batch = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          try {
            batch.add(RowReader.read(rs));
          } catch (RowReader.UnsupportedType e) {
            logError("Error reading a row of the window " + window() + ": " + e.getMessage());
          }
        }
      }
      return batch;
    } catch (SQLException e) {
      logError("Error querying the window " + window() + ": " + PgErrors.describe(e));
      if (PgErrors.serverAway(e) || connection == null || !valid()) {
        closeConnection();
      }
      return null;
    }
  }

  private String window() {
    return "[" + TremorTime.cursor(cursor.from()) + ", " + TremorTime.cursor(cursor.until()) + ")";
  }

  /** Hands every row on, waiting while the stream is paused; false when stopped part way. */
  private boolean handOn(List<Value> batch) {
    for (Value row : batch) {
      lock.lock();
      try {
        while (paused && running) {
          changed.await(1_000, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } finally {
        lock.unlock();
      }
      if (!running) {
        return false;
      }
      context.receive(stream, Json.writeBytes(row), Value.EMPTY_OBJECT, true);
      rows.incrementAndGet();
    }
    return true;
  }

  private void retryPause() {
    lock.lock();
    try {
      if (running) {
        changed.await(retryMs, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  }

  private boolean valid() {
    try {
      return connection != null && connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    statement = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("[Source::{}] closing the connection: {}", url, e.toString());
      }
    }
  }

  private void logError(String message) {
    long heldBack = errors.admit(message);
    if (heldBack >= 0) {
      LOG.error("[Source::{}] {}{}", url, message, errors.heldBackNote(heldBack));
    }
  }

  /** The stream the rows go to; set before the thread starts. */
  void stream(long id) {
    this.stream = id;
  }

  void pause(boolean p) {
    LOG.debug("[Source::{}] {}", url, p ? "paused" : "resumed");
    paused = p;
    signal();
  }

  void stop() {
    running = false;
    signal();
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Rows handed on so far. */
  long rows() {
    return rows.get();
  }

  /** Windows done so far. */
  long windows() {
    return windows.get();
  }
}
