package io.quiver.connectors.cloud.discord;

import io.quiver.spi.LogThrottle;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's session on Discord's gateway (JSON encoding): on {@code Hello} (op 10) it identifies (op
 * 2, token and intents) or, after a reconnect with a session, resumes (op 6, session and last
 * sequence); it heartbeats (op 1, the last sequence) every interval the server gave, answers the
 * server's heartbeat requests at once, and takes a missing heartbeat ack as a dead connection;
 * dispatches (op 0) go to {@code dispatches} in order; {@code Reconnect} (op 7), {@code Invalid
 * Session} (op 9), a closed or failed connection reconnect after a growing delay (1 s to 30 s),
 * except for the close codes that say the token or intents are wrong (then it logs and stays down).
 * Reading stops while {@link #pause paused} (websocket demand), heartbeats do not. The JDK's
 * websocket client runs the callbacks; a scheduler thread of its own runs the timers.
 */
final class Gateway implements WebSocket.Listener {
  static final long MIN_BACKOFF_MS = 1000;
  static final long MAX_BACKOFF_MS = 30_000;

  /** Close codes after which reconnecting cannot help (authentication, sharding, intents). */
  static final Set<Integer> FATAL_CLOSE_CODES = Set.of(4004, 4010, 4011, 4012, 4013, 4014);

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final DiscordSettings settings;
  private final HttpClient http;
  private final BiConsumer<String, Value> dispatches;
  private final String owner;
  private final ScheduledExecutorService timers;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final StringBuilder partial = new StringBuilder();

  private WebSocket socket;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> heartbeat;
  private boolean acked = true;
  private Long sequence;
  private String sessionId;
  private URI resumeUrl;
  private long backoffMs = MIN_BACKOFF_MS;
  private boolean paused;
  private boolean withheld;
  private boolean stopped;
  private volatile boolean identified;

  Gateway(
      DiscordSettings settings,
      HttpClient http,
      BiConsumer<String, Value> dispatches,
      String owner) {
    this.settings = settings;
    this.http = http;
    this.dispatches = dispatches;
    this.owner = owner;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("quiver-discord-" + owner).daemon(true).unstarted(r));
  }

  synchronized void start() {
    connect(settings.gateway());
  }

  /** Whether the session is identified or resumed and not since lost (tests, logs). */
  boolean identified() {
    return identified;
  }

  private synchronized void connect(URI url) {
    if (stopped) {
      return;
    }
    LOG.debug("[Onramp::{}] connecting to the Discord gateway {}", owner, url);
    http.newWebSocketBuilder()
        .buildAsync(url, this)
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                lost("cannot connect to the gateway: " + rootMessage(error));
              }
            });
  }

  @Override
  public synchronized void onOpen(WebSocket ws) {
    socket = ws;
    sending = CompletableFuture.completedFuture(null);
    acked = true;
    partial.setLength(0);
    ws.request(1);
  }

  @Override
  public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (!last) {
      ws.request(1);
      return null;
    }
    String text = partial.toString();
    partial.setLength(0);
    try {
      handle(ws, Json.parse(text));
    } catch (JsonException e) {
      LOG.debug("[Onramp::{}] gateway sent invalid JSON: {}", owner, e.getMessage());
    }
    if (paused) {
      withheld = true;
    } else if (ws == socket) {
      ws.request(1);
    }
    return null;
  }

  private void handle(WebSocket ws, Value message) {
    if (!(message instanceof Value.Obj m) || !(m.get("op") instanceof Value.Int op)) {
      return;
    }
    Value d = m.get("d") == null ? Value.NULL : m.get("d");
    switch ((int) op.value()) {
      case 10 -> hello(ws, d);
      case 11 -> acked = true;
      case 1 -> send(ws, heartbeatPayload());
      case 0 -> dispatch(m, d);
      case 7 -> {
        ws.abort();
        lost("the gateway asked for a reconnect");
      }
      case 9 -> {
        if (!(d instanceof Value.Bool b && b.value())) {
          sessionId = null;
          sequence = null;
        }
        ws.abort();
        lost("the gateway invalidated the session");
      }
      default -> LOG.debug("[Onramp::{}] gateway op {} ignored", owner, op.value());
    }
  }

  private void hello(WebSocket ws, Value d) {
    long interval =
        d instanceof Value.Obj o && o.get("heartbeat_interval") instanceof Value.Int i
            ? i.value()
            : 41_250;
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    long first = (long) (interval * ThreadLocalRandom.current().nextDouble());
    heartbeat =
        timers.scheduleWithFixedDelay(() -> beat(ws), first, interval, TimeUnit.MILLISECONDS);
    if (sessionId != null) {
      send(
          ws,
          Value.obj(
              "op",
              Value.of(6),
              "d",
              Value.obj(
                  "token",
                  Value.of(settings.token()),
                  "session_id",
                  Value.of(sessionId),
                  "seq",
                  sequence == null ? Value.NULL : Value.of(sequence))));
    } else {
      send(
          ws,
          Value.obj(
              "op",
              Value.of(2),
              "d",
              Value.obj(
                  "token",
                  Value.of(settings.token()),
                  "intents",
                  Value.of(settings.intents()),
                  "properties",
                  Value.obj(
                      "os",
                      Value.of(
                          System.getProperty("os.name", "linux")
                              .toLowerCase(java.util.Locale.ROOT)),
                      "browser",
                      Value.of("quiver"),
                      "device",
                      Value.of("quiver")))));
    }
  }

  private void dispatch(Value.Obj m, Value d) {
    if (m.get("s") instanceof Value.Int s) {
      sequence = s.value();
    }
    String type = m.get("t") instanceof Value.Str t ? t.value() : "";
    if (type.equals("READY") && d instanceof Value.Obj r) {
      sessionId = r.get("session_id") instanceof Value.Str s ? s.value() : null;
      resumeUrl = resumeUrl(r.get("resume_gateway_url"));
      identified = true;
      backoffMs = MIN_BACKOFF_MS;
      LOG.info("[Onramp::{}] identified on the Discord gateway", owner);
    } else if (type.equals("RESUMED")) {
      identified = true;
      backoffMs = MIN_BACKOFF_MS;
    }
    dispatches.accept(type, d);
  }

  private URI resumeUrl(Value v) {
    if (!(v instanceof Value.Str s) || s.value().isBlank()) {
      return null;
    }
    String query = settings.gateway().getRawQuery();
    try {
      return URI.create(s.value() + (query == null ? "" : "/?" + query));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private synchronized void beat(WebSocket ws) {
    if (ws != socket) {
      return;
    }
    if (!acked) {
      LOG.debug("[Onramp::{}] no heartbeat ack: reconnecting", owner);
      ws.abort();
      lost("the gateway did not acknowledge a heartbeat");
      return;
    }
    acked = false;
    send(ws, heartbeatPayload());
  }

  private Value heartbeatPayload() {
    return Value.obj("op", Value.of(1), "d", sequence == null ? Value.NULL : Value.of(sequence));
  }

  /** Sends {@code payload} after whatever is being sent (the client allows one send at a time). */
  private void send(WebSocket ws, Value payload) {
    String text = Json.write(payload);
    sending = sending.handle((x, e) -> null).thenCompose(x -> ws.sendText(text, true));
  }

  @Override
  public synchronized CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
    if (ws == socket) {
      if (FATAL_CLOSE_CODES.contains(status)) {
        LOG.error(
            "[Onramp::{}] the Discord gateway closed the session with {} ({}): not reconnecting;"
                + " check the token and intents",
            owner,
            status,
            reason);
        socket = null;
        stopTimers();
        identified = false;
        return null;
      }
      lost("the gateway closed the connection: " + status + " " + reason);
    }
    return null;
  }

  @Override
  public synchronized void onError(WebSocket ws, Throwable error) {
    if (ws == socket) {
      lost("gateway connection failed: " + rootMessage(error));
    }
  }

  /** The connection is gone: reconnect (resuming the session when there is one) after a delay. */
  private synchronized void lost(String why) {
    socket = null;
    identified = false;
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
    if (stopped) {
      return;
    }
    long held = errors.admit(why);
    if (held >= 0) {
      LOG.warn(
          "[Onramp::{}] {}; reconnecting in {} ms{}",
          owner,
          why,
          backoffMs,
          errors.heldBackNote(held));
    }
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    URI next = sessionId != null && resumeUrl != null ? resumeUrl : settings.gateway();
    timers.schedule(() -> connect(next), delay, TimeUnit.MILLISECONDS);
  }

  synchronized void pause() {
    paused = true;
  }

  synchronized void resume() {
    paused = false;
    if (withheld && socket != null) {
      withheld = false;
      socket.request(1);
    }
  }

  synchronized void stop() {
    stopped = true;
    identified = false;
    stopTimers();
    timers.shutdownNow();
    WebSocket ws = socket;
    socket = null;
    if (ws != null) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((x, e) -> ws.abort());
    }
  }

  private void stopTimers() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
  }

  /** The first cause that is not a wrapper, as {@code Class: message}. */
  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null
        && (c instanceof java.util.concurrent.CompletionException
            || c instanceof java.util.concurrent.ExecutionException)) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return c.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
