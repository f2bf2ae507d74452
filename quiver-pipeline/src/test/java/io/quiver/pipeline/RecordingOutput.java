package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.value.Event;
import java.util.ArrayList;
import java.util.List;

/** Records what an operator emits, for operator unit tests. */
final class RecordingOutput implements Operator.Output {
  record Emitted(String port, Event event) {}

  final List<Emitted> events = new ArrayList<>();
  final List<Insight> insights = new ArrayList<>();

  @Override
  public void event(String port, Event event) {
    events.add(new Emitted(port, event));
  }

  @Override
  public void insight(Insight insight) {
    insights.add(insight);
  }

  List<String> ports() {
    return events.stream().map(Emitted::port).toList();
  }

  void clear() {
    events.clear();
    insights.clear();
  }
}
