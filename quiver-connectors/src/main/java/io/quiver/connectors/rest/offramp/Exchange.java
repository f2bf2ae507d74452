package io.quiver.connectors.rest.offramp;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.quiver.value.Event;

/**
 * One event's request, from being taken to its one answer: where it is (waiting for a slot, on a
 * connection), its timeout, and whether it was answered. Confined to its dispatcher's loop; the
 * connection's {@link ExchangeHandler} reports to it, and it hands the report to its {@link
 * Dispatcher}.
 */
final class Exchange implements ExchangeHandler.Listener {
  final Event event;
  final OutgoingRequest request;

  /** Where its response is decoded and handed on: its dispatcher's loop. */
  final EventLoop home;

  private final Dispatcher dispatcher;

  /** The connection carrying the request, or null (waiting, connecting). */
  Channel channel;

  /** When its {@code request_timeout_ms} expires, on its dispatcher's loop clock. */
  long dueNs;

  /** When it was taken ({@link System#nanoTime}). */
  final long startNs = System.nanoTime();

  /** Whether the request was sent again on a new connection after a stale one failed it. */
  boolean retried;

  /** Whether it holds one of the {@code concurrency} slots. */
  boolean inFlight;

  /** Whether it was answered: nothing else may happen to it. */
  boolean answered;

  /** Its neighbours in its dispatcher's {@link ActiveList}, while it is in it. */
  Exchange prevActive;

  Exchange nextActive;

  boolean isActive;

  Exchange(Event event, OutgoingRequest request, EventLoop home, Dispatcher dispatcher) {
    this.event = event;
    this.request = request;
    this.home = home;
    this.dispatcher = dispatcher;
  }

  @Override
  public void onResponse(UpstreamResponse response) {
    dispatcher.responded(this, response);
  }

  @Override
  public void onFailure(String cause, boolean beforeResponse) {
    dispatcher.failed(this, cause, beforeResponse);
  }
}
