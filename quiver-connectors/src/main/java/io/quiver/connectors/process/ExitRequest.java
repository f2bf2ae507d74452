package io.quiver.connectors.process;

import io.quiver.value.Value;
import java.util.Optional;

/**
 * What an event asks of the exit offramp, read as Tremor 0.11.12 reads it: a record whose {@code
 * exit} is an integer in the range of a 32-bit int is the status; its {@code delay}, when a
 * non-negative integer, the milliseconds to wait first (anything else there means no delay).
 *
 * @param status the process exit status
 * @param delayMs milliseconds to wait before ending the process
 */
record ExitRequest(int status, long delayMs) {

  /** The request {@code value} makes, or empty when it is not one (Tremor's error case). */
  static Optional<ExitRequest> of(Value value) {
    if (!(value instanceof Value.Obj record)
        || !(record.fields().get("exit") instanceof Value.Int exit)
        || exit.value() < Integer.MIN_VALUE
        || exit.value() > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    long delay =
        record.fields().get("delay") instanceof Value.Int d && d.value() > 0 ? d.value() : 0;
    return Optional.of(new ExitRequest((int) exit.value(), delay));
  }
}
