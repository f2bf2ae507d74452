package io.quiver.connectors.rest.offramp;

import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Builds the request for an event as Tremor's rest offramp does: the method, headers and endpoint
 * from the first entry (of a batch) that has them, else the configured ones; every entry's value
 * encoded and postprocessed, the bodies concatenated. {@code $request.headers} win over the
 * configured headers name by name; the first {@code content-type} there picks the codec (through
 * the codec map, else the offramp's codec); without any {@code content-type} the body is sent as
 * {@code application/octet-stream}, as Tremor's HTTP client does. {@code Host} names the chosen
 * endpoint; hop-by-hop headers an onramp may have passed on ({@code content-length}, {@code
 * transfer-encoding}, {@code connection}, {@code expect}, ...) are not sent (the body always goes
 * whole with its length). The request's head is written here, on the sender's thread, in the bytes
 * it is sent as ({@link RequestHeadWriter}); a header or target no request could carry is refused.
 * Thread-safe: the state is in the caller's {@link BodyCodecs} and the thread's writer.
 */
final class RequestBuilder {
  static final String INVALID_ENDPOINT_TYPE = "Invalid $endpoint type. Use String or Map.";

  /** Request headers never taken from events or config: the sender sets them. */
  private static final Set<String> DROPPED =
      Set.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "host");

  private final RestOfframpSettings settings;

  /** The last {@code Host} header made ({@link #hostValues}). */
  private volatile HostHeader lastHost;

  /** The configured headers by lower-case name, without the ones never sent: made once. */
  private final RequestHeaders configured = new RequestHeaders();

  RequestBuilder(RestOfframpSettings settings) {
    this.settings = settings;
    settings
        .headers()
        .forEach(
            (k, v) -> {
              String lower = k.toLowerCase(Locale.ROOT);
              if (!DROPPED.contains(lower)) {
                configured.put(lower, k, string(Value.of(v)));
              }
            });
  }

  /** Why an event cannot become a request; the message is the error text (status 400). */
  static final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    RequestException(String message) {
      super(message, null, false, false);
    }
  }

  /** What {@link #readHeaders} found: the first content type, and whether there was a header. */
  private record Read(String contentType, boolean any) {}

  private static final Read NONE_READ = new Read(null, false);
  private static final Read SOME_READ = new Read(null, true);

  private static Value.Arr string(Value.Str s) {
    return new Value.Arr(List.of(s));
  }

  /**
   * The request for {@code event}, its body encoded with {@code codecs} (the calling thread's own).
   */
  OutgoingRequest build(Event event, BodyCodecs codecs) throws RequestException {
    String method = null;
    Endpoint endpoint = null;
    RequestHeaders headers = new RequestHeaders();
    for (int i = 0; i < configured.size(); i++) {
      headers.put(configured.key(i), configured.name(i), configured.values(i));
    }
    boolean headersRead = false;
    Serializer serializer = null;
    List<byte[]> chunks = new ArrayList<>(1);
    List<Event> elements = event.elements();
    for (int k = 0; k < elements.size(); k++) {
      Event e = elements.get(k);
      Value request = e.metaField("request");
      if (request instanceof Value.Obj r) {
        if (method == null) {
          method = method(r.get("method"));
        }
        if (!headersRead && r.get("headers") instanceof Value.Obj h) {
          Read read = readHeaders(h, headers);
          headersRead = read.any();
          if (read.contentType() != null && serializer == null) {
            serializer = codecs.serializer(read.contentType());
          }
        }
      }
      if (endpoint == null) {
        endpoint = endpoint(e.metaField("endpoint"));
      }
      encode(serializer != null ? serializer : codecs.serializer(null), e, chunks);
    }
    Endpoint.Target target;
    try {
      target = (endpoint != null ? endpoint : settings.endpoint()).target();
    } catch (Endpoint.EndpointException ex) {
      throw new RequestException(ex.getMessage());
    }
    return assemble(method != null ? method : settings.method(), target, headers, chunks);
  }

  private String method(Value m) throws RequestException {
    if (m instanceof Value.Str s) {
      String canonical = HttpMethods.canonical(s.value());
      if (canonical == null) {
        throw new RequestException(HttpMethods.INVALID);
      }
      return canonical;
    }
    return settings.method();
  }

  /**
   * Reads {@code $request.headers} into {@code into} by lower-case name, leaving out the ones never
   * sent ({@code content-length} does not even count as a header).
   */
  private static Read readHeaders(Value.Obj h, RequestHeaders into) {
    HeaderReader reader = new HeaderReader(into);
    h.fields().forEach(reader); // no entry object per header, unlike iterating the entries
    return reader.contentType != null
        ? new Read(reader.contentType, true)
        : reader.any ? SOME_READ : NONE_READ;
  }

  /** Reads one {@code $request.headers} field after the other for {@link #readHeaders}. */
  private static final class HeaderReader implements BiConsumer<String, Value> {
    private final RequestHeaders into;
    private String contentType;
    private boolean any;

    HeaderReader(RequestHeaders into) {
      this.into = into;
    }

    @Override
    public void accept(String name, Value value) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")) {
        return;
      }
      Value.Arr values =
          switch (value) {
            case Value.Str s -> string(s);
            case Value.Arr a -> strings(a);
            default -> null;
          };
      if (values == null) {
        return;
      }
      any = true;
      if (lower.equals("content-type") && contentType == null && values.size() > 0) {
        contentType = ((Value.Str) values.get(0)).value();
      }
      if (!DROPPED.contains(lower)) {
        into.put(lower, name, values);
      }
    }
  }

  /** {@code a} when it holds only strings (as from a rest onramp), else its strings. */
  private static Value.Arr strings(Value.Arr a) {
    int n = a.size();
    for (int i = 0; i < n; i++) {
      if (!(a.get(i) instanceof Value.Str)) {
        List<Value> only = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          if (a.get(j) instanceof Value.Str) {
            only.add(a.get(j));
          }
        }
        return new Value.Arr(only);
      }
    }
    return a;
  }

  private Endpoint endpoint(Value v) throws RequestException {
    return switch (v) {
      case null -> null;
      case Value.Str s -> {
        try {
          yield Endpoint.parse(s.value());
        } catch (Endpoint.EndpointException ex) {
          throw new RequestException(ex.getMessage());
        }
      }
      case Value.Obj o -> settings.endpoint().merge(o);
      default -> throw new RequestException(INVALID_ENDPOINT_TYPE);
    };
  }

  private static void encode(Serializer serializer, Event e, List<byte[]> chunks)
      throws RequestException {
    try {
      chunks.addAll(serializer.serialize(e.data(), e.ingestNs()));
    } catch (CodecException | ProcessorException ex) {
      throw new RequestException(ex.getMessage());
    } catch (RuntimeException | StackOverflowError ex) {
      throw new RequestException("cannot encode the event: " + ex);
    }
  }

  /** The body: the one chunk as it is (the common case), else the chunks one after the other. */
  private static byte[] body(List<byte[]> chunks) {
    if (chunks.size() == 1) {
      return chunks.get(0);
    }
    int n = 0;
    for (byte[] c : chunks) {
      n += c.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, out, at, c.length);
      at += c.length;
    }
    return out;
  }

  private OutgoingRequest assemble(
      String method, Endpoint.Target target, RequestHeaders headers, List<byte[]> chunks)
      throws RequestException {
    headers.putIfAbsent("content-type", "content-type", OCTET_STREAM_VALUES);
    if (target.username() != null && !headers.contains("authorization")) {
      String credentials =
          target.username() + ":" + (target.password() == null ? "" : target.password());
      String basic =
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
      headers.put("authorization", "authorization", string(Value.of(basic)));
    }
    headers.put("host", "Host", hostValues(target));
    byte[] body = body(chunks);
    RequestHeadWriter head = RequestHeadWriter.start(method, target.requestUri());
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      Value.Arr values = headers.values(i);
      for (int k = 0; k < values.size(); k++) {
        head.header(name, ((Value.Str) values.get(k)).value());
      }
    }
    Value meta =
        Value.record(
            META_KEYS, new Value[] {methodValue(method), headers.record(), endpointMeta(target)});
    return new OutgoingRequest(method, target, head.finish(body.length), body, meta);
  }

  /**
   * The {@code Host} header's values for {@code target}: the last ones made when they were for the
   * same host and port (an offramp mostly sends to one upstream), else new ones, kept for the next
   * request. Immutable, so threads may share them.
   */
  private Value.Arr hostValues(Endpoint.Target target) {
    HostHeader last = lastHost;
    if (last == null
        || !last.host().equals(target.host())
        || !Objects.equals(last.port(), target.port())) {
      last = new HostHeader(target.host(), target.port(), string(Value.of(target.hostHeader())));
      lastHost = last;
    }
    return last.values();
  }

  private record HostHeader(String host, Integer port, Value.Arr values) {}

  /**
   * {@code $response.request.endpoint} for {@code target}: the last one made when it was for an
   * equal target (a proxy sends many requests to the same url), else a new one, kept for the next
   * request. Immutable, so threads may share it.
   */
  private Value endpointMeta(Endpoint.Target target) {
    EndpointMeta last = lastEndpoint;
    if (last == null || !last.target().equals(target)) {
      last = new EndpointMeta(target, target.meta());
      lastEndpoint = last;
    }
    return last.meta();
  }

  /** The last {@code $response.request.endpoint} made ({@link #endpointMeta}). */
  private volatile EndpointMeta lastEndpoint;

  private record EndpointMeta(Endpoint.Target target, Value meta) {}

  private static final Value.Str GET = Value.of("GET");
  private static final Value.Str POST = Value.of("POST");

  /** {@code $response.request.method}: the common methods' values shared. */
  private static Value methodValue(String method) {
    return switch (method) {
      case "GET" -> GET;
      case "POST" -> POST;
      default -> Value.of(method);
    };
  }

  /** The keys of {@code $response.request}. */
  private static final String[] META_KEYS = {"method", "headers", "endpoint"};

  static final String OCTET_STREAM = "application/octet-stream";

  private static final Value.Arr OCTET_STREAM_VALUES = string(Value.of(OCTET_STREAM));
}
