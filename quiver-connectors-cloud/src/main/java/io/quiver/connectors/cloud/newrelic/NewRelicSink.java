package io.quiver.connectors.cloud.newrelic;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.QueuedSink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each event's logs to the Log API ({@code POST}, {@code Content-Type: application/json}, the
 * key header, {@code Content-Encoding: gzip} when compressing), one request at a time on the sink's
 * worker thread. Acked on a 2xx answer; any other answer fails the event with Tremor's text {@code
 * error sending newrelic logs} and the status and body.
 */
final class NewRelicSink extends QueuedSink {
  private static final Logger LOG = LoggerFactory.getLogger(NewRelicSink.class);

  private final NewRelicSettings settings;
  private HttpClient http;

  NewRelicSink(NewRelicSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void starting(SinkContext ctx) {
    http = Http.client();
  }

  @Override
  protected URI service() {
    return settings.endpoint();
  }

  @Override
  protected void deliver(Event event) throws Exception {
    byte[] body =
        NewRelicLogs.body(
            NewRelicLogs.payload(event, System.currentTimeMillis()), settings.compress());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.endpoint())
            .timeout(Http.REQUEST_TIMEOUT)
            .header(settings.keyHeader(), settings.key())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.compress()) {
      request.header("Content-Encoding", "gzip");
    }
    HttpResponse<String> response =
        Http.ok(
            "error sending newrelic logs",
            http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    LOG.debug("newrelic response: {} {}", response.statusCode(), response.body());
  }

  @Override
  public void stop() {
    super.stop();
    if (http != null) {
      http.close();
    }
  }
}
