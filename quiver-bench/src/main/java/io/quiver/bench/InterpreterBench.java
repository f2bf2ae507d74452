package io.quiver.bench;

import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.script.ModulePath;
import io.quiver.script.Script;
import io.quiver.script.ScriptException;
import io.quiver.script.ScriptOutcome;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The tremor-script interpreter on typical per-event scripts (one log record per operation), the
 * compile time of a typical script, and one Trickle pipeline ({@code select ... where ... group by}
 * over a tumbling window) per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class InterpreterBench {

  /** Nested path access, array index and let bindings building a small record. */
  static final String PATH_LET =
      """
      let app = event.application;
      let first = event.name.first;
      let lat = event.location.lat;
      let tag = event.tags[1];
      let n = event.aint + 1;
      let $routing = {"app": app};
      {"app": app, "who": first, "lat": lat, "tag": tag, "n": n, "ok": event.abool or n > 50}
      """;

  /** A record pattern with the json, re and dissect extractors, then a match on literals. */
  static final String MATCH_EXTRACT =
      """
      let parsed = match event of
        case r = %{ payload ~= json||, line ~= re|^(?P<ip>[^ ]+) [^"]*"(?P<method>[A-Z]+) (?P<path>[^ ]+)|, kv ~= dissect|%{level} %{code} %{rest}| } =>
          {"level": r.payload.level, "method": r.line.method, "path": r.line.path, "code": r.kv.code}
        default => {}
      end;
      match event.short_message of
        case "info" => {"severity": 6, "parsed": parsed}
        case "ERROR" => {"severity": 3, "parsed": parsed}
        case _ when event.aint > 90 => {"severity": 5, "parsed": parsed}
        default => {"severity": 7, "parsed": parsed}
      end
      """;

  /** patch with every operation, then merge. */
  static final String PATCH_MERGE =
      """
      let e = patch event of
        insert "processed" => true,
        update "aint" => event.aint * 2,
        erase "about",
        upsert "tags" => ["x", "y"],
        merge "name" => {"middle": "q"},
        copy "guid" => "id"
      end;
      merge e of {"meta": {"pipeline": "bench", "hops": 1}, "abool": null} end
      """;

  /** for comprehensions over an array and over a record, with a guard. */
  static final String FOR_ARRAY_RECORD =
      """
      let tags = for event.tags of
        case (i, t) when t != "tag0" => "#{i}:#{t}"
      end;
      let fields = for event.name of
        case (k, v) => "#{k}=#{v}"
      end;
      {"tags": tags, "fields": fields}
      """;

  /** string::format, string::split and interpolation. */
  static final String STRINGS =
      """
      let s = string::format("{} at {} ({})", event.short_message, event.guid, event.aint);
      let words = string::split(event.about, " ");
      let msg = "#{event.name.first} #{event.name.last}: #{event.short_message} (#{event.aint})";
      {"s": s, "words": array::len(words), "msg": msg, "up": string::uppercase(event.short_message)}
      """;

  /** A typical mid-size script (the per-event scripts together), for the compile benchmark. */
  static final String TYPICAL =
      String.join(
              ";\n",
              PATH_LET.strip(),
              MATCH_EXTRACT.strip(),
              PATCH_MERGE.strip(),
              FOR_ARRAY_RECORD.strip(),
              STRINGS.strip())
          + "\n";

  /** Trickle: where filter, tumbling window of 100 events, group by application. */
  static final String QUERY =
      """
      define tumbling window hundred with size = 100 end;
      select {
        "application": group[0],
        "count": aggr::stats::count(),
        "mean": aggr::stats::mean(event.aint),
        "max": aggr::stats::max(event.afloat)
      }
      from in[hundred] where event.aint > 10 group by set(event.application) into out;
      """;

  private Value event;
  private Script pathLet;
  private Script matchExtract;
  private Script patchMerge;
  private Script forArrayRecord;
  private Script strings;
  private Pipeline pipeline;
  private Event[] events;
  private int next;

  @Setup
  public void setup() throws ScriptException {
    event = event(new Random(1), 0);
    pathLet = compile(PATH_LET);
    matchExtract = compile(MATCH_EXTRACT);
    patchMerge = compile(PATCH_MERGE);
    forArrayRecord = compile(FOR_ARRAY_RECORD);
    strings = compile(STRINGS);
    check(matchExtract, "\"method\":\"GET\"");
    check(forArrayRecord, "\"fields\":[");
    PipelineDefinition def = PipelineCompiler.compile(QUERY, "bench.trickle", "bench");
    Random r = new Random(2);
    events = new Event[1024];
    for (int i = 0; i < events.length; i++) {
      events[i] = new Event(new EventId(1, 0, i), i, event(r, i), Value.EMPTY_OBJECT, 0);
    }
    StringBuilder emitted = new StringBuilder();
    Pipeline probe = def.instantiate();
    for (Event e : events) {
      probe.onEvent(
          "in",
          e,
          (port, ev) ->
              emitted
                  .append(port)
                  .append(' ')
                  .append(io.quiver.value.Json.write(ev.data()))
                  .append('\n'));
    }
    if (!emitted.toString().startsWith("out {\"application\":\"app")) {
      throw new IllegalStateException("benchmark query gives " + emitted);
    }
    pipeline = def.instantiate();
  }

  private static Script compile(String text) throws ScriptException {
    return Script.compile(text, "bench.tremor", ModulePath.EMPTY);
  }

  private void check(Script s, String expected) {
    String out = io.quiver.value.Json.write(run(s).value());
    if (!out.contains(expected)) {
      throw new IllegalStateException("benchmark script gives " + out);
    }
  }

  /** A Samples log record with the fields the scripts read: application, payload, line, kv. */
  static Value event(Random r, int i) {
    Value.Obj base = (Value.Obj) Samples.record(r);
    java.util.LinkedHashMap<String, Value> m = new java.util.LinkedHashMap<>(base.fields());
    m.put("application", Value.of("app" + r.nextInt(8)));
    m.put(
        "payload",
        Value.of(
            "{\"level\":\"warn\",\"user\":{\"id\":"
                + i
                + ",\"roles\":[\"a\",\"b\"]},\"ok\":true}"));
    m.put(
        "line",
        Value.of(
            "10.0.0."
                + r.nextInt(255)
                + " - - [19/Jun/1998:22:00:01 +0000] \"GET /english/page"
                + i
                + ".htm HTTP/1.0\" 200 "
                + r.nextInt(50_000)));
    m.put("kv", Value.of("WARN " + (400 + r.nextInt(100)) + " upstream timed out after 30s"));
    return Value.obj(m);
  }

  private ScriptOutcome run(Script s) {
    return s.run(event, Value.EMPTY_OBJECT, Value.NULL);
  }

  @Benchmark
  public Script compileTypical() throws ScriptException {
    return compile(TYPICAL);
  }

  @Benchmark
  public ScriptOutcome pathLet() {
    return run(pathLet);
  }

  @Benchmark
  public ScriptOutcome matchExtract() {
    return run(matchExtract);
  }

  @Benchmark
  public ScriptOutcome patchMerge() {
    return run(patchMerge);
  }

  @Benchmark
  public ScriptOutcome forArrayRecord() {
    return run(forArrayRecord);
  }

  @Benchmark
  public ScriptOutcome strings() {
    return run(strings);
  }

  /**
   * One event through the windowed, grouped select (every 100th accepted event per group emits).
   */
  @Benchmark
  public void trickleWindowGroupBy(Blackhole bh) {
    Event e = events[next++ & (events.length - 1)];
    pipeline.onEvent("in", e, (port, ev) -> bh.consume(ev));
  }
}
