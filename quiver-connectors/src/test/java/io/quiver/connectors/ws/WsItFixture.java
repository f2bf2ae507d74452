package io.quiver.connectors.ws;

import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a ws integration test starts (upstreams, onramps, offramps, servers), stopped in reverse
 * order after the test (a field annotated {@code @AutoClose}), and the numbering of its request
 * events, like Tremor's ids: onramp 1, stream 0, one event id after another.
 */
final class WsItFixture implements AutoCloseable {
  private final List<AutoCloseable> started = new ArrayList<>();
  private long counter;

  /** Stops {@code resource} after the test, before whatever was added earlier. */
  void add(AutoCloseable resource) {
    started.add(resource);
  }

  /** {@link #add} for a resource the test goes on using. */
  <T extends AutoCloseable> T closeLater(T resource) {
    started.add(resource);
    return resource;
  }

  /** An upstream on an ephemeral port answering with {@code responder}; closed after the test. */
  TestUpstream upstream(Function<String, List<String>> responder) throws InterruptedException {
    return closeLater(TestUpstream.start(responder));
  }

  /** An onramp with {@code settings}, started with {@code context}; stopped after the test. */
  WsOnramp onramp(RecordingSourceContext context, WsOnrampSettings settings) throws Exception {
    WsOnramp onramp = new WsOnramp(RecordingSourceContext.ARTEFACT, settings);
    onramp.start(context);
    started.add(onramp::stop);
    return onramp;
  }

  /** A started offramp, stopped after the test. */
  WsOfframp offramp(RecordingSinkContext context, WsOfframpSettings settings) {
    WsOfframp offramp = new WsOfframp(context.artefact(), settings);
    offramp.start(context);
    started.add(offramp::stop);
    return offramp;
  }

  /** An onramp whose events go to an offramp whose replies come back: an in-process proxy. */
  record Proxy(WsOnramp onramp, WsOfframp offramp) {}

  /** Connects {@code onramp} to {@code offramp} (see {@link Bridge}); stops both after the test. */
  Proxy bridge(WsOnramp onramp, WsOfframp offramp) throws Exception {
    new Bridge().connect(onramp, offramp);
    started.add(onramp::stop);
    started.add(offramp::stop);
    return new Proxy(onramp, offramp);
  }

  /** The next request from client stream {@code stream}: {@code text}, no metadata. */
  Event request(long stream, String text) {
    return request(stream, Value.of(text), Value.EMPTY_OBJECT);
  }

  /** The next request from client stream {@code stream}: {@code data}, no metadata. */
  Event request(long stream, Value data) {
    return request(stream, data, Value.EMPTY_OBJECT);
  }

  /** The next request from client stream {@code stream}: {@code text} with {@code meta}. */
  Event request(long stream, String text, Value meta) {
    return request(stream, Value.of(text), meta);
  }

  private Event request(long stream, Value data, Value meta) {
    return new Event(new EventId(1, 0, counter++), 1000 + counter, data, meta, stream);
  }

  /** A port nothing listens on (just now). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }
}
