package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What fuses into a pass-through and what does not, and why. */
class PassThroughShapeTest {
  private static final String ON = "/onramp/ws/01";
  private static final String UP = "/pipeline/up/01";
  private static final String OFF = "/offramp/upstream/01";
  private static final String BACK = "/pipeline/back/01";

  private final List<ResolvedLink> links = new ArrayList<>();
  private final Map<String, PassThroughShape.Ramp> onramps = new HashMap<>();
  private final Map<String, PassThroughShape.Ramp> offramps = new HashMap<>();
  private final Map<String, PassThroughShape.Pipe> pipes = new HashMap<>();

  private static PassThroughShape.Ramp ws(String codec) {
    return new PassThroughShape.Ramp("ws", true, codec, List.of(), List.of(), false);
  }

  private static final PassThroughShape.Pipe IDENTITY = new PassThroughShape.Pipe("out", false);

  /** The proxy of bench/ws-proxy: the shape that fuses. */
  @BeforeEach
  void proxy() {
    link(ON + "/out", UP + "/in");
    link(UP + "/out", OFF + "/in");
    link(OFF + "/out", BACK + "/in");
    link(BACK + "/out", ON + "/in");
    link(OFF + "/err", BACK + "/in");
    onramps.put(ON, ws("string"));
    offramps.put(OFF, ws("string"));
    pipes.put(UP, IDENTITY);
    pipes.put(BACK, IDENTITY);
  }

  private void link(String from, String to) {
    TremorUrl f = TremorUrl.parse(from);
    TremorUrl t = TremorUrl.parse(to);
    links.add(new ResolvedLink(LinkKind.of(f.type(), t.type()), f, t, Location.ofFile("test")));
  }

  private PassThroughShape.Verdict judge() {
    return PassThroughShape.judge(ON, links, onramps::get, offramps::get, pipes::get);
  }

  private void notFusedBecause(String why) {
    assertThat(judge()).isEqualTo(new PassThroughShape.NotFused(why));
  }

  @Test
  void theWsProxyWithIdentityPipelinesFuses() {
    assertThat(judge()).isEqualTo(new PassThroughShape.Fused(ON, UP, OFF, BACK, false));
  }

  @Test
  void binaryCodecOnBothSidesFusesAndNoErrLinkIsNeeded() {
    links.removeIf(l -> l.from().port().equals("err"));
    onramps.put(ON, ws("binary"));
    offramps.put(OFF, ws("binary"));
    assertThat(judge()).isInstanceOf(PassThroughShape.Fused.class);
  }

  @Test
  void aCodecThatChangesPayloadsDoesNot() {
    onramps.put(ON, ws("json"));
    notFusedBecause("the onramp's codec json changes payloads (only string and binary pass)");
  }

  @Test
  void differentCodecsDoNot() {
    offramps.put(OFF, ws("binary"));
    notFusedBecause("the onramp and the offramp have different codecs");
  }

  private static PassThroughShape.Ramp ws(List<String> pre, List<String> post) {
    return new PassThroughShape.Ramp("ws", true, "string", pre, post, false);
  }

  @Test
  void theSeedsLinesPairFusesLineFramed() {
    onramps.put(ON, ws(List.of("lines"), List.of()));
    offramps.put(OFF, ws(List.of(), List.of("lines")));
    assertThat(judge()).isEqualTo(new PassThroughShape.Fused(ON, UP, OFF, BACK, true));
  }

  @Test
  void linesOnTheOnrampAloneDoesNot() {
    onramps.put(ON, ws(List.of("lines"), List.of()));
    notFusedBecause(
        "the onramp's preprocessors [lines] and the offramp's postprocessors [] change requests"
            + " (only none, or lines on both, pass)");
  }

  @Test
  void linesOnTheOfframpAloneDoesNot() {
    offramps.put(OFF, ws(List.of(), List.of("lines")));
    notFusedBecause(
        "the onramp's preprocessors [] and the offramp's postprocessors [lines] change requests"
            + " (only none, or lines on both, pass)");
  }

  @Test
  void otherProcessorPairsDoNot() {
    onramps.put(ON, ws(List.of("lines-null"), List.of()));
    offramps.put(OFF, ws(List.of(), List.of("lines")));
    notFusedBecause(
        "the onramp's preprocessors [lines-null] and the offramp's postprocessors [lines] change"
            + " requests (only none, or lines on both, pass)");
    onramps.put(ON, ws(List.of("lines", "base64"), List.of()));
    offramps.put(OFF, ws(List.of(), List.of("lines")));
    notFusedBecause(
        "the onramp's preprocessors [lines, base64] and the offramp's postprocessors [lines] change"
            + " requests (only none, or lines on both, pass)");
  }

