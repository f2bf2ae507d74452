package io.quiver.codec;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/** Random values of every type and size class, reproducible from a seed. */
final class RandomValues {
  private static final long[] EDGES = {
    0,
    1,
    31,
    32,
    127,
    128,
    255,
    256,
    65535,
    65536,
    4294967295L,
    4294967296L,
    Long.MAX_VALUE,
    -1,
    -31,
    -32,
    -33,
    -127,
    -128,
    -129,
    -32768,
    -32769,
    Integer.MIN_VALUE,
    Integer.MIN_VALUE - 1L,
    Long.MIN_VALUE
  };
  private static final String[] STRINGS = {
    "", "a", "snot badger", "é€𝄞", "x".repeat(31), "y".repeat(32), "z".repeat(300), "\"\\\n\t"
  };

  private final Random random;
  private final boolean withBytes;

  RandomValues(long seed, boolean withBytes) {
    this.random = new Random(seed);
    this.withBytes = withBytes;
  }

  Value next(int depth) {
    int kind = random.nextInt(depth <= 0 ? 6 : 9);
    return switch (kind) {
      case 0 -> Value.NULL;
      case 1 -> Value.of(random.nextBoolean());
      case 2 ->
          Value.of(
              random.nextBoolean()
                  ? EDGES[random.nextInt(EDGES.length)]
                  : random.nextLong() >> random.nextInt(64));
      case 3 ->
          Value.of(
              random.nextBoolean()
                  ? random.nextDouble() * 1e6 - 5e5
                  : Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL));
      case 4 ->
          Value.of(
              STRINGS[random.nextInt(STRINGS.length)]
                  + (random.nextBoolean() ? "" : Integer.toString(random.nextInt())));
      case 5 -> {
        if (!withBytes) {
          yield Value.of("no bytes");
        }
        byte[] b = new byte[random.nextInt(3) == 0 ? 300 : random.nextInt(20)];
        random.nextBytes(b);
        yield Value.of(b);
      }
      case 6, 7 -> {
        int n = random.nextInt(3) == 0 ? 20 : random.nextInt(4);
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(next(depth - 1));
        }
        yield new Value.Arr(items);
      }
      default -> {
        int n = random.nextInt(3) == 0 ? 17 : random.nextInt(4);
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          fields.put(
              "k" + i + (random.nextBoolean() ? "" : STRINGS[random.nextInt(STRINGS.length)]),
              next(depth - 1));
        }
        yield Value.obj(fields);
      }
    };
  }
}
