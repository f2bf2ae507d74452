package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Tremor's {@code yaml} codec (YAML 1.2, core schema, via snakeyaml-engine): one document per
 * chunk.
 *
 * <p>Decoding: mappings become records in document order; scalar keys that are not strings (e.g.
 * {@code 1: a}) become their text; integers beyond 64 bits become floats; {@code !!binary} becomes
 * bytes. An empty chunk or one with several documents is an error, as in Tremor.
 *
 * <p>Encoding: byte for byte what serde_yaml 0.8 writes ({@link SerdeYamlWriter}); floats carry a
 * signed exponent, so YAML 1.1 readers agree.
 */
public final class YamlCodec implements Codec {
  public static final String NAME = "yaml";
  static final String ERROR_PREFIX = "Invalid YAML data: ";

  /** snakeyaml-engine's default read buffer, in chars. */
  private static final int DEFAULT_BUFFER = 1024;

  private static final LoadSettings LOAD = loadSettings(DEFAULT_BUFFER);

  /**
   * The load settings with a read buffer of {@code bufferSize} chars. A chunk longer than the
   * default buffer gets a buffer that holds it whole: snakeyaml-engine 2.10 fails with an {@code
   * IndexOutOfBoundsException} when a surrogate pair (an emoji, say) straddles the end of its
   * buffer.
   */
  private static LoadSettings loadSettings(int bufferSize) {
    return LoadSettings.builder()
        .setSchema(new CoreSchema())
        .setLabel("chunk")
        .setMaxAliasesForCollections(50)
        .setCodePointLimit(Integer.MAX_VALUE)
        .setBufferSize(bufferSize)
        .build();
  }

  /** Floats in a form YAML 1.1 and 1.2 both read: a '.' in the mantissa, a signed exponent. */
  static String floatText(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String text = Double.toString(d);
    int e = text.indexOf('E');
    if (e < 0) {
      return text;
    }
    String exponent = text.substring(e + 1);
    return text.substring(0, e) + (exponent.startsWith("-") ? "e" : "e+") + exponent;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    String text = StrictUtf8Text.decode(data, ERROR_PREFIX);
    LoadSettings load = text.length() < DEFAULT_BUFFER ? LOAD : loadSettings(text.length() + 1);
    Optional<org.snakeyaml.engine.v2.exceptions.Mark> deep = YamlNesting.tooDeep(text, load);
    if (deep.isPresent()) {
      throw new CodecException(
          ERROR_PREFIX
              + YamlNesting.message()
              + " at line "
              + (deep.get().getLine() + 1)
              + " column "
              + (deep.get().getColumn() + 1));
    }
    Iterator<Object> documents;
    Object document;
    try {
      documents = new Load(load).loadAllFromString(text).iterator();
      if (!documents.hasNext()) {
        throw new CodecException(ERROR_PREFIX + "EOF while parsing a value");
      }
      document = documents.next();
      if (documents.hasNext()) {
        throw new CodecException(
            ERROR_PREFIX
                + "deserializing from YAML containing more than one document is not supported");
      }
    } catch (DuplicateKeyException e) {
      throw new CodecException(ERROR_PREFIX + duplicateKey(e), e);
    } catch (YamlEngineException e) {
      throw new CodecException(ERROR_PREFIX + e.getMessage().strip(), e);
    }
    return Optional.of(toValue(document, 0));
  }

  /**
   * A repeated key in serde_yaml's wording ({@code duplicate entry with key "a" at line 3 column
   * 1}, from its {@code Mapping} visitor): strings quoted, numbers, booleans and null bare.
   */
  private static String duplicateKey(DuplicateKeyException e) {
    String problem = e.getProblem();
    String key =
        problem.startsWith(FOUND_DUPLICATE) ? problem.substring(FOUND_DUPLICATE.length()) : problem;
    String shown = BARE_KEY.matcher(key).matches() ? key : Json.write(Value.of(key));
    return "duplicate entry with key "
        + shown
        + e.getProblemMark()
            .map(m -> " at line " + (m.getLine() + 1) + " column " + (m.getColumn() + 1))
            .orElse("");
  }

  private static final String FOUND_DUPLICATE = "found duplicate key ";
  private static final Pattern BARE_KEY = Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false|null");

  private static Value toValue(Object o, int depth) throws CodecException {
    if (depth > Json.MAX_DEPTH) {
      throw new CodecException(ERROR_PREFIX + "nesting deeper than " + Json.MAX_DEPTH + " levels");
    }
    return switch (o) {
      case null -> Value.NULL;
      case String s -> Value.of(s);
      case Boolean b -> Value.of(b);
      case Integer i -> Value.of((long) i);
      case Long l -> Value.of(l);
      case BigInteger big ->
          big.bitLength() < 64 ? Value.of(big.longValue()) : Value.of(big.doubleValue());
      case Double d -> Value.of(d);
      case Float f -> Value.of((double) f);
      case byte[] bytes -> Value.of(bytes);
      case List<?> list -> {
        List<Value> items = new ArrayList<>(list.size());
        for (Object item : list) {
          items.add(toValue(item, depth + 1));
        }
        yield new Value.Arr(items);
      }
      case Map<?, ?> map -> {
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          fields.put(key(e.getKey()), toValue(e.getValue(), depth + 1));
        }
        yield Value.obj(fields);
      }
      case java.util.Set<?> set -> {
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        for (Object k : set) {
          fields.put(key(k), Value.NULL);
        }
        yield Value.obj(fields);
      }
      default -> Value.of(String.valueOf(o));
    };
  }

  private static String key(Object k) throws CodecException {
    return switch (k) {
      case String s -> s;
      case null -> "null";
      case Number n -> String.valueOf(n);
      case Boolean b -> String.valueOf(b);
      default ->
          throw new CodecException(
              ERROR_PREFIX + "mapping keys must be scalars, found a " + describe(k));
    };
  }

  private static String describe(Object k) {
    return k instanceof Map<?, ?>
        ? "mapping"
        : k instanceof List<?> ? "sequence" : k.getClass().getSimpleName();
  }

  @Override
  public byte[] encode(Value value) {
    return SerdeYamlWriter.write(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, YamlCodec::new);
    }
  }
}
