package io.quiver.script;

import io.quiver.script.ast.BinaryOp;
import io.quiver.script.ast.UnaryOp;
import io.quiver.value.Value;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tremor's value semantics: equality (numbers compare across int/float), the binary and unary
 * operators with their type rules, type names as error texts spell them, and the compact JSON
 * encoding used by string interpolation.
 */
public final class ValueOps {
  private ValueOps() {}

  /** An operator is not defined for its operands; the caller adds the source location. */
  static final class OperatorException extends Exception {
    private static final long serialVersionUID = 1L;

    OperatorException(String message) {
      super(message, null, false, false);
    }
  }

  /** Type names as Tremor's error messages print them ({@code boolean}, {@code record}...). */
  public static String typeName(Value v) {
    return switch (v) {
      case Value.Null n -> "null";
      case Value.Bool b -> "boolean";
      case Value.Int i -> "integer";
      case Value.Float f -> "float";
      case Value.Str s -> "string";
      case Value.Bytes b -> "bytes";
      case Value.Arr a -> "array";
      case Value.Obj o -> "record";
    };
  }

  /** Tremor's equality: structural, numbers equal across integer/float. */
  public static boolean equal(Value l, Value r) {
    if (l == r) {
      return true;
    }
    return switch (l) {
      case Value.Obj lo -> {
        if (!(r instanceof Value.Obj ro) || lo.size() != ro.size()) {
          yield false;
        }
        for (Map.Entry<String, Value> e : lo.fields().entrySet()) {
          Value rv = ro.get(e.getKey());
          if (rv == null || !equal(e.getValue(), rv)) {
            yield false;
          }
        }
        yield true;
      }
      case Value.Arr la -> {
        if (!(r instanceof Value.Arr ra) || la.size() != ra.size()) {
          yield false;
        }
        Iterator<Value> ri = ra.items().iterator();
        for (Value lv : la.items()) {
          if (!equal(lv, ri.next())) {
            yield false;
          }
        }
        yield true;
      }
      case Value.Bool lb -> r instanceof Value.Bool rb && lb.value() == rb.value();
      case Value.Null n -> r instanceof Value.Null;
      case Value.Str ls ->
          switch (r) {
            case Value.Str rs -> ls.value().equals(rs.value());
            case Value.Bytes rb ->
                Arrays.equals(
                    ls.value().getBytes(java.nio.charset.StandardCharsets.UTF_8), rb.value());
            default -> false;
          };
      case Value.Bytes lb ->
          switch (r) {
            case Value.Bytes rb -> Arrays.equals(lb.value(), rb.value());
            case Value.Str rs ->
                Arrays.equals(
                    lb.value(), rs.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> false;
          };
      case Value.Int li ->
          switch (r) {
            case Value.Int ri -> li.value() == ri.value();
            case Value.Float rf -> Math.abs(li.value() - rf.value()) < Math.ulp(1.0);
            default -> false;
          };
      case Value.Float lf ->
          switch (r) {
            case Value.Int ri -> Math.abs(lf.value() - ri.value()) < Math.ulp(1.0);
            case Value.Float rf -> Math.abs(lf.value() - rf.value()) < Math.ulp(1.0);
            default -> false;
          };
    };
  }

  static String invalidBinary(BinaryOp op, Value l, Value r) {
    return "The binary operation `"
        + op.symbol
        + "` is not defined for the type `"
        + typeName(l)
        + "` and `"
        + typeName(r)
        + "`";
  }

  static String invalidUnary(UnaryOp op, Value v) {
    return "The unary operation `"
        + op.symbol
        + "` is not defined for the type `"
        + typeName(v)
        + "`";
  }

  static final String INVALID_BITSHIFT =
      "RHS value is larger than or equal to the number of bits in LHS value";

  /** Applies {@code op}; throws when Tremor does not define it for these operand types. */
  public static Value binary(BinaryOp op, Value l, Value r) throws OperatorException {
    if (op == BinaryOp.EQ) {
      return Value.of(equal(l, r));
    }
    if (op == BinaryOp.NOT_EQ) {
      return Value.of(!equal(l, r));
    }
    if (l instanceof Value.Bool lb && r instanceof Value.Bool rb) {
      boolean a = lb.value();
      boolean b = rb.value();
      return switch (op) {
        case AND, BIT_AND -> Value.of(a && b);
        case OR, BIT_OR -> Value.of(a || b);
        case XOR, BIT_XOR -> Value.of(a != b);
        default -> throw new OperatorException(invalidBinary(op, l, r));
      };
    }
    if (isStringLike(l) && isStringLike(r)) {
      if (op == BinaryOp.ADD && l instanceof Value.Str ls && r instanceof Value.Str rs) {
        return Value.of(ls.value() + rs.value());
      }
      int c = compareBytes(bytesOf(l), bytesOf(r));
      return switch (op) {
        case GT -> Value.of(c > 0);
        case GTE -> Value.of(c >= 0);
        case LT -> Value.of(c < 0);
        case LTE -> Value.of(c <= 0);
        default -> throw new OperatorException(invalidBinary(op, l, r));
      };
    }
    if (l instanceof Value.Int li && r instanceof Value.Int ri) {
      long a = li.value();
      long b = ri.value();
      return switch (op) {
        case BIT_AND -> Value.of(a & b);
        case BIT_OR -> Value.of(a | b);
        case BIT_XOR -> Value.of(a ^ b);
        case GT -> Value.of(a > b);
        case GTE -> Value.of(a >= b);
        case LT -> Value.of(a < b);
        case LTE -> Value.of(a <= b);
        case ADD -> Value.of(a + b);
        case SUB -> Value.of(a - b);
        case MUL -> Value.of(a * b);
        case DIV -> Value.of((double) a / (double) b);
        case MOD -> {
          if (b == 0) {
            throw new OperatorException(invalidBinary(op, l, r));
          }
          yield Value.of(a % b);
        }
        case RSHIFT -> Value.of(a >> shift(b));
        case RSHIFT_UNSIGNED -> Value.of(a >>> shift(b));
        case LSHIFT -> Value.of(a << shift(b));
        default -> throw new OperatorException(invalidBinary(op, l, r));
      };
    }
    if (isNumber(l) && isNumber(r)) {
      double a = asDouble(l);
      double b = asDouble(r);
      return switch (op) {
        case GT -> Value.of(a > b);
        case GTE -> Value.of(a >= b);
        case LT -> Value.of(a < b);
        case LTE -> Value.of(a <= b);
        case ADD -> Value.of(a + b);
        case SUB -> Value.of(a - b);
        case MUL -> Value.of(a * b);
        case DIV -> Value.of(a / b);
        default -> throw new OperatorException(invalidBinary(op, l, r));
      };
    }
    throw new OperatorException(invalidBinary(op, l, r));
  }

  private static int shift(long amount) throws OperatorException {
    if (amount < 0 || amount >= 64) {
      throw new OperatorException(INVALID_BITSHIFT);
    }
    return (int) amount;
  }

  /** Applies a unary operator; throws when undefined for the operand type. */
  public static Value unary(UnaryOp op, Value v) throws OperatorException {
    switch (v) {
      case Value.Float f -> {
        if (op == UnaryOp.MINUS) {
          return Value.of(-f.value());
        }
        if (op == UnaryOp.PLUS) {
          return v;
        }
      }
      case Value.Int i -> {
        switch (op) {
          case MINUS -> {
            if (i.value() == Long.MIN_VALUE) {
              throw new OperatorException(invalidUnary(op, v));
            }
            return Value.of(-i.value());
          }
          case PLUS -> {
            return v;
          }
          case BIT_NOT -> {
            return Value.of(~i.value());
          }
          default -> {}
        }
      }
      case Value.Bool b -> {
        if (op == UnaryOp.NOT || op == UnaryOp.BIT_NOT) {
          return Value.of(!b.value());
        }
      }
      default -> {}
    }
    throw new OperatorException(invalidUnary(op, v));
  }

  static boolean isNumber(Value v) {
    return v instanceof Value.Int || v instanceof Value.Float;
  }

  static double asDouble(Value v) {
    return v instanceof Value.Int i ? i.value() : ((Value.Float) v).value();
  }

  private static boolean isStringLike(Value v) {
    return v instanceof Value.Str || v instanceof Value.Bytes;
  }

  private static byte[] bytesOf(Value v) {
    return v instanceof Value.Bytes b
        ? b.value()
        : ((Value.Str) v).value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int compareBytes(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  // ---------------------------------------------------------------- encoding

  /** Compact JSON as Tremor's script encoder writes it (floats as Rust's ryu prints them). */
  public static String encode(Value v) {
    StringBuilder out = new StringBuilder();
    encode(v, out);
    return out.toString();
  }

  private static void encode(Value v, StringBuilder out) {
    switch (v) {
      case Value.Null n -> out.append("null");
      case Value.Bool b -> out.append(b.value());
      case Value.Int i -> out.append(i.value());
      case Value.Float f -> out.append(formatFloat(f.value()));
      case Value.Str s -> quote(s.value(), out);
      case Value.Bytes b -> {
        out.append('[');
        for (int i = 0; i < b.value().length; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(b.value()[i] & 0xff);
        }
        out.append(']');
      }
      case Value.Arr a -> {
        out.append('[');
        List<Value> items = a.items();
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          encode(items.get(i), out);
        }
        out.append(']');
      }
      case Value.Obj o -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(e.getKey(), out);
          out.append(':');
          encode(e.getValue(), out);
        }
        out.append('}');
      }
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Shortest round-trip digits laid out the way the ryu crate does ({@code 1.0}, {@code 1e20}). */
  static String formatFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    String sign = d < 0 ? "-" : "";
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int length = digits.length();
    int k = -bd.scale();
    int kk = length + k;
    StringBuilder out = new StringBuilder(sign);
    if (k >= 0 && kk <= 16) {
      out.append(digits).append("0".repeat(k)).append(".0");
    } else if (kk > 0 && kk <= 16) {
      out.append(digits, 0, kk).append('.').append(digits, kk, length);
    } else if (kk > -5 && kk <= 0) {
      out.append("0.").append("0".repeat(-kk)).append(digits);
    } else if (length == 1) {
      out.append(digits).append('e').append(kk - 1);
    } else {
      out.append(digits, 0, 1).append('.').append(digits, 1, length).append('e').append(kk - 1);
    }
    return out.toString();
  }
}