  @Test
  void processorsOnTheReplyPathDoNot() {
    onramps.put(ON, ws(List.of(), List.of("lines")));
    notFusedBecause("the onramp has postprocessors (they would change replies)");
    onramps.put(ON, ws("string"));
    offramps.put(OFF, ws(List.of("lines"), List.of()));
    notFusedBecause("the offramp has preprocessors (they would change replies)");
  }

  @Test
  void anErrorsOnlyPipelineAnsweringTheOnrampStillFuses() {
    // example 33: the onramp's and the offramp's errors through their own pipeline to the clients
    link(ON + "/err", "/pipeline/errors/01/in");
    link(OFF + "/err", "/pipeline/errors/01/in");
    link("/pipeline/errors/01/out", ON + "/in");
    assertThat(judge()).isInstanceOf(PassThroughShape.Fused.class);
  }

  @Test
  void aPipelineWithDataInputsAnsweringTheOnrampDoesNot() {
    link(ON + "/err", "/pipeline/errors/01/in");
    link("/onramp/other/01/out", "/pipeline/errors/01/in");
    link("/pipeline/errors/01/out", ON + "/in");
    notFusedBecause("the onramp's in has other inputs than " + BACK);
  }

  @Test
  void rampMetricsDoNot() {
    offramps.put(OFF, new PassThroughShape.Ramp("ws", true, "string", List.of(), List.of(), true));
    notFusedBecause("the offramp reports metrics per event (metrics_interval_s)");
  }

  @Test
  void anUnlinkedOnrampDoesNot() {
    onramps.put(ON, new PassThroughShape.Ramp("ws", false, "string", List.of(), List.of(), false));
    notFusedBecause("the onramp is not linked");
  }

  @Test
  void anotherOfframpTypeDoesNot() {
    offramps.put(
        OFF, new PassThroughShape.Ramp("rest", true, "string", List.of(), List.of(), false));
    notFusedBecause("the offramp is not of type ws");
  }

  @Test
  void aPipelineThatIsNotABareSelectDoesNot() {
    pipes.put(UP, new PassThroughShape.Pipe(null, false));
    notFusedBecause(UP + " is not exactly `select event from in into out`");
  }

  @Test
  void aBareSelectIntoAnotherPortDoesNot() {
    pipes.put(BACK, new PassThroughShape.Pipe("err", false));
    notFusedBecause(BACK + " is not exactly `select event from in into out`");
  }

  @Test
  void aPipelineReportingMetricsDoesNot() {
    pipes.put(UP, new PassThroughShape.Pipe("out", true));
    notFusedBecause(UP + " reports metrics per event (metrics_interval_s)");
  }

  @Test
  void theOnrampFeedingASecondPipelineDoesNot() {
    link(ON + "/out", "/pipeline/audit/01/in");
    notFusedBecause("the onramp's out does not go to exactly one pipeline's in");
  }

  @Test
  void anotherInputOfTheRequestPipelineDoesNot() {
    link("/onramp/other/01/out", UP + "/in");
    notFusedBecause(UP + " has other inputs than the onramp's out");
  }

  @Test
  void theRequestPipelineFeedingASecondOfframpDoesNot() {
    link(UP + "/out", "/offramp/copy/01/in");
    notFusedBecause(UP + "'s out does not go to exactly one offramp");
  }

  @Test
  void anotherInputOfTheOfframpDoesNot() {
    link("/pipeline/other/01/out", OFF + "/in");
    notFusedBecause(OFF + " has other inputs than " + UP);
  }

  @Test
  void repliesGoingElsewhereToo() {
    link(BACK + "/out", "/offramp/stdout/01/in");
    notFusedBecause(BACK + "'s out does not go only to the onramp's in");
  }

  @Test
  void otherRepliesIntoTheOnrampDoNot() {
    link("/pipeline/system::passthrough/system/out", ON + "/in");
    notFusedBecause("the onramp's in has other inputs than " + BACK);
  }

  @Test
  void anotherInputOfTheReplyPipelineDoesNot() {
    link("/onramp/other/01/out", BACK + "/in");
    notFusedBecause(BACK + " has other inputs than the offramp");
  }
}
