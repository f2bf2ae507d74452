package io.quiver.script;

import io.quiver.value.Value;

/** Everything one script run reads and changes: event, meta, state, args, locals, outcome. */
final class Frame {
  enum Halt {
    NONE,
    EMIT,
    EMIT_EVENT,
    DROP
  }

  Value event;
  Value meta;
  Value state;
  Value args;
  final Value[] locals;
  Halt halt = Halt.NONE;
  Value haltValue;
  String haltPort;

  /** {@code window} and {@code group} of a select; the emitted values of its aggregates. */
  Value window = Value.NULL;

  Value group = Value.NULL;
  Value[] aggregates;

  /** Ingest time and origin of the event. */
  EventContext context = EventContext.NONE;

  /** Nesting of user function calls (for the recursion limit); 0 outside any function. */
  int depth;

  /**
   * Whether this call runs on a {@link StackSegments} thread, and the calls nested on it so far.
   */
  boolean onSegment;

  int segmentCalls;

  /** The arguments of the {@code recur} this function invocation ends with, if any. */
  java.util.List<Value> recurArgs;

  Frame(Value event, Value meta, Value state, Value args, int slots) {
    this.event = event;
    this.meta = meta;
    this.state = state;
    this.args = args;
    this.locals = new Value[slots];
  }

  void emit(Value value, String port) {
    halt = Halt.EMIT;
    haltValue = value;
    haltPort = port;
  }

  void emitEvent(String port) {
    halt = Halt.EMIT_EVENT;
    haltValue = null;
    haltPort = port;
  }

  void drop() {
    halt = Halt.DROP;
  }
}
