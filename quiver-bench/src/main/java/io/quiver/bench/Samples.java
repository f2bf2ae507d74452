package io.quiver.bench;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/** Deterministic sample events shaped like the project's shared data.json (log-like records). */
final class Samples {
  private static final String[] WORDS = {
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "snot",
    "badger"
  };

  private Samples() {}

  static Value record(Random r) {
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    m.put("about", Value.of(sentence(r, 60)));
    m.put("guid", Value.of(new java.util.UUID(r.nextLong(), r.nextLong()).toString()));
    m.put("abool", Value.of(r.nextBoolean()));
    m.put("aint", Value.of(r.nextInt(100)));
    m.put("short_message", Value.of(WORDS[r.nextInt(WORDS.length)]));
    List<Value> tags = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      tags.add(Value.of("tag" + r.nextInt(5)));
    }
    m.put("tags", new Value.Arr(tags));
    m.put("afloat", Value.of(r.nextDouble() * 1000));
    m.put("timestamp", Value.of(1_600_000_000_000_000_000L + r.nextInt(1_000_000)));
    m.put(
        "location",
        Value.obj("lat", Value.of(r.nextDouble() * 90), "lon", Value.of(r.nextDouble() * 180)));
    m.put(
        "name",
        Value.obj(
            "first",
            Value.of(WORDS[r.nextInt(WORDS.length)]),
            "last",
            Value.of(WORDS[r.nextInt(WORDS.length)])));
    return Value.obj(m);
  }

  private static String sentence(Random r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return b.append('.').toString();
  }
}
