package io.quiver.connectors.postgres;

import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.ErrorEvent;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code postgres} offramp: every event (each element of a batch, all in one transaction)
 * is inserted into {@code table} as one row ({@link RecordBinder}). JDBC blocks, so events are
 * queued (past {@link #HIGH_WATER} their senders are held) and inserted by a thread of its own (a
 * {@link QueuedSender}).
 *
 * <p>An event is acked once its transaction committed. One that cannot be inserted is failed and
 * answered with an error event on {@code err} ({@code {"error": ..., "event_id": ...}}, Tremor's
 * texts); when the reason is that the server is away, the circuit breaks (the onramps feeding the
 * offramp pause) and the thread reconnects once a second until it is restored.
 */
final class PostgresSink implements Sink, SendTarget {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);

  /** Events queued for the insert thread beyond which their senders are held. */
  static final int HIGH_WATER = 1024;

  private static final long RECONNECT_INTERVAL_NS = 1_000_000_000L;

  private final Artefact artefact;
  private final PostgresOfframpSettings settings;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private QueuedSender sender;
  // the insert thread's own
  private Connection connection;
  private String connectError = "not connected yet";
  private long lastConnectNs;
  private boolean triedOnce;

  PostgresSink(Artefact artefact, PostgresOfframpSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.sender =
        new QueuedSender(
            "postgres-out-" + artefact.id() + "-" + artefact.instance(),
            context,
            SendLimits.holdingPast(HIGH_WATER).withStopWaitMs(5_000),
            this);
    sender.start();
  }

  @Override
  public void onEvent(Event event) {
    sender.offer(event);
  }

  @Override
  public void senderStarted() {
    connectIfDue();
  }

  @Override
  public void turn() {
    if (connection == null) {
      connectIfDue();
    }
  }

  @Override
  public void send(Event event) {
    insert(event);
  }

  /** Connects when there is no connection and the last attempt is a second ago (or none). */
  private void connectIfDue() {
    long now = System.nanoTime();
    if (connection != null || (triedOnce && now - lastConnectNs < RECONNECT_INTERVAL_NS)) {
      return;
    }
    triedOnce = true;
    lastConnectNs = now;
    try {
      Connection c = settings.server().connect("quiver " + artefact.url());
      c.setAutoCommit(false);
      connection = c;
      if (sender.circuit().restores()) {
        LOG.info(
            "[Sink::{}] connected to {} again: circuit restored",
            artefact.url(),
            settings.server());
      } else {
        LOG.info("[Sink::{}] connected to {}", artefact.url(), settings.server());
      }
    } catch (SQLException e) {
      connectError = PgErrors.describeConnect(e);
      serverAway(connectError);
    }
  }

  private void serverAway(String why) {
    if (sender.circuit().breaks()) {
      LOG.warn(
          "[Sink::{}] PostgreSQL at {} is away ({}): circuit broken, the onramps feeding this"
              + " offramp pause until it answers",
          artefact.url(),
          settings.server(),
          why);
    }
  }

  private void insert(Event event) {
    long startNs = System.nanoTime();
    List<RecordBinder.Insert> inserts = new ArrayList<>();
    try {
      for (Event element : event.batch() ? event.elements() : List.of(event)) {
        inserts.add(RecordBinder.insert(settings.table(), element.data()));
      }
    } catch (RecordBinder.BadRecord bad) {
      error(event, bad.getMessage());
      return;
    }
    if (connection == null) {
      error(event, "Could not initialize a Postgres client: " + connectError);
      return;
    }
    try {
      try {
        execute(inserts);
      } catch (SQLException e) {
        if (!PgErrors.serverAway(e) && valid()) {
          throw e;
        }
        // a connection the server ended (it restarted, say): once more on a new one
        closeConnection();
        triedOnce = false;
        connectIfDue();
        if (connection == null) {
          throw e;
        }
        execute(inserts);
      }
    } catch (RecordBinder.BadRecord bad) {
      rollback();
      error(event, bad.getMessage());
      return;
    } catch (SQLException e) {
      String message = "Failure while querying: " + PgErrors.describe(e);
      if (connection == null || PgErrors.serverAway(e) || !valid()) {
        closeConnection();
        serverAway(message);
      } else {
        rollback();
      }
      error(event, message);
      return;
    }
    if (event.transactional()) {
      context.insight(Insight.ack(event, (System.nanoTime() - startNs) / 1e6));
    }
  }

  private void execute(List<RecordBinder.Insert> inserts)
      throws SQLException, RecordBinder.BadRecord {
    for (RecordBinder.Insert insert : inserts) {
      try (PreparedStatement ps = connection.prepareStatement(insert.sql())) {
        insert.bind(ps);
        ps.executeUpdate();
      }
    }
    connection.commit();
  }

  private boolean valid() {
    try {
      return connection != null && connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      closeConnection();
    }
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    lastConnectNs = System.nanoTime();
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("[Sink::{}] closing the connection: {}", artefact.url(), e.toString());
      }
    }
  }

  /**
   * {@code event} was not inserted: failed, an error event on {@code err}, a throttled log line.
   */
  private void error(Event event, String message) {
    long heldBack = errors.admit(message);
    if (heldBack >= 0) {
      LOG.error(
          "[Sink::{}] Error inserting event {}: {}{}",
          artefact.url(),
          event.id(),
          message,
          errors.heldBackNote(heldBack));
    }
    context.fail(event);
    context.emit(Ports.ERR, ErrorEvent.of(event, message));
  }

  @Override
  public boolean drained() {
    return sender.drained();
  }

  @Override
  public void stop() {
    if (sender != null) {
      sender.stop();
    }
  }

  /** After the insert thread ended: the connection is closed. */
  @Override
  public void close() {
    closeConnection();
  }
}
