package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ScriptException;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

  record Emitted(String port, Event event) {}

  static List<Emitted> send(Pipeline p, String port, Event e) {
    List<Emitted> out = new ArrayList<>();
    p.onEvent(port, e, (outPort, event) -> out.add(new Emitted(outPort, event)));
    return out;
  }

  static Event event(String json) throws Exception {
    return new Event(
        new EventId(1, 0, 9), 1234, Json.parse(json), Value.obj("binary", Value.TRUE), 77);
  }

  /** Sends {@code event} to port "in"; returns the errors, failing on anything emitted. */
  private static List<PipelineError> onlyErrors(Pipeline p, Event event) {
    List<PipelineError> errors = new ArrayList<>();
    p.onEvent(
        "in",
        event,
        new Emitter() {
          @Override
          public void emit(String port, Event emitted) {
            throw new AssertionError("nothing but the error expected, got " + port);
          }

          @Override
          public void error(PipelineError error) {
            errors.add(error);
          }
        });
    return errors;
  }

  @Test
  void passthroughForwardsTheSameEventUnchanged() throws Exception {
    Pipeline p =
        PipelineCompiler.compile("select event from in into out;", "pass.trickle", "pass")
            .instantiate();
    Event e = event("{\"snot\":\"badger\"}");

    List<Emitted> out = send(p, "in", e);

    assertThat(out).containsExactly(new Emitted("out", e));
    assertThat(out.get(0).event()).isSameAs(e);
    assertThat(p.id()).isEqualTo("pass");
  }

  @Test
  void onlyABareSelectEventSkipsTheGraphWalk() throws Exception {
    assertThat(bare("select event from in into out;")).isEqualTo("out");
    assertThat(bare("select event from in into err;")).isEqualTo("err");
    assertThat(bare("select event from in where event.x == 1 into out;")).isNull();
    assertThat(bare("select event.x from in into out;")).isNull();
    assertThat(bare("select event from in into out; select event from in into err;")).isNull();
    assertThat(bare("create stream s; select event from in into s; select event from s into out;"))
        .isNull();
    // the skip changes nothing a user sees: same event, and transactional events still carry the
    // pipeline's operator meta so their acks come back to it
    Pipeline p =
        PipelineCompiler.compile("select event from in into out;", "pass.trickle", "pass")
            .instantiate();
    Event tx = event("{}").withTransit(io.quiver.value.Transit.NONE.withTransactional(true));
    Event sent = send(p, "in", tx).get(0).event();
    assertThat(sent.transit().hasOpMeta(p.uid())).isTrue();
  }

  private static String bare(String query) throws Exception {
    GraphPipeline p =
        (GraphPipeline) PipelineCompiler.compile(query, "q.trickle", "q").instantiate();
    return p.passThroughPort();
  }

  @Test
  void configDirectivesSetIdAndAreKept() throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            """
        #!config id = "main"
        #!config metrics_interval_s = 10
        select event from in into out;
        """,
            "x.trickle",
            "x");

    assertThat(def.id()).isEqualTo("main");
    assertThat(def.config())
        .containsExactly(
            java.util.Map.entry("id", Value.of("main")),
            java.util.Map.entry("metrics_interval_s", Value.of(10)));
    assertThat(def.instantiate().id()).isEqualTo("main");
  }

  @Test
  void scriptKeepsIdIngestAndStreamAndAppliesMetaChanges() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        define script tag
        script
          let $correlation = event.id;
          let $binary = false;
          {"tagged": event.id, "ingest": system::ingest_ns()}
        end;
        create script tag;
        select event from in into tag;
        select event from tag into out;
        """,
                "tag.trickle",
                "tag")
            .instantiate();

    List<Emitted> out = send(p, "in", event("{\"id\":\"c1\"}"));

    assertThat(out).hasSize(1);
    Event e = out.get(0).event();
    assertThat(e.id()).isEqualTo(new EventId(1, 0, 9));
    assertThat(e.ingestNs()).isEqualTo(1234);
    assertThat(e.stream()).isEqualTo(77);
    assertThat(Json.write(e.data())).isEqualTo("{\"tagged\":\"c1\",\"ingest\":1234}");
    assertThat(Json.write(e.meta())).isEqualTo("{\"binary\":false,\"correlation\":\"c1\"}");
  }

  @Test
  void outputPortsByName() throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            """
        define script route
        script
          match event of
            case "a" => emit => "alpha"
            case "bad" => event.nope
            default => event
          end
        end;
        create script route;
        select event from in into route;
        select event from route into out;
        select event from route/alpha into out/alpha;
        select event from route/err into err;
        """,
            "route.trickle",
            "route");
    Pipeline p = def.instantiate();

    assertThat(send(p, "in", event("\"a\""))).extracting(Emitted::port).containsExactly("alpha");
    assertThat(send(p, "in", event("\"b\""))).extracting(Emitted::port).containsExactly("out");
    List<Emitted> err = send(p, "in", event("\"bad\""));
    assertThat(err).extracting(Emitted::port).containsExactly("err");
    assertThat(Json.write(err.get(0).event().data()))
        .isEqualTo(
            "{\"error\":"
                + "\"Error: \\n    5 |     case \\\"bad\\\" => event.nope\\n"
                + "      | "
                + " ".repeat(24)
                + "^^^^ Conflicting types, got string but expected record\\n\\n\","
                + "\"event\":\"bad\"}");
    assertThat(def.outputPorts()).contains("out", "err", "alpha");
  }

  @Test
  void eachEventFansOutInTremorsOrder() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        select "first" from in into out;
        select "second" from in into out;
        select "third" from in into err;
        """,
                "fan.trickle",
                "fan")
            .instantiate();

    List<Emitted> out = send(p, "in", event("1"));

    assertThat(out)
        .extracting(e -> e.port() + ":" + Json.write(e.event().data()))
        .containsExactly("out:\"first\"", "out:\"second\"", "err:\"third\"");
  }

  @Test
  void instancesHaveIndependentState() throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            """
        define script count
        script
          let state = match state of case null => 1 default => state + 1 end;
          state
        end;
        create script count;
        select event from in into count;
        select event from count into out;
        """,
            "count.trickle",
            "count");
    Pipeline a = def.instantiate();
    Pipeline b = def.instantiate();

    send(a, "in", event("null"));
    send(a, "in", event("null"));

    assertThat(send(a, "in", event("null")).get(0).event().data()).isEqualTo(Value.of(3));
    assertThat(send(b, "in", event("null")).get(0).event().data()).isEqualTo(Value.of(1));
  }

  @Test
  void aFailingSelectSendsTheEventOutOfErrInTremorsScriptErrorShape() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                "select event.a from in where event.b into out;", "sel.trickle", "sel")
            .instantiate();
    Event missing = event("{\"b\":true}");

    List<Emitted> out = send(p, "in", missing);

    assertThat(out).hasSize(1);
    Event err = out.get(0).event();
    assertThat(out.get(0).port()).isEqualTo("err");
    assertThat(Json.write(err.data()))
        .isEqualTo(
            Json.write(
                Value.obj(
                    "error",
                        Value.of(
                            "Error: \n"
                                + "    1 | select event.a from in where event.b into out;\n"
                                + "      |              ^ Trying to access a non existing event key `a`\n"
                                + "      |                NOTE: Did you mean to use `b`?\n"
                                + "\n"),
                    "event", missing.data())));
    assertThat(err.id()).isEqualTo(missing.id());
    assertThat(err.stream()).isEqualTo(missing.stream());
    assertThat(err.meta()).isEqualTo(missing.meta());
    assertThat(send(p, "in", event("{\"a\":1,\"b\":true}")))
        .extracting(e -> e.event().data())
        .containsExactly(Value.of(1));
  }

  @Test
  void aFailingSelectReportsOneLineWithItsPlaceToTheRuntime() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                "select event.a from in where event.b into out;", "sel.trickle", "sel")
            .instantiate();
    List<PipelineError> errors = onlyErrors(p, event("{\"a\":1,\"b\":\"not a bool\"}"));

    assertThat(errors)
        .extracting(PipelineError::message)
        .containsExactly("Conflicting types, got string but expected boolean");
  }

  @Test
  void aScriptErrorWithNothingOnTheScriptsErrPortLeavesThePipelineOnErr() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        define script s
        script
          event.x + 1
        end;
        create script s;
        select event from in into s;
        select event from s into out;
        """,
                "s.trickle",
                "s")
            .instantiate();
    List<PipelineError> errors = onlyErrors(p, event("{}"));

    assertThat(errors)
        .extracting(PipelineError::message)
        .containsExactly("s.trickle:3:9: Trying to access a non existing event key `x`");
    assertThat(errors.get(0).errorData()).isInstanceOf(Value.Obj.class);
    assertThat(((Value.Obj) errors.get(0).errorData()).get("event")).isEqualTo(Value.obj());
  }

  @Test
  void unknownInputPortDropsTheEvent() throws Exception {
    Pipeline p =
        PipelineCompiler.compile("select event from in into out;", "p.trickle", "p").instantiate();

    assertThat(send(p, "nope", event("1"))).isEmpty();
  }

  @Test
  void unknownNodeNamesTheNodeAndTheLocation() {
    assertThatThrownBy(
            () ->
                PipelineCompiler.compile(
                    "select event from in into out;\nselect event from nonexistent into out;\n",
                    "bad.trickle",
                    "bad"))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e -> {
              assertThat(e.sourceName()).isEqualTo("bad.trickle");
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(19);
              assertThat(e.getMessage())
                  .isEqualTo(
                      """
              bad.trickle:2:19: Stream used in `from` or `into` is not defined: nonexistent
              Error: \n\
                  2 | select event from nonexistent into out;
                    |                   ^^^^^^^^^^^ Stream used in `from` or `into` is not defined: nonexistent

              """);
            });
  }
}
