package io.quiver.runtime.system;

import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code system::stdout} and {@code system::stderr}: print each event, one per line. Strings are
 * printed as they are, other values as compact JSON, like Tremor's std stream offramps; a batch
 * prints a line per entry.
 */
public final class StdStreamSink implements Sink {
  private final Supplier<PrintStream> stream;

  public StdStreamSink(Supplier<PrintStream> stream) {
    this.stream = stream;
  }

  @Override
  public void start(SinkContext context) {}

  @Override
  public void onEvent(Event event) {
    if (event.batch()) {
      event.elements().forEach(this::onEvent); // a generic::batch event: one line per entry
      return;
    }
    String line = event.data() instanceof Value.Str s ? s.value() : Json.write(event.data());
    PrintStream out = stream.get();
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void stop() {}
}
