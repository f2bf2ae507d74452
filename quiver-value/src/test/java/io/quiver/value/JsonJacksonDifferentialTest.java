package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Our JSON reader and writer against Jackson (jackson-core's streaming parser, the JVM's most used
 * JSON parser) on generated documents: a seeded generator writes JSON text with nesting, every kind
 * of string escape, non-ASCII text and surrogate pairs (raw and escaped), and numbers at the edges
 * (the long range and beyond, -0, exponents near the double range's ends). Both parsers must read
 * the same values, and Jackson must read back what our writer wrote. Mutated documents (a byte
 * deleted, inserted or replaced) must be accepted or refused by both alike.
 */
class JsonJacksonDifferentialTest {
  private static final long SEED = 0x5155_4956_4552L; // "QUIVER"
  private static final int DOCUMENTS = 3_000;
  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void bothParsersReadTheSameValuesAndJacksonReadsWhatWeWrite() throws Exception {
    Random random = new Random(SEED);
    for (int i = 0; i < DOCUMENTS; i++) {
      String text = new Generator(random).document();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      Value ours = Json.parse(bytes);
      Value theirs = jackson(bytes);
      assertThat(ours).as("document %d: %s", i, text).isEqualTo(theirs);
      assertThat(keyOrder(ours)).as("key order of document %d", i).isEqualTo(keyOrder(theirs));

      byte[] written = Json.writeBytes(ours);
      assertThat(jackson(written))
          .as("Jackson reading our %s", new String(written, StandardCharsets.UTF_8))
          .isEqualTo(withoutNonFinite(ours));
    }
  }

  @Test
  void mutatedDocumentsAreAcceptedOrRefusedByBothAlike() throws Exception {
    Random random = new Random(SEED + 1);
    int refused = 0;
    for (int i = 0; i < DOCUMENTS; i++) {
      byte[] bytes =
          mutate(new Generator(random).document().getBytes(StandardCharsets.UTF_8), random);
      String shown = new String(bytes, StandardCharsets.ISO_8859_1);
      Value ours;
      try {
        ours = Json.parse(bytes);
      } catch (JsonException e) {
        ours = null;
      }
      Value theirs;
      try {
        theirs = jackson(bytes);
      } catch (IOException e) {
        theirs = null;
      }
      if (ours == null) {
        refused++;
        if (theirs != null && hasLoneSurrogate(theirs)) {
          continue; // Jackson accepts an escaped lone surrogate (\ud800); we refuse it, as
          // simd-json
        }
      }
      assertThat(ours).as("mutated document %d: %s", i, shown).isEqualTo(theirs);
    }
    assertThat(refused).as("most mutations break a document").isGreaterThan(DOCUMENTS / 2);
  }

  // ---------------------------------------------------------------- Jackson side

  private static Value jackson(byte[] bytes) throws IOException {
    try (JsonParser p = JACKSON.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException("empty document");
      }
      Value v = read(p, first);
      if (p.nextToken() != null) {
        throw new IOException("trailing content");
      }
      return v;
    }
  }

  private static Value read(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          fields.put(key, read(p, p.nextToken()));
        }
        yield Value.obj(fields);
      }
      case START_ARRAY -> {
        List<Value> items = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(p, next));
        }
        yield Value.array(items);
      }
      case VALUE_STRING -> Value.of(p.getText());
      case VALUE_NUMBER_INT -> {
        BigInteger big = p.getBigIntegerValue();
        // our rule: integers that fit 64 bits are integers, the others the nearest double
        yield big.bitLength() < 64 ? Value.of(big.longValue()) : Value.of(big.doubleValue());
      }
      case VALUE_NUMBER_FLOAT -> Value.of(Double.parseDouble(p.getText()));
      case VALUE_TRUE -> Value.TRUE;
      case VALUE_FALSE -> Value.FALSE;
      case VALUE_NULL -> Value.NULL;
      default -> throw new IOException("unexpected token " + t);
    };
  }

  // ---------------------------------------------------------------- comparisons

  private static List<String> keyOrder(Value v) {
    List<String> out = new ArrayList<>();
    collectKeys(v, out);
    return out;
  }

  private static void collectKeys(Value v, List<String> out) {
    if (v instanceof Value.Obj o) {
      for (var e : o.fields().entrySet()) {
        out.add(e.getKey());
        collectKeys(e.getValue(), out);
      }
    } else if (v instanceof Value.Arr a) {
      for (Value item : a.items()) {
        collectKeys(item, out);
      }
    }
  }

  /** Our writer writes NaN and infinities (here: numbers beyond the double range) as null. */
  private static Value withoutNonFinite(Value v) {
    return switch (v) {
      case Value.Float f when !Double.isFinite(f.value()) -> Value.NULL;
      case Value.Arr a ->
          Value.array(
              a.items().stream().map(JsonJacksonDifferentialTest::withoutNonFinite).toList());
      case Value.Obj o -> {
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        o.fields().forEach((k, x) -> fields.put(k, withoutNonFinite(x)));
        yield Value.obj(fields);
      }
      default -> v;
    };
  }

  private static boolean hasLoneSurrogate(Value v) {
    return switch (v) {
      case Value.Str s -> lone(s.value());
      case Value.Arr a ->
          a.items().stream().anyMatch(JsonJacksonDifferentialTest::hasLoneSurrogate);
      case Value.Obj o ->
          o.fields().entrySet().stream()
              .anyMatch(e -> lone(e.getKey()) || hasLoneSurrogate(e.getValue()));
      default -> false;
    };
  }

  private static boolean lone(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] mutate(byte[] doc, Random random) {
    int at = random.nextInt(doc.length + 1);
    byte[] alphabet = "{}[]\",:\\ -+.eE0123456789tfnu\u00e9x".getBytes(StandardCharsets.UTF_8);
    byte b =
        random.nextInt(8) == 0
            ? (byte) random.nextInt(256)
            : alphabet[random.nextInt(alphabet.length)];
    return switch (random.nextInt(3)) {
      case 0 -> at == doc.length ? doc : concat(doc, 0, at, new byte[0], doc, at + 1); // delete
      case 1 -> concat(doc, 0, at, new byte[] {b}, doc, at); // insert
      default ->
          at == doc.length ? doc : concat(doc, 0, at, new byte[] {b}, doc, at + 1); // replace
    };
  }

  private static byte[] concat(byte[] a, int from, int to, byte[] middle, byte[] b, int rest) {
    byte[] out = new byte[(to - from) + middle.length + (b.length - rest)];
    System.arraycopy(a, from, out, 0, to - from);
    System.arraycopy(middle, 0, out, to - from, middle.length);
    System.arraycopy(b, rest, out, to - from + middle.length, b.length - rest);
    return out;
  }

  // ---------------------------------------------------------------- the generator

  /** Writes one random JSON document as text, choosing among equivalent spellings. */
  private static final class Generator {
    private static final String[] EDGE_NUMBERS = {
      "0",
      "-0",
      "1",
      "-1",
      "9223372036854775807",
      "-9223372036854775808",
      "9223372036854775808",
      "-9223372036854775809",
      "18446744073709551616",
      "123456789012345678901234567890",
      "-0.0",
      "0.0",
      "1.0",
      "1e0",
      "1E+2",
      "1e-2",
      "-1.5E-3",
      "1.7976931348623157e308",
      "1.7976931348623159e308",
      "1e309",
      "-1e400",
      "4.9e-324",
      "2.5e-324",
      "1e-400",
      "2.2250738585072014E-308",
      "2.2250738585072011e-308",
      "0.1",
      "0.30000000000000004",
      "9007199254740993",
      "9007199254740993.0",
      "123.456e10",
      "1e22",
      "1e23",
      "5e-1",
      "100000000000000000000000000000000000000000000000000000000000000000000000.5"
    };
    private static final String WHITESPACE = " \t\n\r";

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    Generator(Random random) {
      this.random = random;
    }

    String document() {
      space();
      value(0);
      space();
      return out.toString();
    }

    private void space() {
      int n = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
      for (int i = 0; i < n; i++) {
        out.append(WHITESPACE.charAt(random.nextInt(WHITESPACE.length())));
      }
    }

    private void value(int depth) {
      int kind = random.nextInt(depth >= 6 ? 7 : 9);
      switch (kind) {
        case 0 -> out.append("null");
        case 1 -> out.append(random.nextBoolean() ? "true" : "false");
        case 2, 3 -> number();
        case 4, 5, 6 -> string();
        case 7 -> array(depth);
        default -> object(depth);
      }
    }

    private void array(int depth) {
      out.append('[');
      space();
      int n = random.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.append(',');
          space();
        }
        value(depth + 1);
        space();
      }
      out.append(']');
    }

    private void object(int depth) {
      out.append('{');
      space();
      int n = random.nextInt(5);
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < n; i++) {
        String key = text(8);
        if (!keys.add(key)) {
          continue; // unique keys: duplicates are a documented difference of their own
        }
        if (keys.size() > 1) {
          out.append(',');
          space();
        }
        quoted(key);
        space();
        out.append(':');
        space();
        value(depth + 1);
        space();
      }
      out.append('}');
    }

    private void number() {
      if (random.nextBoolean()) {
        out.append(EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
        return;
      }
      if (random.nextBoolean()) {
        out.append(random.nextLong() >> random.nextInt(64));
        return;
      }
      if (random.nextInt(4) == 0) {
        out.append(random.nextBoolean() ? "-" : "").append(1 + random.nextInt(9));
        for (int i = random.nextInt(30); i > 0; i--) {
          out.append(random.nextInt(10));
        }
        return;
      }
      double d = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(d)) {
        d = random.nextGaussian() * 1e6;
      }
      String s = Double.toString(d); // e.g. 1.0E-5: JSON has no "E" without digits issues
      out.append(random.nextBoolean() ? s : s.toLowerCase(java.util.Locale.ROOT));
    }

    private void string() {
      quoted(text(12));
    }

    /** Random text: ASCII, controls, quotes, non-ASCII, characters beyond the BMP. */
    private String text(int max) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(max + 1); i > 0; i--) {
        int cp =
            switch (random.nextInt(6)) {
              case 0 -> random.nextInt(0x20);
              case 1 -> "\"\\/".charAt(random.nextInt(3));
              case 2 -> 0x80 + random.nextInt(0x780);
              case 3 -> {
                int c = 0x800 + random.nextInt(0x10000 - 0x800);
                yield Character.isSurrogate((char) c) ? 0xE000 : c;
              }
              case 4 -> 0x10000 + random.nextInt(0x100000);
              default -> 0x20 + random.nextInt(0x5F);
            };
        sb.appendCodePoint(cp);
      }
      return sb.toString();
    }

    /** The text quoted, each character raw where JSON allows, else (or by chance) escaped. */
    private void quoted(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        boolean mustEscape = cp < 0x20 || cp == '"' || cp == '\\';
        if (!mustEscape && random.nextInt(4) != 0) {
          out.appendCodePoint(cp);
          continue;
        }
        String shortEscape =
            switch (cp) {
              case '"' -> "\\\"";
              case '\\' -> "\\\\";
              case '/' -> "\\/";
              case '\b' -> "\\b";
              case '\f' -> "\\f";
              case '\n' -> "\\n";
              case '\r' -> "\\r";
              case '\t' -> "\\t";
              default -> null;
            };
        if (shortEscape != null && random.nextBoolean()) {
          out.append(shortEscape);
        } else {
          for (char c : Character.toChars(cp)) { // a pair of \\u escapes beyond the BMP
            String hex = String.format("%04x", (int) c);
            out.append("\\u")
                .append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
          }
        }
      }
      out.append('"');
    }
  }
}
