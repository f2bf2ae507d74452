package io.quiver.connectors.postgres;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code postgres} onramp: polls {@code query} over consecutive time windows on a thread
 * of its own ({@link PollLoop}), every row one event of one stream, the cursor kept in the {@code
 * cache} file ({@link CursorCache}). Not transactional, as in Tremor.
 */
final class PostgresSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSource.class);

  private final Artefact artefact;
  private final PostgresOnrampSettings settings;
  private PollLoop loop;
  private Thread thread;
  private CursorCache cache;
  private SourceContext context;
  private long stream;

  PostgresSource(Artefact artefact, PostgresOnrampSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SourceContext context) throws IOException {
    this.context = context;
    CursorCache.Opened opened = CursorCache.open(settings, OffsetDateTime.now(ZoneOffset.UTC));
    cache = opened.cache();
    LOG.info(
        "[Source::{}] polling {} from {} ({} {})",
        artefact.url(),
        settings.server(),
        TremorTime.cursor(opened.cursor().from()),
        opened.resumed() ? "resumed from" : "cursor in",
        settings.cachePath());
    PollLoop l =
        new PollLoop(
            artefact.url(), settings, opened, context, () -> OffsetDateTime.now(ZoneOffset.UTC));
    stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                l.pause(true);
              }

              @Override
              public void resume() {
                l.pause(false);
              }
            });
    l.stream(stream);
    loop = l;
    thread =
        Thread.ofPlatform()
            .name("postgres-in-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(loop);
  }

  @Override
  public void stopAccepting() {
    PollLoop l = loop;
    if (l != null) {
      l.stop();
    }
  }

  @Override
  public void stop() {
    PollLoop l = loop;
    if (l == null) {
      return;
    }
    l.stop();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    context.closeStream(stream);
    try {
      cache.close();
    } catch (IOException e) {
      LOG.debug("[Source::{}] closing {}: {}", artefact.url(), settings.cachePath(), e.toString());
    }
    loop = null;
  }

  /** Rows handed on so far (tests). */
  long rows() {
    PollLoop l = loop;
    return l == null ? 0 : l.rows();
  }
}
