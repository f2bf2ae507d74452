package io.quiver.script;

import io.quiver.value.Value;

/**
 * What a script may know about the event besides its data: when it was ingested and where it came
 * from ({@code origin}: a record {scheme, host, port, path} or null), for {@code system::ingest_ns}
 * and the {@code origin::*} functions.
 */
public record EventContext(long ingestNs, Value origin) {
  public static final EventContext NONE = new EventContext(0, Value.NULL);

  public EventContext {
    if (origin == null) {
      origin = Value.NULL;
    }
  }

  /** The origin URI as text ({@code scheme://host:port/path}), or null without an origin. */
  public String originUri() {
    if (!(origin instanceof Value.Obj o)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append(text(o.get("scheme"))).append("://").append(text(o.get("host")));
    if (o.get("port") instanceof Value.Int port) {
      out.append(':').append(port.value());
    }
    if (o.get("path") instanceof Value.Arr path) {
      for (Value segment : path.items()) {
        out.append('/').append(text(segment));
      }
    }
    return out.toString();
  }

  private static String text(Value v) {
    return v instanceof Value.Str s ? s.value() : v == null ? "" : ValueOps.encode(v);
  }
}
