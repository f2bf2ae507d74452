package io.quiver.pipeline;

import io.quiver.script.ScriptRuntimeException;
import io.quiver.value.Event;
import io.quiver.value.Value;

/**
 * An event that died inside a pipeline: a runtime error that nothing in the query handles (a {@code
 * select} whose expression fails, a script whose {@code err} port leads nowhere), or a failure the
 * runtime caught around the pipeline.
 *
 * @param event the event as it was when it failed
 * @param message one line: what went wrong and where, e.g. {@code pass.trickle:1:8: Trying to
 *     access a non existing event key `foo`}
 * @param script the script error, with its source position, when there is one; else null
 * @param causeKey what stays the same from one event to the next for this cause when the message
 *     varies (e.g. names the group that did not fit), else null: see {@link #cause()}
 */
public record PipelineError(
    Event event, String message, ScriptRuntimeException script, String causeKey) {

  /**
   * A script error in {@code event}. The message names the file without its directories: it goes to
   * clients, who have no business knowing the server's paths.
   */
  public static PipelineError of(Event event, ScriptRuntimeException e) {
    String file =
        e.sourceName()
            .substring(
                Math.max(e.sourceName().lastIndexOf('/'), e.sourceName().lastIndexOf('\\')) + 1);
    return new PipelineError(
        event, file + ":" + e.line() + ":" + e.column() + ": " + e.problem(), e, null);
  }

  /** Another failure of {@code event} (no source position). */
  public static PipelineError of(Event event, String message) {
    return new PipelineError(event, message, null, null);
  }

  /** Another failure of {@code event}, whose message varies within one {@code cause}. */
  public static PipelineError of(Event event, String message, String cause) {
    return new PipelineError(event, message, null, cause);
  }

  /**
   * What stays the same from one event to the next for one cause: the script position (its message
   * may quote the event), or the first line of the message. Logs are rate-limited by it.
   */
  public String cause() {
    if (causeKey != null) {
      return causeKey;
    }
    if (script != null) {
      return script.sourceName() + ":" + script.line() + ":" + script.column();
    }
    return message.lines().findFirst().orElse(message);
  }

  /**
   * Tremor's rendering: the source excerpt with the caret for a script error, else {@code Error:
   * message}.
   */
  public String rendered() {
    return script != null ? script.render() : "Error: " + message + "\n";
  }

  /**
   * The data of the event on the pipeline's {@code err} port. The shape is the one Tremor 0.11
   * gives a script error inside a pipeline (tremor-pipeline/src/op/trickle/script.rs: {@code
   * {"error": <rendered error>, "event": <the event's data>}}). In a deployment a failing select's
   * event is only logged, as in Tremor (src/pipeline.rs); {@link Emitter}'s default still sends it
   * out of {@code err} for callers that want to see it.
   */
  public Value errorData() {
    return Value.obj(
        "error", Value.of(script != null ? script.render() : message), "event", event.data());
  }

  /**
   * The event on the pipeline's {@code err} port: same id, stream and meta, {@link #errorData} as
   * data.
   */
  public Event errorEvent() {
    return event.withData(errorData());
  }
}
