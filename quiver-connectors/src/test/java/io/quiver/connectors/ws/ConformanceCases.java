package io.quiver.connectors.ws;

import static io.quiver.testkit.ws.WireFrame.BINARY;
import static io.quiver.testkit.ws.WireFrame.CONTINUATION;
import static io.quiver.testkit.ws.WireFrame.PING;
import static io.quiver.testkit.ws.WireFrame.PONG;
import static io.quiver.testkit.ws.WireFrame.TEXT;
import static io.quiver.testkit.ws.WireFrame.utf8;

import io.quiver.testkit.ws.WireFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The websocket conformance suite's cases, numbered by section like the Autobahn testsuite's: 1
 * framing, 2 ping/pong, 3 reserved bits, 4 opcodes, 5 fragmentation, 6 UTF-8, 7 close handling, 9
 * limits. Each case is the frames a peer sends and what the implementation under test must do; the
 * same case runs against the onramp (the suite plays a client, masking) and the offramp (the suite
 * plays the upstream server, not masking) unless it is about one side only. See {@link
 * WsConformanceIT} for how a case runs and docs/operations.md for the table of sections.
 */
final class ConformanceCases {
  /** The {@code max_message_size} both sides run with in the suite (section 9 tests its edges). */
  static final int MAX_MESSAGE_SIZE = 128 * 1024;

  enum Side {
    ONRAMP,
    OFFRAMP
  }

  /** A data message the implementation must hand on (to the runtime, or as a reply). */
  record Msg(boolean binary, byte[] data) {
    @Override
    public String toString() {
      return (binary ? "binary " : "text ") + data.length + " bytes";
    }
  }

  /** What the implementation under test must do with a case's frames. */
  sealed interface Outcome {}

  /**
   * Hands on {@code messages} and answers with {@code pongs}, in order, and keeps the connection
   * open: the suite then closes with 1000 and must get exactly one close frame, 1000, back.
   */
  record Open(List<Msg> messages, List<byte[]> pongs) implements Outcome {}

  /**
   * Hands on {@code before} (and nothing else) and ends the connection with exactly one close frame
   * with {@code code} (1005: an empty close body), then closes TCP.
   */
  record Closed(int code, List<Msg> before) implements Outcome {}

  record Case(
      String id,
      String title,
      List<WireFrame> frames,
      int chunk,
      Outcome expected,
      Set<Side> sides) {
    String section() {
      return SECTIONS.get(Integer.parseInt(id.substring(0, id.indexOf('.'))));
    }

    @Override
    public String toString() {
      return id + " " + title;
    }
  }

  static final java.util.Map<Integer, String> SECTIONS =
      java.util.Map.of(
          1, "1 framing",
          2, "2 ping/pong",
          3, "3 reserved bits",
          4, "4 opcodes",
          5, "5 fragmentation",
          6, "6 UTF-8 handling",
          7, "7 close handling",
          9, "9 limits");

