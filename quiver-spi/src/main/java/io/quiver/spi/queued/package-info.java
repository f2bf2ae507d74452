/**
 * The sink skeleton every offramp with a blocking or slow client shares: {@link
 * io.quiver.spi.queued.QueuedSender} (a bounded queue in front of a sender thread of the sink's
 * own, origins held past a high-water mark and released at half of it, the count of unanswered
 * events behind {@code Sink.drained()}, stop with the leftovers failed), {@link
 * io.quiver.spi.queued.SendTarget} (what a connector gives: its send, its probe, its close), {@link
 * io.quiver.spi.queued.Circuit} (broken and restored once each, probed once a second on the sender
 * thread while broken) and {@link io.quiver.spi.queued.ErrorEvent} (Tremor's {@code {"error",
 * "event_id"}} answer on {@code err}).
 *
 * <p>Depends on quiver-spi and quiver-value only. Nothing here runs on a pipeline thread but {@link
 * io.quiver.spi.queued.QueuedSender#offer}, which never blocks.
 */
package io.quiver.spi.queued;
