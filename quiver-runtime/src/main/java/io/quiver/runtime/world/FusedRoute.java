package io.quiver.runtime.world;

import io.quiver.spi.PassThrough;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.metrics.LatencyHistogram;

/**
 * A fused pass-through as the runtime gives it to the onramp's source: the onramp's event numbers,
 * and the counts of every port the events would have passed, taken when the route was made (the
 * route is taken back before any of its links changes).
 */
final class FusedRoute implements PassThrough {
  private final OnrampInstance onramp;
  private final OfframpInstance offramp;
  private final String description;
  private final String codec;
  private final boolean lineFramed;
  private final EventCount onrampOut;
  private final EventCount outIn;
  private final EventCount outOut;
  private final EventCount offrampOut;
  private final EventCount backIn;
  private final EventCount backOut;
  private final LatencyHistogram outLatency;
  private final LatencyHistogram backLatency;

  FusedRoute(
      OnrampInstance onramp,
      PipelineRunner out,
      OfframpInstance offramp,
      PipelineRunner back,
      String codec,
      boolean lineFramed,
      String description) {
    this.onramp = onramp;
    this.codec = codec;
    this.lineFramed = lineFramed;
    this.offramp = offramp;
    this.description = description;
    this.onrampOut = onramp.outputs().sentCount(Ports.OUT);
    this.outIn = out.receivedOn(Ports.IN);
    this.outOut = out.outputs().sentCount(Ports.OUT);
    this.offrampOut = offramp.outputs().sentCount(Ports.OUT);
    this.backIn = back.receivedOn(Ports.IN);
    this.backOut = back.outputs().sentCount(Ports.OUT);
    this.outLatency = out.latency();
    this.backLatency = back.latency();
  }

  @Override
  public long onrampUid() {
    return onramp.uid();
  }

  @Override
  public long nextEventNumber() {
    return onramp.nextEventNumber();
  }

  @Override
  public void countRequest() {
    onrampOut.incrementAnyThread();
    outIn.incrementAnyThread();
    outOut.incrementAnyThread();
    offramp.countFusedIn();
  }

  @Override
  public void countReply() {
    offrampOut.incrementAnyThread();
    backIn.incrementAnyThread();
    backOut.incrementAnyThread();
    onramp.countFusedReply();
  }

  @Override
  public String codec() {
    return codec;
  }

  @Override
  public void timeRequest(long nanos) {
    outLatency.recordNanos(nanos);
  }

  @Override
  public void timeReply(long nanos) {
    backLatency.recordNanos(nanos);
  }

  @Override
  public boolean lineFramed() {
    return lineFramed;
  }

  @Override
  public Sink sink() {
    return offramp.sink();
  }

  @Override
  public String describe() {
    return description;
  }
}
