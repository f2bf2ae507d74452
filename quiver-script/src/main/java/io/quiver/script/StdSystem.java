package io.quiver.script;

import static io.quiver.script.StdLib.runtime;

import io.quiver.script.FunctionRegistry.Builder;
import io.quiver.script.FunctionRegistry.Function;
import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The environment part of Tremor's std library: system, random, chash and test. Their results
 * depend on more than their arguments, so {@link #NOT_CONSTANT} keeps them from being folded at
 * compile time.
 */
final class StdSystem {
  private StdSystem() {}

  /** Modules whose functions must run per event (never constant-folded). */
  static final Set<String> NOT_CONSTANT =
      Set.of("system", "random", "origin", "test", CncfOtel.MODULE);

  /** Whether {@code module::function} may be folded at compile time (e.g. not today's date). */
  static boolean isConstant(String module, String function) {
    return !NOT_CONSTANT.contains(module)
        && !(module.equals("datetime") && function.equals("today"));
  }

  static void register(Builder b) {
    b.add(
        "system",
        "nanotime",
        0,
        a -> Value.of(System.currentTimeMillis() * 1_000_000L + System.nanoTime() % 1_000_000L));
    b.add("system", "ingest_ns", 0, a -> Value.of(System.currentTimeMillis() * 1_000_000L));
    b.add("system", "instance", 0, a -> Value.of(InstanceName.get()));
    b.add("system", "version", 0, a -> Value.of("0.11.12"));
    b.add(
        "system",
        "hostname",
        0,
        a -> {
          try {
            return Value.of(InetAddress.getLocalHost().getHostName());
          } catch (UnknownHostException e) {
            throw runtime("could not determine the hostname: " + e.getMessage());
          }
        });
    for (String fn : List.of("as_uri_string", "as_uri_record", "scheme", "host", "port", "path")) {
      // evaluated by the interpreter from the event's context
      b.add("origin", fn, 0, a -> Value.NULL);
    }
    b.add("random", "bool", 0, a -> Value.of(ThreadLocalRandom.current().nextBoolean()));
    b.add(new Function("random", "integer", 0, 2, StdSystem::randomInteger));
    b.add(new Function("random", "float", 0, 2, StdSystem::randomFloat));
    b.add(
        "random",
        "string",
        1,
        a -> {
          if (!(a.get(0) instanceof Value.Int n) || n.value() < 0) {
            throw FunctionException.wrongType();
          }
          String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
          StringBuilder out = new StringBuilder();
          for (long i = 0; i < n.value(); i++) {
            out.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
          }
          return Value.of(out.toString());
        });
    b.add(
        "chash",
        "jump",
        2,
        a -> {
          if (!(a.get(0) instanceof Value.Str key)
              || !(a.get(1) instanceof Value.Int slots)
              || slots.value() < 0
              || slots.value() > 0xFFFFFFFFL) {
            throw FunctionException.wrongType();
          }
          return Value.of(
              JumpHash.slot(JumpHash.TREMOR_K0, JumpHash.TREMOR_K1, key.value(), slots.value()));
        });
    b.add(
        "chash",
        "jump_with_keys",
        4,
        a -> {
          if (!(a.get(0) instanceof Value.Int k0)
              || !(a.get(1) instanceof Value.Int k1)
              || !(a.get(2) instanceof Value.Str key)
              || !(a.get(3) instanceof Value.Int slots)
              || k0.value() < 0
              || k1.value() < 0
              || slots.value() < 0
              || slots.value() > 0xFFFFFFFFL) {
            throw FunctionException.wrongType();
          }
          return Value.of(JumpHash.slot(k0.value(), k1.value(), key.value(), slots.value()));
        });
    b.add("chash", "sorted_serialize", 1, a -> Value.of(Json.writeSorted(a.get(0))));
    // Tremor 0.11 never panics on a failed assertion (its contexts leave panic_on_assert off)
    b.add("test", "assert", 3, a -> Value.of(same(a.get(1), a.get(2))));
  }

  /**
   * The equality {@code test::assert} uses (Tremor's value equality, stricter than {@code ==}): an
   * integer never equals a float, a string never equals bytes, and floats are equal when they
   * differ by at most the machine epsilon or 4 units in the last place.
   */
  static boolean same(Value l, Value r) {
    return switch (l) {
      case Value.Float lf -> r instanceof Value.Float rf && closeFloats(lf.value(), rf.value());
      case Value.Int li -> r instanceof Value.Int ri && li.value() == ri.value();
      case Value.Str ls -> r instanceof Value.Str rs && ls.value().equals(rs.value());
      case Value.Bytes lb ->
          r instanceof Value.Bytes rb && java.util.Arrays.equals(lb.value(), rb.value());
      case Value.Arr la -> {
        if (!(r instanceof Value.Arr ra) || la.size() != ra.size()) {
          yield false;
        }
        for (int i = 0; i < la.size(); i++) {
          if (!same(la.get(i), ra.get(i))) {
            yield false;
          }
        }
        yield true;
      }
      case Value.Obj lo -> {
        if (!(r instanceof Value.Obj ro) || lo.size() != ro.size()) {
          yield false;
        }
        for (var e : lo.fields().entrySet()) {
          Value rv = ro.get(e.getKey());
          if (rv == null || !same(e.getValue(), rv)) {
            yield false;
          }
        }
        yield true;
      }
      default -> ValueOps.equal(l, r);
    };
  }

  private static boolean closeFloats(double a, double b) {
    if (a == b || Math.abs(a - b) <= Math.ulp(1.0)) {
      return true;
    }
    long la = Double.doubleToLongBits(a);
    long lb = Double.doubleToLongBits(b);
    return (la < 0) == (lb < 0) && Math.abs(la - lb) <= 4;
  }

  private static final String LOWER_THAN_SECOND =
      "Invalid arguments. First argument must be lower than second argument";

  private static Value randomInteger(List<Value> a) throws FunctionException {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return switch (a.size()) {
      case 0 -> Value.of(r.nextLong());
      case 1 -> {
        long high = integer(a, 0);
        if (high < 0) {
          throw FunctionException.wrongType();
        }
        if (high == 0) {
          throw runtime("Invalid arguments. Single argument value must be > 0.");
        }
        yield Value.of(r.nextLong(high));
      }
      default -> {
        long low = integer(a, 0);
        long high = integer(a, 1);
        if (low >= high) {
          throw runtime(LOWER_THAN_SECOND);
        }
        yield Value.of(r.nextLong(low, high));
      }
    };
  }

  private static Value randomFloat(List<Value> a) throws FunctionException {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return switch (a.size()) {
      case 0 -> Value.of(r.nextDouble());
      case 1 -> {
        double high = number(a, 0);
        if (!(high > 0.0)) {
          throw runtime("Invalid arguments. Single argument value must be > 0.0.");
        }
        yield Value.of(r.nextDouble() * high);
      }
      default -> {
        double low = number(a, 0);
        double high = number(a, 1);
        if (!(low < high)) {
          throw runtime(LOWER_THAN_SECOND);
        }
        yield Value.of(low + r.nextDouble() * (high - low));
      }
    };
  }

  private static long integer(List<Value> a, int i) throws FunctionException {
    if (a.get(i) instanceof Value.Int n) {
      return n.value();
    }
    throw FunctionException.wrongType();
  }

  private static double number(List<Value> a, int i) throws FunctionException {
    if (ValueOps.isNumber(a.get(i))) {
      return ValueOps.asDouble(a.get(i));
    }
    throw FunctionException.wrongType();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
