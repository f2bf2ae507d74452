package io.quiver.connectors.cloud.pubsub;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.google.GoogleAccess;
import io.quiver.connectors.cloud.google.GoogleKeys;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.PullGate;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.config.Config;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's gsub onramp: a thread of its own pulls up to 50 messages at a time from {@code
 * projects/P/subscriptions/S}, hands each message's data to the runtime (one stream; the onramp's
 * preprocessors and codec make the events) with meta {@code {"message_id": id,
 * "acknowledgement_id": ack}}, then acknowledges the batch, as Tremor does (not transactional: a
 * message is acknowledged once it is taken, not once it is delivered). While the stream is paused
 * (backpressure, a broken circuit downstream) it does not pull; while the service cannot be reached
 * it retries every {@link #RETRY_MS} ms and logs (rate limited).
 */
final class GsubSource implements Source {
  static final long RETRY_MS = 1000;
  static final long EMPTY_WAIT_MS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(GsubSource.class);

  private final Config config;
  private final Map<String, String> env;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final PullGate gate = new PullGate();
  private SourceContext context;
  private HttpClient http;
  private PubsubApi api;
  private String project;
  private String subscription;
  private long stream;
  private Thread puller;

  GsubSource(Config config, Map<String, String> env) {
    this.config = config;
    this.env = env;
  }

  @Override
  public void start(SourceContext ctx) throws IOException {
    this.context = ctx;
    http = Http.client();
    GoogleAccess access =
        GoogleAccess.resolve(
            config, PubsubApi.DEFAULT_BASE, PubsubApi.EMULATOR_VARIABLE, env, http);
    project =
        config.has(GsubProvider.PROJECT_ID)
            ? config.string(GsubProvider.PROJECT_ID)
            : access.projectId();
    if (project == null) {
      throw new IOException(
          "[Onramp::"
              + ctx.artefact().url()
              + "] Error getting `project id` in gsub: set the configuration key `"
              + GsubProvider.PROJECT_ID
              + "` or use a service-account file with a `project_id` (`"
              + GoogleKeys.CREDENTIALS
              + "`)");
    }
    subscription = config.string(GsubProvider.SUBSCRIPTION);
    api = new PubsubApi(http, access);
    stream = ctx.openStream(gate);
    puller =
        Thread.ofPlatform()
            .name("quiver-gsub-" + ctx.artefact().id())
            .daemon(true)
            .start(this::pullLoop);
  }

  private void pullLoop() {
    while (!gate.closed()) {
      try {
        if (!gate.awaitOpen()) {
          return;
        }
        List<PubsubApi.Received> batch = api.pull(project, subscription);
        if (batch.isEmpty()) {
          gate.sleep(EMPTY_WAIT_MS);
          continue;
        }
        List<String> acks = new ArrayList<>(batch.size());
        for (PubsubApi.Received r : batch) {
          Value meta =
              Value.obj(
                  "message_id", Value.of(r.messageId()),
                  "acknowledgement_id", Value.of(r.ackId()));
          context.receive(stream, r.data(), meta, true);
          acks.add(r.ackId());
        }
        api.acknowledge(project, subscription, acks);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (gate.closed()) {
          return;
        }
        long held = errors.admit(e.getClass().getName());
        if (held >= 0) {
          LOG.warn(
              "[Onramp::{}] pulling from {} failed (retrying every {} ms): {}{}",
              context.artefact().url(),
              subscription,
              RETRY_MS,
              e.getMessage() == null ? e.toString() : e.getMessage(),
              errors.heldBackNote(held));
        }
        try {
          gate.sleep(RETRY_MS);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void stopAccepting() {
    gate.close();
    Thread t = puller;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public void stop() {
    stopAccepting();
    Thread t = puller;
    if (t != null) {
      try {
        t.join(Http.CONNECT_TIMEOUT.toMillis());
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
