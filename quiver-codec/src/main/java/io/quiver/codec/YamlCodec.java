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
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Tremor's {@code yaml} codec (YAML 1.2, core schema, via snakeyaml-engine): one document per
 * chunk.
 *
 * <p>Decoding: mappings become records in document order; scalar keys that are not strings (e.g.
 * {@code 1: a}) become their text; integers beyond 64 bits become floats; {@code !!binary} becomes
 * bytes. An empty chunk or one with several documents is an error, as in Tremor.
 *
 * <p>Encoding: like serde_yaml 0.8, a document start {@code ---}, block style, and bytes as a
 * sequence of integers; strings that YAML 1.1 would read as booleans or numbers are quoted and
 * floats carry a signed exponent, so YAML 1.1 readers agree.
 */
public final class YamlCodec implements Codec {
  public static final String NAME = "yaml";
  static final String ERROR_PREFIX = "Invalid YAML data: ";

  private static final LoadSettings LOAD =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setLabel("chunk")
          .setMaxAliasesForCollections(50)
          .setCodePointLimit(Integer.MAX_VALUE)
          .build();
  private static final DumpSettings DUMP =
      DumpSettings.builder()
          .setSchema(new PortableSchema())
          .setExplicitStart(true)
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .build();

  /**
   * The core schema, plus YAML 1.1's other booleans and numbers, so that strings such as {@code
   * yes}, {@code off} or {@code 1_000} are quoted and YAML 1.1 readers (PyYAML, serde_yaml 0.8's
   * yaml-rust) read them back as strings too.
   */
  private static final class PortableSchema implements Schema {
    private static final Pattern YAML11_BOOL =
        Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");
    private static final Pattern YAML11_NUMBER =
        Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|[0-9][0-9_]*_[0-9_]*|0b[01_]+|0[0-7_]+)");
    private final CoreSchema core = new CoreSchema();

    @Override
    public ScalarResolver getScalarResolver() {
      ScalarResolver base = core.getScalarResolver();
      return (value, implicit) -> {
        if (implicit != null && implicit) {
          if (YAML11_BOOL.matcher(value).matches()) {
            return Tag.BOOL;
          }
          if (YAML11_NUMBER.matcher(value).matches()) {
            return Tag.INT;
          }
        }
        return base.resolve(value, implicit);
      };
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
      return core.getSchemaTagConstructors();
    }
  }

  /** Floats in a form YAML 1.1 and 1.2 both read: a '.' in the mantissa, a signed exponent. */
  private static final class PortableRepresenter extends StandardRepresenter {
    PortableRepresenter() {
      super(DUMP);
      representers.put(Double.class, data -> representScalar(Tag.FLOAT, floatText((Double) data)));
    }
  }

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
    Optional<org.snakeyaml.engine.v2.exceptions.Mark> deep = YamlNesting.tooDeep(text, LOAD);
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
      documents = new Load(LOAD).loadAllFromString(text).iterator();
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
    return new Dump(DUMP, new PortableRepresenter())
        .dumpToString(toJava(value))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Object toJava(Value value) {
    return switch (value) {
      case Value.Null n -> null;
      case Value.Bool b -> b.value();
      case Value.Int i -> i.value();
      case Value.Float f -> f.value();
      case Value.Str s -> s.value();
      case Value.Bytes b -> {
        List<Object> ints = new ArrayList<>(b.value().length);
        for (byte x : b.value()) {
          ints.add(x & 0xFF);
        }
        yield ints;
      }
      case Value.Arr a -> {
        List<Object> items = new ArrayList<>(a.size());
        for (Value item : a.items()) {
          items.add(toJava(item));
        }
        yield items;
      }
      case Value.Obj o -> {
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>(o.size() * 2);
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          fields.put(e.getKey(), toJava(e.getValue()));
        }
        yield fields;
      }
    };
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, YamlCodec::new);
    }
  }
}
