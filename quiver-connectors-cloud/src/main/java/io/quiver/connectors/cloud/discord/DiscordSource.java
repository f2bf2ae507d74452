package io.quiver.connectors.cloud.discord;

import io.quiver.connectors.cloud.Http;
import io.quiver.spi.FlowControl;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.http.HttpClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's discord onramp: gateway dispatches become events on one stream (as JSON through the
 * onramp's codec, json by default; Tremor handed the records over without a codec), and replies to
 * it become REST calls, run in order on a worker thread of its own behind a bounded queue (a reply
 * that finds it full is dropped and logged, as is a call that fails: Tremor logged them).
 */
final class DiscordSource implements Source {
  static final int REPLY_QUEUE = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(DiscordSource.class);

  private final DiscordSettings settings;
  private final DiscordEvents events = new DiscordEvents();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SourceContext context;
  private HttpClient http;
  private Gateway gateway;
  private DiscordRest rest;
  private ThreadPoolExecutor replies;
  private long stream;

  DiscordSource(DiscordSettings settings) {
    this.settings = settings;
  }

  @Override
  public void start(SourceContext ctx) {
    this.context = ctx;
    String owner = ctx.artefact().url();
    http = Http.client();
    rest = new DiscordRest(http, settings.api(), settings.token());
    replies =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(REPLY_QUEUE),
            r ->
                Thread.ofPlatform()
                    .name("quiver-discord-replies-" + ctx.artefact().id())
                    .daemon(true)
                    .unstarted(r));
    gateway = new Gateway(settings, http, this::dispatched, owner);
    stream =
        ctx.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                gateway.pause();
              }

              @Override
              public void resume() {
                gateway.resume();
              }
            });
    gateway.start();
  }

  private void dispatched(String type, Value d) {
    Value event = events.toEvent(type, d);
    if (event != null) {
      context.receive(stream, Json.writeBytes(event), Value.EMPTY_OBJECT, true);
    }
  }

  @Override
  public void reply(Event event) {
    for (Event e : event.elements()) {
      try {
        replies.execute(() -> run(e.data()));
      } catch (RejectedExecutionException x) {
        logError("reply dropped: " + (replies.isShutdown() ? "stopped" : "too many queued"));
      }
    }
  }

  private void run(Value reply) {
    for (DiscordReplies.Call call : DiscordReplies.calls(reply)) {
      try {
        Value answer = rest.call(call.method(), call.path(), call.body());
        if (!call.reactions().isEmpty()
            && answer instanceof Value.Obj o
            && o.get("id") instanceof Value.Str id) {
          for (String emoji : call.reactions()) {
            rest.call("PUT", call.path() + "/" + id.value() + "/reactions/" + emoji + "/@me", null);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        logError("Discord send error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }
  }

  private void logError(String message) {
    long held = errors.admit(message);
    if (held >= 0) {
      LOG.error("[Onramp::{}] {}{}", context.artefact().url(), message, errors.heldBackNote(held));
    }
  }

  /** Whether the gateway session is up (tests). */
  boolean identified() {
    return gateway != null && gateway.identified();
  }

  @Override
  public void stopAccepting() {
    if (gateway != null) {
      gateway.stop();
    }
  }

  @Override
  public void stop() {
    stopAccepting();
    if (replies != null) {
      replies.shutdown();
      try {
        replies.awaitTermination(Http.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (http != null) {
      http.close();
    }
    if (context != null) {
      context.closeStream(stream);
    }
  }
}
