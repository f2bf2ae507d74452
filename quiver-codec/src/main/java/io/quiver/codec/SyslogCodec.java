package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tremor's {@code syslog} codec, RFC 5424 and RFC 3164 (see {@link SyslogParser}).
 *
 * <p>Decodes any UTF-8 text (what is not syslog becomes the {@code msg} of an RFC3164 record) to
 * {@code {"hostname", "severity", "facility", "timestamp" (epoch ns), "protocol" ("RFC5424" or
 * "RFC3164"), "protocol_version", "appname", "msgid", "structured_data" ({"id": [{"name": "value"},
 * ...]} or null), "procid", "msg"}}.
 *
 * <p>Encodes such a record: RFC 5424 by default ({@code <pri>version timestamp host app procid
 * msgid sd msg}, {@code -} for what is missing) or RFC 3164 ({@code <pri> timestamp host
 * app[procid]: msg}); timestamps are written in RFC 3339 with {@code +00:00}. Errors read {@code
 * Invalid Syslog Protocol data: <reason>} as in Tremor. Unlike Tremor 0.11, a {@code
 * structured_data} of {@code null} (what decoding gives for none) is treated as absent, so decoded
 * records encode again.
 */
public final class SyslogCodec implements Codec {
  public static final String NAME = "syslog";
  static final String ERROR_PREFIX = "Invalid Syslog Protocol data: ";

  private static final String[] FACILITIES = {
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "audit",
    "alert",
    "clockd",
    "local0",
    "local1",
    "local2",
    "local3",
    "local4",
    "local5",
    "local6",
    "local7"
  };
  private static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"
  };

  private final Clock clock;

  public SyslogCodec() {
    this(Clock.systemUTC());
  }

  /** With the clock that gives the year of RFC 3164 timestamps without one. */
  SyslogCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    SyslogParser.Message m = SyslogParser.parse(StrictUtf8Text.decode(data, ""), clock);
    LinkedHashMap<String, Value> o = new LinkedHashMap<>();
    o.put("hostname", str(m.hostname()));
    o.put("severity", m.severity() == null ? Value.NULL : Value.of(SEVERITIES[m.severity()]));
    o.put("facility", m.facility() == null ? Value.NULL : Value.of(FACILITIES[m.facility()]));
    o.put("timestamp", m.timestampNs() == null ? Value.NULL : Value.of(m.timestampNs()));
    o.put("protocol", Value.of(m.version() == null ? "RFC3164" : "RFC5424"));
    o.put(
        "protocol_version",
        m.version() == null ? Value.NULL : Value.of(m.version() & 0xFFFF_FFFFL));
    o.put("appname", str(m.appname()));
    o.put("msgid", str(m.msgid()));
    if (m.structuredData().isEmpty()) {
      o.put("structured_data", Value.NULL);
    } else {
      LinkedHashMap<String, Value> sd = new LinkedHashMap<>();
      for (SyslogParser.Element e : m.structuredData()) {
        List<Value> params = new ArrayList<>(e.params().size());
        for (String[] p : e.params()) {
          params.add(Value.obj(p[0], Value.of(p[1])));
        }
        sd.put(e.id(), new Value.Arr(params));
      }
      o.put("structured_data", Value.obj(sd));
    }
    o.put("procid", str(m.procid()));
    o.put("msg", Value.of(m.msg()));
    return Optional.of(Value.obj(o));
  }

  private static Value str(String s) {
    return s == null ? Value.NULL : Value.of(s);
  }

  @Override
  public byte[] encode(Value value) throws CodecException {
    Value.Obj data = value instanceof Value.Obj o ? o : Value.EMPTY_OBJECT;
    String protocol = data.get("protocol") instanceof Value.Str s ? s.value() : null;
    Long version =
        data.get("protocol_version") instanceof Value.Int i
                && i.value() >= 0
                && i.value() <= 0xFFFF_FFFFL
            ? i.value()
            : null;
    boolean rfc5424;
    String v = "";
    if ("RFC3164".equals(protocol)) {
      rfc5424 = false;
    } else if ("RFC5424".equals(protocol)) {
      if (version == null) {
        throw new CodecException(ERROR_PREFIX + "Missing protocol version");
      }
      rfc5424 = true;
      v = version.toString();
    } else if (protocol == null && version != null) {
      throw new CodecException(ERROR_PREFIX + "Missing protocol type");
    } else if (protocol != null) {
      throw new CodecException(ERROR_PREFIX + "invalid protocol type");
    } else {
      rfc5424 = true;
      v = "1";
    }
    if (!(data.get("facility") instanceof Value.Str facility)) {
      throw new CodecException(ERROR_PREFIX + "facility missing");
    }
    if (!(data.get("severity") instanceof Value.Str severity)) {
      throw new CodecException(ERROR_PREFIX + "severity missing");
    }
    int f = indexOf(FACILITIES, facility.value(), "invalid facility");
    int sev = indexOf(SEVERITIES, severity.value(), "invalid severity");
    List<String> parts = new ArrayList<>();
    parts.add("<" + ((f << 3) + sev) + ">" + v);
    parts.add(data.get("timestamp") instanceof Value.Int t ? Rfc3339.format(t.value()) : "-");
    parts.add(text(data, "hostname", "-"));
    String appname = data.get("appname") instanceof Value.Str a ? a.value() : null;
    String procid = data.get("procid") instanceof Value.Str p ? p.value() : null;
    if (rfc5424) {
      parts.add(appname == null ? "-" : appname);
      parts.add(procid == null ? "-" : procid);
      parts.add(text(data, "msgid", "-"));
    } else if (appname == null) {
      parts.add(":");
    } else {
      parts.add(procid == null ? appname + ":" : appname + "[" + procid + "]:");
    }
    Value sd = data.get("structured_data");
    if (sd != null && sd != Value.NULL) {
      parts.add(structuredData(sd));
    } else if (rfc5424) {
      parts.add("-");
    }
    if (data.get("msg") instanceof Value.Str msg) {
      parts.add(msg.value());
    }
    return String.join(" ", parts).getBytes(StandardCharsets.UTF_8);
  }

  private static String structuredData(Value sd) throws CodecException {
    if (!(sd instanceof Value.Obj elements)) {
      throw new CodecException(
          ERROR_PREFIX + "Invalid structured data: structured data not an object");
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Value> e : elements.fields().entrySet()) {
      b.append('[').append(e.getKey());
      if (!(e.getValue() instanceof Value.Arr params)) {
        throw new CodecException(
            ERROR_PREFIX + "Invalid structured data: params not an array of objects");
      }
      for (Value kv : params.items()) {
        if (!(kv instanceof Value.Obj pair)) {
          throw new CodecException(
              ERROR_PREFIX + "Invalid structured data: param's key value pair not an object");
        }
        for (Map.Entry<String, Value> p : pair.fields().entrySet()) {
          if (!(p.getValue() instanceof Value.Str s)) {
            throw new CodecException(
                ERROR_PREFIX + "Invalid structured data: param value not a string");
          }
          b.append(' ').append(p.getKey()).append("=\"").append(s.value()).append('"');
        }
      }
      b.append(']');
    }
    return b.toString();
  }

  private static String text(Value.Obj data, String key, String absent) {
    return data.get(key) instanceof Value.Str s ? s.value() : absent;
  }

  private static int indexOf(String[] names, String name, String error) throws CodecException {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    throw new CodecException(ERROR_PREFIX + error);
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, SyslogCodec::new);
    }
  }
}