  private ConformanceCases() {}

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    framing(c);
    pingPong(c);
    reservedBits(c);
    opcodes(c);
    fragmentation(c);
    utf8Handling(c);
    closeHandling(c);
    limits(c);
    return c;
  }

  // --- section 1 -------------------------------------------------------------------------------

  private static void framing(List<Case> c) {
    int[] sizes = {0, 125, 126, 127, 128, 65535, 65536};
    int n = 1;
    for (int size : sizes) {
      c.add(
          both(
              "1.1." + n,
              "text message of " + size + " bytes",
              List.of(WireFrame.text(ascii(size))),
              open(text(ascii(size)))));
      c.add(
          both(
              "1.2." + n,
              "binary message of " + size + " bytes",
              List.of(WireFrame.binary(ascii(size))),
              open(binary(ascii(size)))));
      n++;
    }
    c.add(
        chopped(
            "1.1.8",
            "text message of 65535 bytes written 997 bytes at a time",
            List.of(WireFrame.text(ascii(65535))),
            997,
            open(text(ascii(65535)))));
    c.add(
        chopped(
            "1.1.9",
            "text message of 200 bytes written one byte at a time",
            List.of(WireFrame.text(ascii(200))),
            1,
            open(text(ascii(200)))));
    c.add(
        both(
            "1.1.10",
            "two messages in one write",
            List.of(WireFrame.text("a"), WireFrame.binary(utf8("b"))),
            open(text(utf8("a")), binary(utf8("b")))));
    c.add(
        both(
            "1.3.1",
            "a 5-byte payload length in the 16-bit form (not minimal)",
            List.of(WireFrame.text("hello").withLengthBytes(2)),
            closed(1002)));
    c.add(
        both(
            "1.3.2",
            "a 64-bit payload length with the most significant bit set",
            List.of(WireFrame.binary(new byte[0]).declaring(Long.MIN_VALUE + 5)),
            closed(1002)));
    c.add(
        one(
            Side.ONRAMP,
            "1.4.1",
            "an unmasked frame from a client",
            List.of(WireFrame.text("hi").flippedMask()),
            closed(1002)));
    c.add(
        one(
            Side.OFFRAMP,
            "1.4.2",
            "a masked frame from a server",
            List.of(WireFrame.text("hi").flippedMask()),
            closed(1002)));
  }

  // --- section 2 -------------------------------------------------------------------------------

  private static void pingPong(List<Case> c) {
    byte[] binary = new byte[125];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 2 + 1);
    }
    c.add(
        both(
            "2.1",
            "ping without payload",
            List.of(WireFrame.ping(new byte[0])),
            pongs(new byte[0])));
    c.add(
        both(
            "2.2",
            "ping with a short text payload",
            List.of(WireFrame.ping(utf8("Hello, world!"))),
            pongs(utf8("Hello, world!"))));
    c.add(
        both(
            "2.3",
            "ping with a binary payload",
            List.of(WireFrame.ping(new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x7f})),
            pongs(new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x7f})));
    c.add(
        both(
            "2.4",
            "ping with a payload of 125 bytes",
            List.of(WireFrame.ping(binary)),
            pongs(binary)));
    c.add(
        both(
            "2.5",
            "ping with a payload of 126 bytes",
            List.of(WireFrame.ping(new byte[126])),
            closed(1002)));
    c.add(
        both(
            "2.6",
            "unsolicited pong without payload",
            List.of(WireFrame.pong(new byte[0])),
            open()));
    c.add(
        both(
            "2.7",
            "unsolicited pong with payload, then a ping",
            List.of(WireFrame.pong(utf8("unsolicited")), WireFrame.ping(utf8("solicited"))),
            pongs(utf8("solicited"))));
    List<WireFrame> ten = new ArrayList<>();
    byte[][] payloads = new byte[10][];
    for (int i = 0; i < 10; i++) {
      payloads[i] = utf8("ping " + i);
      ten.add(WireFrame.ping(payloads[i]));
    }
    c.add(both("2.8", "ten pings in one write", ten, pongs(payloads)));
    c.add(
        chopped(
            "2.9",
            "ping written one byte at a time",
            List.of(WireFrame.ping(utf8("slow"))),
            1,
            pongs(utf8("slow"))));
    c.add(
        both(
            "2.10",
            "pong with a payload of 126 bytes",
            List.of(WireFrame.pong(new byte[126])),
            closed(1002)));
  }

  // --- section 3 -------------------------------------------------------------------------------

  private static void reservedBits(List<Case> c) {
    c.add(
        both(
            "3.1",
            "text with RSV1 (no extension negotiated)",
            List.of(WireFrame.text("hi").withRsv(4)),
            closed(1002)));
    c.add(
        both(
            "3.2",
            "text with RSV2 after a valid text",
            List.of(
                WireFrame.text("first"),
                WireFrame.text("hi").withRsv(2),
                WireFrame.ping(new byte[0])),
            closed(1002, text(utf8("first")))));
    c.add(both("3.3", "text with RSV3", List.of(WireFrame.text("hi").withRsv(1)), closed(1002)));
    c.add(
        both(
            "3.4",
            "binary with all reserved bits",
            List.of(WireFrame.binary(utf8("hi")).withRsv(7)),
            closed(1002)));
    c.add(
        both(
            "3.5", "ping with RSV1", List.of(WireFrame.ping(utf8("hi")).withRsv(4)), closed(1002)));
    c.add(both("3.6", "close with RSV2", List.of(WireFrame.close(1000).withRsv(2)), closed(1002)));
  }

  // --- section 4 -------------------------------------------------------------------------------

  private static void opcodes(List<Case> c) {
    int n = 1;
    for (int opcode = 3; opcode <= 7; opcode++) {
      c.add(
          both(
              "4.1." + n++,
              "reserved data opcode " + opcode,
              List.of(WireFrame.of(true, opcode, utf8("x"))),
              closed(1002)));
    }
    c.add(
        both(
            "4.1." + n,
            "text, then reserved data opcode 5, then ping",
            List.of(
                WireFrame.text("first"),
                WireFrame.of(true, 5, utf8("x")),
                WireFrame.ping(new byte[0])),
            closed(1002, text(utf8("first")))));
    n = 1;
    for (int opcode = 11; opcode <= 15; opcode++) {
      c.add(
          both(
              "4.2." + n++,
              "reserved control opcode " + opcode,
              List.of(WireFrame.of(true, opcode, new byte[0])),
              closed(1002)));
    }
  }

  // --- section 5 -------------------------------------------------------------------------------

  private static void fragmentation(List<Case> c) {
    c.add(
        both(
            "5.1",
            "fragmented ping",
            List.of(
                WireFrame.of(false, PING, utf8("frag")),
                WireFrame.of(true, CONTINUATION, utf8("ment"))),
            closed(1002)));
    c.add(
        both(
            "5.2",
            "fragmented pong",
            List.of(
                WireFrame.of(false, PONG, utf8("frag")),
                WireFrame.of(true, CONTINUATION, utf8("ment"))),
            closed(1002)));
    c.add(
        both(
            "5.3",
            "text in two fragments",
            List.of(
                WireFrame.of(false, TEXT, utf8("frag")),
                WireFrame.of(true, CONTINUATION, utf8("ment"))),
            open(text(utf8("fragment")))));
    c.add(
        both(
            "5.4",
            "binary in three fragments",
            List.of(
                WireFrame.of(false, BINARY, utf8("a")),
                WireFrame.of(false, CONTINUATION, utf8("b")),
                WireFrame.of(true, CONTINUATION, utf8("c"))),
            open(binary(utf8("abc")))));
    c.add(
        both(
            "5.5",
            "text fragments with a ping between",
            List.of(
                WireFrame.of(false, TEXT, utf8("frag")),
                WireFrame.ping(utf8("p")),
                WireFrame.of(true, CONTINUATION, utf8("ment"))),
            new Open(List.of(text(utf8("fragment"))), List.of(utf8("p")))));
    c.add(
        both(
            "5.6",
            "text fragments with a pong between",
            List.of(
                WireFrame.of(false, TEXT, utf8("frag")),
                WireFrame.pong(utf8("p")),
                WireFrame.of(true, CONTINUATION, utf8("ment"))),
            open(text(utf8("fragment")))));
    c.add(
        chopped(
            "5.7",
            "text fragments with a ping between, written one byte at a time",
            List.of(
                WireFrame.of(false, TEXT, utf8("frag")),
                WireFrame.ping(utf8("p")),
                WireFrame.of(true, CONTINUATION, utf8("ment"))),
            1,
            new Open(List.of(text(utf8("fragment"))), List.of(utf8("p")))));
    c.add(
        both(
            "5.8",
            "continuation (final) without a start",
            List.of(WireFrame.of(true, CONTINUATION, utf8("x"))),
            closed(1002)));
    c.add(
        both(
            "5.9",
            "continuation (not final) without a start",
            List.of(WireFrame.of(false, CONTINUATION, utf8("x")), WireFrame.text("after")),
            closed(1002)));
    c.add(
        both(
            "5.10",
            "a new text message inside a fragmented one",
            List.of(WireFrame.of(false, TEXT, utf8("a")), WireFrame.text("b")),
            closed(1002)));
    List<WireFrame> many = new ArrayList<>();
    String word = "abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < word.length(); i++) {
      many.add(
          WireFrame.of(
              i == word.length() - 1,
              i == 0 ? TEXT : CONTINUATION,
              utf8(word.substring(i, i + 1))));
    }
    c.add(both("5.11", "text in 26 one-byte fragments", many, open(text(utf8(word)))));
    c.add(
        both(
            "5.12",
            "text of empty fragments",
            List.of(
                WireFrame.of(false, TEXT, new byte[0]),
                WireFrame.of(false, CONTINUATION, new byte[0]),
                WireFrame.of(true, CONTINUATION, new byte[0])),
            open(text(new byte[0]))));
    c.add(
        both(
            "5.13",
            "fragmented text, then a whole text",
            List.of(
                WireFrame.of(false, TEXT, utf8("a")),
                WireFrame.of(true, CONTINUATION, utf8("b")),
                WireFrame.text("c")),
            open(text(utf8("ab")), text(utf8("c")))));
  }

  // --- section 6 -------------------------------------------------------------------------------

  private static final String KOSME = "κόσμε";

  /** Invalid UTF-8 sequences (Markus Kuhn's stress test kinds), each with its name. */
  private static final List<String[]> INVALID =
      List.of(
          new String[] {"a lone continuation byte", "80"},
          new String[] {"the byte FF", "ff"},
          new String[] {"the byte FE", "fe"},
          new String[] {"an overlong slash (C0 AF)", "c0af"},
          new String[] {"an overlong NUL in three bytes", "e08080"},
          new String[] {"a UTF-16 surrogate (U+D800)", "eda080"},
          new String[] {"a code point above U+10FFFF", "f4908080"},
          new String[] {"a five-byte sequence", "f888808080"},
          new String[] {"a two-byte start followed by ASCII", "c341"},
          new String[] {"a three-byte sequence cut short at the end", "e282"});

  private static void utf8Handling(List<Case> c) {
    c.add(
        both(
            "6.1.1",
            "valid text with two-, three- and four-byte code points",
            List.of(WireFrame.text("Hello-µ@ßöäüàá-UTF-8!! " + KOSME + " 😀")),
            open(text(utf8("Hello-µ@ßöäüàá-UTF-8!! " + KOSME + " 😀")))));
    c.add(
        both(
            "6.1.2",
            "the largest code point U+10FFFF and U+FFFF",
            List.of(WireFrame.text(hex("f48fbfbfefbfbf"))),
            open(text(hex("f48fbfbfefbfbf")))));
    byte[] kosme = utf8(KOSME + "😀");
    List<WireFrame> perByte = new ArrayList<>();
    for (int i = 0; i < kosme.length; i++) {
      perByte.add(
          WireFrame.of(i == kosme.length - 1, i == 0 ? TEXT : CONTINUATION, new byte[] {kosme[i]}));
    }
    c.add(
        both(
            "6.2.1",
            "valid text split into one-byte fragments (code points split)",
            perByte,
            open(text(kosme))));
    byte[] emoji = utf8("😀");
    c.add(
        both(
            "6.2.2",
            "a four-byte code point split 2|2 across fragments",
            List.of(
                WireFrame.of(false, TEXT, Arrays.copyOfRange(emoji, 0, 2)),
                WireFrame.of(true, CONTINUATION, Arrays.copyOfRange(emoji, 2, 4))),
            open(text(emoji))));
    c.add(
        both(
            "6.2.3",
            "a four-byte code point split 1|3 with a ping between",
            List.of(
                WireFrame.of(false, TEXT, Arrays.copyOfRange(emoji, 0, 1)),
                WireFrame.ping(utf8("p")),
                WireFrame.of(true, CONTINUATION, Arrays.copyOfRange(emoji, 1, 4))),
            new Open(List.of(text(emoji)), List.of(utf8("p")))));
    int n = 1;
    for (String[] invalid : INVALID) {
      byte[] bad = concat(utf8("ok "), hex(invalid[1]));
      c.add(
          both(
              "6.3." + n++, "text with " + invalid[0], List.of(WireFrame.text(bad)), closed(1007)));
    }
    n = 1;
    for (String[] invalid : INVALID) {
      byte[] bad = hex(invalid[1]);
      c.add(
          both(
              "6.4." + n++,
              "fragmented text, " + invalid[0] + " in the last fragment",
              List.of(
                  WireFrame.of(false, TEXT, utf8(KOSME)), WireFrame.of(true, CONTINUATION, bad)),
              closed(1007)));
    }
    // fail fast: the invalid bytes are in a fragment that is not the last, and the rest never comes
    n = 1;
    for (String[] invalid :
        INVALID.subList(0, INVALID.size() - 1)) { // a cut-short end is still valid mid-message
      byte[] bad = concat(utf8(KOSME), hex(invalid[1]));
      c.add(
          both(
              "6.5." + n++,
              "fail fast on " + invalid[0] + " in the first of an unfinished message",
              List.of(WireFrame.of(false, TEXT, bad)),
              closed(1007)));
    }
    c.add(
        both(
            "6.5." + n,
            "fail fast on a surrogate split across unfinished fragments",
            List.of(
                WireFrame.of(false, TEXT, hex("ed")),
                WireFrame.of(false, CONTINUATION, hex("a080"))),
            closed(1007)));
    c.add(
        both(
            "6.6.1",
            "valid text, then invalid text",
            List.of(WireFrame.text("first"), WireFrame.text(hex("ff"))),
            closed(1007, text(utf8("first")))));
    c.add(
        one(
            Side.ONRAMP,
            "6.7.1",
            "binary message that is not UTF-8 (not checked)",
            List.of(WireFrame.binary(hex("ff00fe"))),
            open(binary(hex("ff00fe")))));
  }

  // --- section 7 -------------------------------------------------------------------------------

  private static void closeHandling(List<Case> c) {
    c.add(both("7.1.1", "close 1000", List.of(WireFrame.close(1000)), closed(1000)));
    c.add(
        both(
            "7.1.2",
            "close, then a text message",
            List.of(WireFrame.close(1000), WireFrame.text("after")),
            closed(1000)));
    c.add(
        both(
            "7.1.3",
            "close, then a ping",
            List.of(WireFrame.close(1000), WireFrame.ping(utf8("after"))),
            closed(1000)));
    c.add(
        both(
            "7.1.4",
            "close twice",
            List.of(WireFrame.close(1000), WireFrame.close(1000)),
            closed(1000)));
    c.add(
        both(
            "7.1.5",
            "text fragment, then close",
            List.of(WireFrame.of(false, TEXT, utf8("unfinished")), WireFrame.close(1000)),
            closed(1000)));
    c.add(
        both(
            "7.1.6",
            "text, then close",
            List.of(WireFrame.text("before"), WireFrame.close(1000)),
            closed(1000, text(utf8("before")))));
    c.add(
        both(
            "7.3.1",
            "close without a body",
            List.of(WireFrame.of(true, WireFrame.CLOSE, new byte[0])),
            closed(1005)));
    c.add(
        both(
            "7.3.2",
            "close with a 1-byte body",
            List.of(WireFrame.of(true, WireFrame.CLOSE, new byte[] {0x03})),
            closed(1002)));
    c.add(
        both(
            "7.3.3",
            "close 1000 with a reason",
            List.of(WireFrame.close(1000, utf8("bye"))),
            closed(1000)));
    c.add(
        both(
            "7.3.4",
            "close 1000 with a reason of 123 bytes",
            List.of(WireFrame.close(1000, ascii(123))),
            closed(1000)));
    c.add(
        both(
            "7.3.5",
            "close 1000 with a reason of 124 bytes (control frame too long)",
            List.of(WireFrame.close(1000, ascii(124))),
            closed(1002)));
    c.add(
        both(
            "7.5.1",
            "close 1000 with a reason that is not UTF-8",
            List.of(WireFrame.close(1000, concat(utf8(KOSME), hex("eda080")))),
            closed(1007)));
    c.add(
        both(
            "7.5.2",
            "close 1001 with a reason cut in a code point",
            List.of(WireFrame.close(1001, hex("e282"))),
            closed(1007)));
    int n = 1;
    for (int code :
        new int[] {
          1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
          4999
        }) {
      c.add(
          both(
              "7.7." + n++,
              "valid close code " + code + " is echoed",
              List.of(WireFrame.close(code)),
              closed(code)));
    }
    n = 1;
    for (int code :
        new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
      c.add(
          both(
              "7.9." + n++,
              "invalid close code " + code,
              List.of(WireFrame.close(code)),
              closed(1002)));
    }
  }

  // --- section 9 -------------------------------------------------------------------------------

  private static void limits(List<Case> c) {
    int max = MAX_MESSAGE_SIZE;
    c.add(
        both(
            "9.1.1",
            "text of exactly max_message_size bytes",
            List.of(WireFrame.text(ascii(max))),
            open(text(ascii(max)))));
    c.add(
        both(
            "9.1.2",
            "binary of max_message_size + 1 bytes",
            List.of(WireFrame.binary(ascii(max + 1))),
            closed(1009)));
    byte[] half = ascii(max / 2);
    c.add(
        both(
            "9.1.3",
            "fragments adding up to exactly max_message_size",
            List.of(WireFrame.of(false, BINARY, half), WireFrame.of(true, CONTINUATION, half)),
            open(binary(concat(half, half)))));
    c.add(
        both(
            "9.1.4",
            "fragments adding up to max_message_size + 1",
            List.of(
                WireFrame.of(false, TEXT, half),
                WireFrame.of(true, CONTINUATION, ascii(max / 2 + 1))),
            closed(1009)));
    c.add(
        both(
            "9.1.5",
            "a frame header declaring 2^31 bytes (nothing follows)",
            List.of(WireFrame.binary(new byte[0]).declaring(1L << 31)),
            closed(1009)));
    c.add(
        both(
            "9.1.6",
            "many small fragments beyond max_message_size",
            manyFragments(max / 1024 + 1, 1024),
            closed(1009)));
  }

  private static List<WireFrame> manyFragments(int count, int size) {
    List<WireFrame> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(WireFrame.of(i == count - 1, i == 0 ? BINARY : CONTINUATION, ascii(size)));
    }
    return frames;
  }

  // --- builders ----------------------------------------------------------------------------------

  private static Case both(String id, String title, List<WireFrame> frames, Outcome expected) {
    return new Case(id, title, frames, 0, expected, EnumSet.allOf(Side.class));
  }

  private static Case chopped(
      String id, String title, List<WireFrame> frames, int chunk, Outcome expected) {
    return new Case(id, title, frames, chunk, expected, EnumSet.allOf(Side.class));
  }

  private static Case one(
      Side side, String id, String title, List<WireFrame> frames, Outcome expected) {
    return new Case(id, title, frames, 0, expected, EnumSet.of(side));
  }

  private static Open open(Msg... messages) {
    return new Open(List.of(messages), List.of());
  }

  private static Open pongs(byte[]... pongs) {
    return new Open(List.of(), List.of(pongs));
  }

  private static Closed closed(int code, Msg... before) {
    return new Closed(code, List.of(before));
  }

  private static Msg text(byte[] data) {
    return new Msg(false, data);
  }

  private static Msg binary(byte[] data) {
    return new Msg(true, data);
  }

  /**
   * {@code n} printable ASCII bytes (a repeating alphabet; no newline, as the suite's codec splits
   * lines).
   */
  static byte[] ascii(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
