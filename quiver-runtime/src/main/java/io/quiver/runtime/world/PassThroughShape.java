package io.quiver.runtime.world;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Ports;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, from the links of every active binding instance and what the ramps and pipelines are,
 * whether an onramp is the start of a fused websocket pass-through: its {@code out} goes only to a
 * pipeline that only passes events on, which goes only to a linked ws offramp, whose {@code out}
 * goes only to another such pipeline, whose {@code out} goes only back to the onramp's {@code in}
 * (the proxy of Tremor's websocket example; other inputs of the onramp's {@code in} may only be
 * pipelines fed by nothing but {@code err} ports, whose answers take the usual way). Payloads must
 * pass unchanged: codecs {@code string} or {@code binary}, the same on both ramps, and no pre- or
 * postprocessors, or only the pair of the seed's proxy: {@code lines} as the onramp's preprocessor
 * and the offramp's postprocessor, which give back any message that is one line ending in {@code
 * \n} as it was ({@link Fused#lineFramed}: the connector passes only those and sends the others the
 * usual way). Anything that counts or reports per event besides the port counts ({@code
 * metrics_interval_s} on a ramp or pipeline) keeps the usual path. The ramps' connectors then
 * decide what they can fuse themselves ({@link io.quiver.spi.PassThroughSource}).
 */
final class PassThroughShape {
  /** The codecs that hand a frame's bytes on unchanged. */
  static final Set<String> PASSING_CODECS = Set.of("string", "binary");

  static final String WS = "ws";

  /** The processors of the seed's proxy: the onramp splits lines, the offramp ends each again. */
  private static final List<String> LINES = List.of("lines");

  /** What the shape needs to know of a ramp. */
  record Ramp(
      String type,
      boolean linked,
      String codec,
      List<String> preprocessors,
      List<String> postprocessors,
      boolean reportsMetrics) {}

  /**
   * What the shape needs to know of a pipeline instance.
   *
   * @param passThroughPort the one port a bare {@code select event from in into <port>} emits on
   *     (decided from the compiled query), else null
   */
  record Pipe(String passThroughPort, boolean reportsMetrics) {}

  /** The verdict for one onramp instance. */
  sealed interface Verdict {}

  /**
   * The onramp fuses with {@code offramp}: requests through {@code out}, replies through back.
   *
   * @param lineFramed requests pass the onramp's {@code lines} preprocessor and the offramp's
   *     {@code lines} postprocessor: only a message that is one line ending in {@code \n} passes
   *     unchanged
   */
  record Fused(String onramp, String out, String offramp, String back, boolean lineFramed)
      implements Verdict {
    String describe() {
      return onramp + " -> " + out + " -> " + offramp + " -> " + back + " -> " + onramp;
    }
  }

  record NotFused(String why) implements Verdict {}

  private PassThroughShape() {}

  /**
   * @param onramp the onramp instance's path, e.g. {@code /onramp/ws/01}
   * @param links every link of the active binding instances
   */
  static Verdict judge(
      String onramp,
      List<ResolvedLink> links,
      Function<String, Ramp> onramps,
      Function<String, Ramp> offramps,
      Function<String, Pipe> pipelines) {
    Ramp in = onramps.apply(onramp);
    String problem = passing(in, "the onramp");
    if (problem != null) {
      return new NotFused(problem);
    }
    String out = onlyTarget(links, onramp, Ports.OUT, ResourceType.PIPELINE, Ports.IN);
    if (out == null) {
      return new NotFused("the onramp's out does not go to exactly one pipeline's in");
    }
    problem = identity(pipelines.apply(out), out);
    if (problem != null) {
      return new NotFused(problem);
    }
    if (!onlySources(links, out, List.of(onramp + "/" + Ports.OUT))) {
      return new NotFused(out + " has other inputs than the onramp's out");
    }
    String offramp = onlyTarget(links, out, Ports.OUT, ResourceType.OFFRAMP, Ports.IN);
    if (offramp == null || fromAny(links, out, Ports.OUT) != 1) {
      return new NotFused(out + "'s out does not go to exactly one offramp");
    }
    Ramp sink = offramps.apply(offramp);
    problem = passing(sink, "the offramp");
    if (problem != null) {
      return new NotFused(problem);
    }
    if (!sink.codec().equals(in.codec())) {
      return new NotFused("the onramp and the offramp have different codecs");
    }
    if (!in.postprocessors().isEmpty()) {
      return new NotFused("the onramp has postprocessors (they would change replies)");
    }
    if (!sink.preprocessors().isEmpty()) {
      return new NotFused("the offramp has preprocessors (they would change replies)");
    }
    boolean lineFramed = LINES.equals(in.preprocessors()) && LINES.equals(sink.postprocessors());
    if (!lineFramed && !(in.preprocessors().isEmpty() && sink.postprocessors().isEmpty())) {
      return new NotFused(
          "the onramp's preprocessors "
              + in.preprocessors()
              + " and the offramp's postprocessors "
              + sink.postprocessors()
              + " change requests (only none, or lines on both, pass)");
    }
    if (!onlySources(links, offramp, List.of(out + "/" + Ports.OUT))) {
      return new NotFused(offramp + " has other inputs than " + out);
    }
    String back = onlyTarget(links, offramp, Ports.OUT, ResourceType.PIPELINE, Ports.IN);
    if (back == null) {
      return new NotFused("the offramp's out does not go to exactly one pipeline's in");
    }
    problem = identity(pipelines.apply(back), back);
    if (problem != null) {
      return new NotFused(problem);
    }
    // the offramp's errors may come back through the same pipeline: they take the usual path
    if (!onlySources(links, back, List.of(offramp + "/" + Ports.OUT, offramp + "/" + Ports.ERR))) {
      return new NotFused(back + " has other inputs than the offramp");
    }
    String replyTo = onlyTarget(links, back, Ports.OUT, ResourceType.ONRAMP, Ports.IN);
    if (!onramp.equals(replyTo) || fromAny(links, back, Ports.OUT) != 1) {
      return new NotFused(back + "'s out does not go only to the onramp's in");
    }
    List<String> replySources = new ArrayList<>();
    replySources.add(back + "/" + Ports.OUT);
    // a pipeline fed only by err ports may answer the onramp's clients too (example 33's error
    // binding): errors take the usual way whatever the data does
    for (ResolvedLink l : links) {
      if (path(l.to()).equals(onramp)
          && l.from().type() == ResourceType.PIPELINE
          && carriesOnlyErrors(links, path(l.from()))) {
        replySources.add(path(l.from()) + "/" + l.from().port());
      }
    }
    if (!onlySources(links, onramp, replySources)) {
      return new NotFused("the onramp's in has other inputs than " + back);
    }
    return new Fused(onramp, out, offramp, back, lineFramed);
  }

  private static String passing(Ramp ramp, String which) {
    if (ramp == null || !WS.equals(ramp.type())) {
      return which + " is not of type ws";
    }
    if (!ramp.linked()) {
      return which + " is not linked";
    }
    if (!PASSING_CODECS.contains(ramp.codec())) {
      return which + "'s codec " + ramp.codec() + " changes payloads (only string and binary pass)";
    }
    if (ramp.reportsMetrics()) {
      return which + " reports metrics per event (metrics_interval_s)";
    }
    return null;
  }

  private static String identity(Pipe pipe, String path) {
    if (pipe == null || !Ports.OUT.equals(pipe.passThroughPort())) {
      return path + " is not exactly `select event from in into out`";
    }
    if (pipe.reportsMetrics()) {
      return path + " reports metrics per event (metrics_interval_s)";
    }
    return null;
  }

  /**
   * The instance path that {@code from}'s {@code port} links to, when it links to exactly one
   * instance of {@code type} at port {@code toPort} and nowhere else; else null.
   */
  private static String onlyTarget(
      List<ResolvedLink> links, String from, String port, ResourceType type, String toPort) {
    String target = null;
    for (ResolvedLink l : links) {
      if (path(l.from()).equals(from) && port.equals(l.from().port())) {
        TremorUrl to = l.to();
        String toPath = path(to);
        if (to.type() != type
            || !toPort.equals(to.port())
            || target != null && !target.equals(toPath)) {
          return null;
        }
        target = toPath;
      }
    }
    return target;
  }

  /** How many distinct instance ports {@code from}'s {@code port} links to. */
  private static long fromAny(List<ResolvedLink> links, String from, String port) {
    return links.stream()
        .filter(l -> path(l.from()).equals(from) && port.equals(l.from().port()))
        .map(l -> path(l.to()) + "/" + l.to().port())
        .distinct()
        .count();
  }

  /**
   * Whether every link into {@code to} (any port) comes from one of {@code sources} (path/port).
   */
  private static boolean onlySources(List<ResolvedLink> links, String to, List<String> sources) {
    for (ResolvedLink l : links) {
      if (path(l.to()).equals(to) && !sources.contains(path(l.from()) + "/" + l.from().port())) {
        return false;
      }
    }
    return true;
  }

  /** Whether every link into {@code pipeline} comes from an {@code err} port (and one does). */
  private static boolean carriesOnlyErrors(List<ResolvedLink> links, String pipeline) {
    boolean any = false;
    for (ResolvedLink l : links) {
      if (path(l.to()).equals(pipeline)) {
        if (!Ports.ERR.equals(l.from().port())) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static String path(TremorUrl url) {
    return url.instanceUrl().path();
  }
}
