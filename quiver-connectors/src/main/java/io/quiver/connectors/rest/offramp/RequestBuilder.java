package io.quiver.connectors.rest.offramp;

import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the request for an event as Tremor's rest offramp does: the method, headers and endpoint
 * from the first entry (of a batch) that has them, else the configured ones; every entry's value
 * encoded and postprocessed, the bodies concatenated. {@code $request.headers} win over the
 * configured headers name by name; the first {@code content-type} there picks the codec (through
 * the codec map, else the offramp's codec); without any {@code content-type} the body is sent as
 * {@code application/octet-stream}, as Tremor's HTTP client does. {@code Host} names the chosen
 * endpoint; hop-by-hop headers an onramp may have passed on ({@code content-length}, {@code
 * transfer-encoding}, {@code connection}, {@code expect}, ...) are not sent (the body always goes
 * whole with its length). Thread-safe: the state is in the caller's {@link BodyCodecs}.
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

  RequestBuilder(RestOfframpSettings settings) {
    this.settings = settings;
  }

  /** Why an event cannot become a request; the message is the error text (status 400). */
  static final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    RequestException(String message) {
      super(message, null, false, false);
    }
  }

  private record Named(String name, List<String> values) {}

  /**
   * The request for {@code event}, its body encoded with {@code codecs} (the calling thread's own).
   */
  OutgoingRequest build(Event event, BodyCodecs codecs) throws RequestException {
    String method = null;
    Endpoint endpoint = null;
    LinkedHashMap<String, Named> metaHeaders = new LinkedHashMap<>();
    Serializer serializer = null;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Event e : event.elements()) {
      Value request = e.metaField("request");
      if (request instanceof Value.Obj r) {
        if (method == null) {
          method = method(r.get("method"));
        }
        if (metaHeaders.isEmpty() && r.get("headers") instanceof Value.Obj h) {
          String contentType = readHeaders(h, metaHeaders);
          if (contentType != null && serializer == null) {
            serializer = codecs.serializer(contentType);
          }
        }
      }
      if (endpoint == null) {
        endpoint = endpoint(e.metaField("endpoint"));
      }
      encode(serializer != null ? serializer : codecs.serializer(null), e, body);
    }
    Endpoint.Target target;
    try {
      target = (endpoint != null ? endpoint : settings.endpoint()).target();
    } catch (Endpoint.EndpointException ex) {
      throw new RequestException(ex.getMessage());
    }
    return assemble(method != null ? method : settings.method(), target, metaHeaders, body);
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

  /** Reads {@code $request.headers}; returns the first content-type value, or null. */
  private static String readHeaders(Value.Obj h, Map<String, Named> into) {
    String contentType = null;
    for (Map.Entry<String, Value> field : h.fields().entrySet()) {
      String lower = field.getKey().toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")) {
        continue;
      }
      List<String> values = new ArrayList<>();
      switch (field.getValue()) {
        case Value.Str s -> values.add(s.value());
        case Value.Arr a -> {
          for (Value v : a.items()) {
            if (v instanceof Value.Str s) {
              values.add(s.value());
            }
          }
        }
        default -> {
          continue;
        }
      }
      if (lower.equals("content-type") && contentType == null && !values.isEmpty()) {
        contentType = values.get(0);
      }
      into.put(lower, new Named(field.getKey(), values));
    }
    return contentType;
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

  private static void encode(Serializer serializer, Event e, ByteArrayOutputStream body)
      throws RequestException {
    try {
      for (byte[] chunk : serializer.serialize(e.data(), e.ingestNs())) {
        body.writeBytes(chunk);
      }
    } catch (CodecException | ProcessorException ex) {
      throw new RequestException(ex.getMessage());
    } catch (RuntimeException | StackOverflowError ex) {
      throw new RequestException("cannot encode the event: " + ex);
    }
  }

  private OutgoingRequest assemble(
      String method,
      Endpoint.Target target,
      LinkedHashMap<String, Named> metaHeaders,
      ByteArrayOutputStream body) {
    LinkedHashMap<String, Named> headers = new LinkedHashMap<>();
    settings
        .headers()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new Named(k, List.of(v))));
    headers.putAll(metaHeaders);
    headers.keySet().removeAll(DROPPED);
    headers.putIfAbsent("content-type", new Named("content-type", List.of(OCTET_STREAM)));
    if (target.username() != null && !headers.containsKey("authorization")) {
      String credentials =
          target.username() + ":" + (target.password() == null ? "" : target.password());
      headers.put(
          "authorization",
          new Named(
              "authorization",
              List.of(
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))));
    }
    headers.put("host", new Named("Host", List.of(target.hostHeader())));
    List<OutgoingRequest.Header> list = new ArrayList<>();
    LinkedHashMap<String, Value> metaHeaderRecord = new LinkedHashMap<>();
    headers.forEach(
        (lower, named) -> {
          List<Value> values = new ArrayList<>();
          for (String value : named.values()) {
            list.add(new OutgoingRequest.Header(named.name(), value));
            values.add(Value.of(value));
          }
          metaHeaderRecord.put(lower, Value.array(values));
        });
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("method", Value.of(method));
    meta.put("headers", Value.obj(metaHeaderRecord));
    meta.put("endpoint", target.meta());
    return new OutgoingRequest(method, target, list, body.toByteArray(), Value.obj(meta));
  }

  static final String OCTET_STREAM = "application/octet-stream";
}
