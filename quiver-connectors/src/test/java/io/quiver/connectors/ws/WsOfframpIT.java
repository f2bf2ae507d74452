package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Ports;
import io.quiver.spi.Signal;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WsOfframpIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();
  private RecordingSinkContext context;
  private WsOfframp offramp;

  private WsOfframp offramp(WsOfframpSettings settings, boolean linked) {
    context = new RecordingSinkContext(linked);
    offramp = fixture.offramp(context, settings);
    return offramp;
  }

  private WsOfframp offramp(WsOfframpSettings settings) {
    return offramp(settings, true);
  }

  private static void assertError(
      RecordingSinkContext.Emitted emitted, Event request, String message) {
    assertThat(emitted.port()).isEqualTo(Ports.ERR);
    Event e = emitted.event();
    assertThat(e.id()).isEqualTo(request.id());
    assertThat(e.stream()).isEqualTo(request.stream());
    assertThat(e.ingestNs()).isEqualTo(request.ingestNs());
    assertThat(e.data())
        .isEqualTo(
            Value.obj("error", Value.of(message), "event_id", Value.of(request.id().toString())));
    assertThat(((Value.Obj) e.data()).fields().keySet()).containsExactly("error", "event_id");
    assertThat(e.metaField("error")).isEqualTo(Value.of(message));
  }

  private static void assertReply(
      RecordingSinkContext.Emitted emitted, Event request, String text) {
    assertThat(emitted.port()).as("reply port of %s", emitted).isEqualTo(Ports.OUT);
    assertThat(emitted.event().id()).isEqualTo(request.id());
    assertThat(emitted.event().stream()).isEqualTo(request.stream());
    assertThat(emitted.event().ingestNs()).isEqualTo(request.ingestNs());
    assertThat(emitted.event().data()).isEqualTo(Value.of(text));
    assertThat(emitted.event().meta()).isEqualTo(Value.obj("binary", Value.FALSE));
  }

  @Test
  void repliesComeBackWithTheRequestsIdAndStream() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event hello = fixture.request(3, "hello");
    offramp.onEvent(hello);
    assertThat(up.nextReceived().text()).isEqualTo("hello\n");
    assertReply(context.next(), hello, "hello");
  }

  @Test
  void eachClientGetsItsOwnUpstreamConnectionAndOnlyItsReplies() throws Exception {
    TestUpstream up = fixture.upstream(text -> List.of(text.replace("\n", "") + " from upstream"));
    offramp(WsOfframpSettings.defaults(up.url()));
    Event a1 = fixture.request(1, "a1");
    Event b1 = fixture.request(2, "b1");
    Event a2 = fixture.request(1, "a2");
    offramp.onEvent(a1);
    offramp.onEvent(b1);
    offramp.onEvent(a2);
    List<RecordingSinkContext.Emitted> answers = context.next(3, Duration.ofSeconds(5));
    List<TestUpstream.Received> received =
        List.of(up.nextReceived(), up.nextReceived(), up.nextReceived());
    assertThat(up.handshakes).hasValue(2);
    assertThat(offramp.sessionCount()).isEqualTo(2);
    var channelOfA =
        received.stream()
            .filter(r -> r.text().startsWith("a"))
            .map(r -> r.channel())
            .distinct()
            .toList();
    var channelOfB =
        received.stream()
            .filter(r -> r.text().startsWith("b"))
            .map(r -> r.channel())
            .distinct()
            .toList();
    assertThat(channelOfA).hasSize(1);
    assertThat(channelOfB).hasSize(1).doesNotContainAnyElementsOf(channelOfA);
    for (RecordingSinkContext.Emitted answer : answers) {
      Event request =
          answer.event().id().equals(a1.id()) ? a1 : answer.event().id().equals(a2.id()) ? a2 : b1;
      assertReply(answer, request, ((Value.Str) request.data()).value() + " from upstream");
    }
    assertThat(answers.stream().map(a -> a.event().id()).toList())
        .containsExactlyInAnyOrder(a1.id(), a2.id(), b1.id());
    assertThat(
            answers.stream().filter(a -> a.event().stream() == 1).map(a -> a.event().id()).toList())
        .containsExactly(a1.id(), a2.id());
  }

  @Test
  void correlationIsCopiedOntoRepliesAndErrors() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event correlated = fixture.request(1, "hi").withMeta(Value.obj("correlation", Value.of(42)));
    offramp.onEvent(correlated);
    assertThat(context.next().event().meta())
        .isEqualTo(Value.obj("binary", Value.FALSE, "correlation", Value.of(42)));
    Event bad =
        new Event(
            new EventId(1, 0, 99), 5, Value.of(2.5), Value.obj("correlation", Value.of("c")), 1);
    offramp.onEvent(bad);
    RecordingSinkContext.Emitted error = context.next();
    assertError(
        error, bad, "Error during serialization (codec/postprocessors): cannot encode float 2.5");
    assertThat(error.event().meta())
        .isEqualTo(
            Value.obj(
                "error",
                    Value.of(
                        "Error during serialization (codec/postprocessors): cannot encode float 2.5"),
                "correlation", Value.of("c")));
  }

  @Test
  void aJavaErrorWhileSerializingAnswersThatEventAndTheSessionGoesOn() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event overflow = fixture.request(1, "overflow");
    Event hello = fixture.request(1, "hello");

    offramp.onEvent(overflow);
    offramp.onEvent(hello);

    assertError(
        context.next(),
        overflow,
        "Error during serialization (codec/postprocessors): internal error: java.lang.StackOverflowError");
    assertReply(context.next(), hello, "hello");
  }

  @Test
  void aRefusedConnectionGivesTheSendError() throws Exception {
    int port = WsItFixture.freePort();
    offramp(WsOfframpSettings.defaults("ws://localhost:" + port));
    Event hello = fixture.request(1, "hello");
    offramp.onEvent(hello);
    assertError(
        context.next(Duration.ofSeconds(2)),
        hello,
        "Error sending event to server ws://localhost:" + port + ": Connection refused");
    assertThat(context.emitted.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void killingTheUpstreamAnswersEveryOutstandingRequestExactlyOnce() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.SILENT);
    offramp(WsOfframpSettings.defaults(up.url()));
    List<Event> requests =
        List.of(fixture.request(1, "r1"), fixture.request(1, "r2"), fixture.request(1, "r3"));
    requests.forEach(offramp::onEvent);
    for (int i = 0; i < 3; i++) {
      up.nextReceived();
    }
    up.kill();
    List<RecordingSinkContext.Emitted> errors = context.next(3, Duration.ofSeconds(2));
    for (int i = 0; i < 3; i++) {
      assertError(
          errors.get(i),
          requests.get(i),
          "Error receiving reply from server "
              + up.url()
              + ": WebSocket protocol error: Connection reset without closing handshake");
    }
    assertThat(context.emitted.poll(500, TimeUnit.MILLISECONDS)).as("no second answer").isNull();
  }

  @Test
  void aCloseFrameFromTheUpstreamNamesItsCode() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.SILENT);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event r = fixture.request(1, "r");
    offramp.onEvent(r);
    up.nextReceived();
    up.closeGracefully();
    assertError(
        context.next(Duration.ofSeconds(2)),
        r,
        "Error receiving reply from server "
            + up.url()
            + ": Connection closed by server (code 1000)");
  }

  @Test
  void upstreamDownEveryRequestGetsOneErrorAndRepliesResumeAfterARestart() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    int port = up.port();
    offramp(WsOfframpSettings.defaults(up.url()));
    Event first = fixture.request(1, "first");
    offramp.onEvent(first);
    assertReply(context.next(), first, "first");

    up.kill();
    for (int i = 0; i < 5; i++) {
      Event r = fixture.request(1, "while down " + i);
      offramp.onEvent(r);
      RecordingSinkContext.Emitted error = context.next(Duration.ofSeconds(2));
      assertThat(error.port()).isEqualTo(Ports.ERR);
      assertThat(error.event().id()).isEqualTo(r.id());
      assertThat(error.event().data().asString()).isNull();
      assertThat(((Value.Obj) error.event().data()).get("error").asString())
          .matches(
              java.util.regex.Pattern.quote("Error sending event to server " + up.url() + ": ")
                  + "(Trying to work with closed connection|Connection refused|Connection reset by peer)"
                  + "|"
                  + java.util.regex.Pattern.quote(
                      "Error receiving reply from server " + up.url() + ": " + Failures.RESET));
    }
    assertThat(context.emitted.poll(200, TimeUnit.MILLISECONDS))
        .as("exactly one answer each")
        .isNull();

    TestUpstream restarted = TestUpstream.start(port, TestUpstream.ECHO);
    fixture.add(restarted);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    RecordingSinkContext.Emitted answer;
    Event r;
    do {
      r = fixture.request(1, "again");
      offramp.onEvent(r);
      answer = context.next(Duration.ofSeconds(3));
      assertThat(answer.event().id()).isEqualTo(r.id());
      if (answer.port().equals(Ports.ERR)) {
        Thread.onSpinWait();
      }
    } while (answer.port().equals(Ports.ERR) && System.nanoTime() < deadline);
    assertReply(answer, r, "again");
  }

  @Test
  void anUpstreamThatNeverCompletesTheHandshakeRunsIntoTheConnectTimeout() throws Exception {
    try (ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String url = "ws://127.0.0.1:" + mute.getLocalPort();
      offramp(TestSettings.offramp(url, "connect_timeout_ms", 300));
      Event r1 = fixture.request(1, "one");
      Event r2 = fixture.request(1, "two");
      offramp.onEvent(r1);
      offramp.onEvent(r2);
      List<RecordingSinkContext.Emitted> errors = context.next(2, Duration.ofSeconds(2));
      assertError(
          errors.get(0),
          r1,
          "Error sending event to server " + url + ": connection timed out after 300 ms");
      assertError(
          errors.get(1),
          r2,
          "Error sending event to server " + url + ": connection timed out after 300 ms");
    }
  }

  @Test
  void aRejectedHandshakeIsASendError() throws Exception {
    try (ServerSocket http = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread responder =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (var socket = http.accept()) {
                      var in =
                          new java.io.BufferedReader(
                              new java.io.InputStreamReader(socket.getInputStream()));
                      String line;
                      while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // read the upgrade request
                      }
                      socket
                          .getOutputStream()
                          .write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes());
                      socket.getOutputStream().flush();
                      in.readLine();
                    } catch (java.io.IOException ignored) {
                      // the client hung up
                    }
                  });
      String url = "ws://127.0.0.1:" + http.getLocalPort() + "/socket";
      offramp(WsOfframpSettings.defaults(url));
      Event r = fixture.request(1, "x");
      offramp.onEvent(r);
      RecordingSinkContext.Emitted error = context.next(Duration.ofSeconds(3));
      assertThat(error.port()).isEqualTo(Ports.ERR);
      assertError(error, r, "Error sending event to server " + url + ": HTTP error: 404 Not Found");
      responder.join(5000);
    }
  }

  @Test
  void anOversizedReplyFailsItsRequestAndClosesTheConnection() throws Exception {
    TestUpstream up =
        fixture.upstream(text -> List.of(text.startsWith("big") ? "x".repeat(2000) : "small"));
    offramp(TestSettings.offramp(up.url(), "max_message_size", 1024));
    Event big = fixture.request(1, "big");
    offramp.onEvent(big);
    assertError(
        context.next(),
        big,
        "Error receiving reply from server "
            + up.url()
            + ": message larger than max_message_size (1024 bytes)");
    // Netty's client frame decoder closes the connection itself on an oversized frame (the upstream
    // sees close code 1000 then); a message joined from continuation frames gets 1009 from us
    assertThat(up.closeFrames.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(context.emitted.poll(300, TimeUnit.MILLISECONDS)).as("one answer only").isNull();
  }

  @Test
  void aSilentUpstreamRunsIntoTheReplyTimeoutAndTheConnectionIsRetired() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.SILENT);
    offramp(TestSettings.offramp(up.url(), "reply_timeout_ms", 300));
    Event r = fixture.request(1, "anyone?");
    offramp.onEvent(r);
    assertError(
        context.next(),
        r,
        "Error receiving reply from server " + up.url() + ": no reply within 300 ms");
    Await.until("the timed-out connection is closed", () -> up.open.isEmpty());
    Event next = fixture.request(1, "still there?");
    offramp.onEvent(next);
    assertError(
        context.next(),
        next,
        "Error receiving reply from server " + up.url() + ": no reply within 300 ms");
    assertThat(up.handshakes).as("the next request went over a new connection").hasValue(2);
  }

  @Test
  void aLateReplyIsNotTakenForTheNextRequestsReply() throws Exception {
    // the upstream answers "slow" after 600 ms (its event loop sleeps), everything else at once
    TestUpstream up =
        fixture.upstream(
            text -> {
              if (text.startsWith("slow")) {
                try {
                  Thread.sleep(600);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return List.of("reply to slow");
              }
              return List.of("reply to " + text.strip());
            });
    offramp(TestSettings.offramp(up.url(), "reply_timeout_ms", 200));
    Event slow = fixture.request(1, "slow");
    offramp.onEvent(slow);
    assertError(
        context.next(),
        slow,
        "Error receiving reply from server " + up.url() + ": no reply within 200 ms");
    Event fast = fixture.request(1, "fast");
    offramp.onEvent(fast);
    // on the old connection the late "reply to slow" would have been matched to this request
    assertReply(context.next(Duration.ofSeconds(5)), fast, "reply to fast");
    assertThat(context.emitted.poll(800, TimeUnit.MILLISECONDS)).as("one answer each").isNull();
  }

  @Test
  void streamEndedClosesThatClientsUpstreamConnection() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event a = fixture.request(1, "a");
    Event b = fixture.request(2, "b");
    offramp.onEvent(a);
    offramp.onEvent(b);
    context.next(2, Duration.ofSeconds(5));
    assertThat(up.open).hasSize(2);
    offramp.onSignal(new Signal.StreamEnded(1, 1));
    assertThat(up.closeFrames.poll(5, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(offramp.sessionCount()).isEqualTo(1);
    Event b2 = fixture.request(2, "b2");
    offramp.onEvent(b2);
    assertReply(context.next(), b2, "b2");
    assertThat(up.handshakes).hasValue(2);

    Event late = fixture.request(1, "late");
    offramp.onEvent(late);
    assertError(
        context.next(),
        late,
        "Error sending event to server " + up.url() + ": Trying to work with closed connection");
    assertThat(offramp.sessionCount()).as("a gone client gets no new session").isEqualTo(1);
    assertThat(up.handshakes).hasValue(2);
  }

  @Test
  void aClosedClientsSessionDoesNotReconnect() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    int port = up.port();
    offramp(WsOfframpSettings.defaults(up.url()));
    Event a = fixture.request(1, "a");
    offramp.onEvent(a);
    context.next();
    up.kill();
    offramp.onSignal(new Signal.StreamEnded(1, 1));
    TestUpstream restarted = TestUpstream.start(port, TestUpstream.ECHO);
    fixture.add(restarted);
    // a live client's session on the same offramp reconnects; the ended one must not
    Event b = fixture.request(2, "b");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    RecordingSinkContext.Emitted answer;
    do {
      b = fixture.request(2, "b");
      offramp.onEvent(b);
      answer = context.next();
    } while (answer.port().equals(Ports.ERR) && System.nanoTime() < deadline);
    assertReply(answer, b, "b");
    // observation window for a negative: a reconnecting session would have connected 100 ms after
    // the kill (reconnect_backoff_ms), well within it
    Thread.sleep(700);
    assertThat(restarted.handshakes.get()).isEqualTo(1);
    assertThat(offramp.sessionCount()).isEqualTo(1);
  }

  @Test
  void sharedModeUsesOneConnectionAndMatchesRepliesFirstInFirstOut() throws Exception {
    TestUpstream up = fixture.upstream(text -> List.of("re " + text));
    offramp(TestSettings.offramp(up.url(), "session", "shared"));
    List<Event> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(fixture.request(1 + i % 3, "m" + i));
    }
    requests.forEach(offramp::onEvent);
    List<RecordingSinkContext.Emitted> replies = context.next(6, Duration.ofSeconds(5));
    for (int i = 0; i < 6; i++) {
      assertReply(replies.get(i), requests.get(i), "re m" + i);
    }
    assertThat(up.handshakes).hasValue(1);
    offramp.onSignal(new Signal.StreamEnded(1, 1));
    assertThat(offramp.sessionCount()).isEqualTo(1);
  }

  @Test
  void atMaxInFlightTheSenderIsHeldBackUntilHalfIsAnsweredAndNothingIsLost() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.SILENT);
    offramp(TestSettings.offramp(up.url(), "max_in_flight", 2, "reply_timeout_ms", 200));
    context.holdable = true; // a client connection: it stops being read
    List<Event> requests = requests(9);
    requests.forEach(offramp::onEvent);
    // 1 and 2 are sent; the session is then full: the sender is held (by the third or fourth event,
    // depending on whether the loop or this thread notices first); what it sent before the hold
    // reached it waits for room instead of being refused
    String hold = context.originFlow.poll(1, TimeUnit.SECONDS);
    assertThat(hold).isIn("hold " + requests.get(2).id(), "hold " + requests.get(3).id());
    // the silent upstream lets every sent request time out; each answer makes room for a waiting
    // one
    List<RecordingSinkContext.Emitted> timeouts = context.next(9, Duration.ofSeconds(10));
    for (int i = 0; i < 9; i++) {
      assertTimedOut(timeouts.get(i), requests.get(i), up, 200);
    }
    // released once at most half of max_in_flight (1) was in flight
    assertThat(context.originFlow.poll(1, TimeUnit.SECONDS))
        .isEqualTo(hold.replace("hold", "release"));
    assertThat(context.originFlow).isEmpty();
    assertThat(up.received).hasSize(9);
  }

  @Test
  void aSenderThatCannotBeHeldBackGetsErrorsBeyondTwiceMaxInFlight() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.SILENT);
    offramp(TestSettings.offramp(up.url(), "max_in_flight", 2, "reply_timeout_ms", 300));
    context.holdable = false; // e.g. events a pipeline makes
    List<Event> requests = requests(6);
    requests.forEach(offramp::onEvent);
    // 1 and 2 are sent, 3 and 4 wait; 5 and 6 are refused at once
    for (int i = 4; i < 6; i++) {
      assertError(
          context.next(Duration.ofSeconds(1)),
          requests.get(i),
          "Error sending event to server "
              + up.url()
              + ": too many events in flight (max_in_flight is 2 and the sender could not be held back);"
              + " the event was not sent");
    }
    List<RecordingSinkContext.Emitted> timeouts = context.next(4, Duration.ofSeconds(5));
    for (int i = 0; i < 4; i++) {
      assertTimedOut(timeouts.get(i), requests.get(i), up, 300);
    }
    assertThat(up.received).hasSize(4);
  }

  /**
   * The error of a request sent to a silent upstream: its own timeout, or the retirement of its
   * connection after an earlier request's timeout (when both were sent in the same millisecond,
   * either may come first).
   */
  private static void assertTimedOut(
      RecordingSinkContext.Emitted e, Event request, TestUpstream up, int timeoutMs) {
    String prefix = "Error receiving reply from server " + up.url() + ": ";
    String own = prefix + "no reply within " + timeoutMs + " ms";
    String retired =
        prefix
            + "the connection was closed after an earlier request got no reply within "
            + timeoutMs
            + " ms (later replies could no longer be matched to their requests)";
    assertError(e, request, e.event().metaField("error").equals(Value.of(own)) ? own : retired);
  }

  private List<Event> requests(int n) {
    List<Event> requests = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      requests.add(fixture.request(1, String.valueOf(i)));
    }
    return requests;
  }

  @Test
  void binaryFromConfigOrMetaSendsBinaryFramesAndRepliesSayBinary() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event r = fixture.request(1, "bin").withMeta(Value.obj("binary", Value.TRUE));
    offramp.onEvent(r);
    TestUpstream.Received got = up.nextReceived();
    assertThat(got.binary()).isTrue();
    assertThat(got.text()).isEqualTo("bin\n");
    RecordingSinkContext.Emitted reply = context.next();
    assertThat(reply.event().data()).isEqualTo(Value.of("bin"));
    assertThat(reply.event().meta()).isEqualTo(Value.obj("binary", Value.TRUE));
  }

  @Test
  void invalidUtf8CannotBeSentAsText() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event r =
        new Event(
            new EventId(1, 0, 5), 1, Value.of(new byte[] {(byte) 0xff}), Value.EMPTY_OBJECT, 1);
    offramp.onEvent(r);
    assertError(context.next(), r, "Invalid websocket message: Invalid utf8 data for text message");
  }

  @Test
  void anUndecodableReplyIsAnError() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(TestSettings.offramp(up.url(), "binary", true));
    Event r =
        new Event(
            new EventId(1, 0, 5), 1, Value.of(new byte[] {(byte) 0xff}), Value.EMPTY_OBJECT, 1);
    offramp.onEvent(r);
    assertError(
        context.next(),
        r,
        "Error deserializing Response message (codec/preprocessors): invalid utf-8");
  }

  @Test
  void anUnsolicitedMessageCarriesTheLastRequestsId() throws Exception {
    TestUpstream up = fixture.upstream(text -> List.of("answer", "extra"));
    offramp(WsOfframpSettings.defaults(up.url()));
    Event r = fixture.request(4, "q");
    offramp.onEvent(r);
    assertReply(context.next(), r, "answer");
    assertReply(context.next(), r, "extra");
  }

  @Test
  void metaUrlOverridesTheConfiguredUrl() throws Exception {
    TestUpstream configured = fixture.upstream(text -> List.of("configured"));
    TestUpstream other = fixture.upstream(text -> List.of("other"));
    offramp(WsOfframpSettings.defaults(configured.url()));
    Event r = fixture.request(1, "x").withMeta(Value.obj("url", Value.of(other.url())));
    offramp.onEvent(r);
    assertReply(context.next(), r, "other");
    Event bad = fixture.request(1, "x").withMeta(Value.obj("url", Value.of("http://nope")));
    offramp.onEvent(bad);
    assertError(
        context.next(),
        bad,
        "Error sending event to server http://nope: the URL must start with ws:// or wss://, e.g. ws://localhost:8139");
  }

  @Test
  void notLinkedSendsButEmitsNothing() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()), false);
    offramp.onEvent(fixture.request(1, "fire and forget"));
    assertThat(up.nextReceived().text()).isEqualTo("fire and forget\n");
    offramp.onEvent(fixture.request(1, "second"));
    assertThat(up.nextReceived().text()).isEqualTo("second\n");
    assertThat(context.emitted).isEmpty();
  }

  @Test
  void eventsAfterStopGetTheClosedConnectionError() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.ECHO);
    offramp(WsOfframpSettings.defaults(up.url()));
    Event r = fixture.request(1, "a");
    offramp.onEvent(r);
    context.next();
    offramp.stop();
    assertThat(up.closeFrames.poll(5, TimeUnit.SECONDS)).isEqualTo(1000);
    Event late = fixture.request(1, "late");
    offramp.onEvent(late);
    assertError(
        context.next(),
        late,
        "Error sending event to server " + up.url() + ": Trying to work with closed connection");
  }
}
