package io.quiver.server.api;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * What {@code quiver api} does (tremor-cli/src/api.rs): calls one API route and prints the answer
 * as Tremor's client does. 200 and 201 print the body on stdout; 404 prints {@code Not found} and
 * 409 {@code Conflict} on stderr; any other status {@code Unexpected response ( status: <reason> )}
 * on stderr; all of these exit 0, as in Tremor. A request that cannot be made (no server, a file
 * that cannot be read) prints why on stderr and exits 1.
 */
final class ApiClient {
  /** A problem that ends the command with exit code 1 and this message. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private final String base;
  private final ApiFormat format;
  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  ApiClient(String base, ApiFormat format, PrintStream out, PrintStream err) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.format = format;
    this.out = out;
    this.err = err;
  }

  /** {@code GET /version}: prints {@code {"version":"0.11.12"}} (YAML with {@code -f yaml}). */
  void version() throws Failure {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("version")).GET());
    Value version;
    try {
      version = Json.parse(r.body());
    } catch (JsonException e) {
      throw new Failure("invalid answer from " + base + "/version: " + e.getMessage());
    }
    Value v = version instanceof Value.Obj o ? o.get("version") : null;
    if (v == null) {
      throw new Failure("invalid answer from " + base + "/version: no version");
    }
    Value shown = Value.obj("version", v);
    out.println(format == ApiFormat.YAML ? YamlText.of(shown) : Json.write(shown));
  }

  /** GET without an {@code Accept} header (as Tremor's client): the answer is JSON. */
  void get(String... path) throws Failure {
    handle(send(HttpRequest.newBuilder(uri(path)).GET()));
  }

  void delete(String... path) throws Failure {
    handle(send(HttpRequest.newBuilder(uri(path)).DELETE()));
  }

  /** POSTs a JSON or YAML file, re-written in the client's format. */
  void postData(Path file, String... path) throws Failure {
    byte[] body = dataFile(file);
    handle(
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", format.mime())
                .header("Accept", format.mime())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  /** POSTs a {@code .trickle} file as it is. */
  void postTrickle(Path file, String... path) throws Failure {
    if (!file.toString().endsWith(".trickle")) {
      throw new Failure("Unsupported format: " + extension(file));
    }
    byte[] body = read(file);
    handle(
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", ApiFormat.TRICKLE.mime())
                .header("Accept", format.mime())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  private void handle(HttpResponse<String> r) {
    switch (r.statusCode()) {
      case 200, 201 -> out.println(r.body());
      case 204 -> {}
      case 404 -> err.println("Not found");
      case 409 -> err.println("Conflict");
      default ->
          err.println(
              "Unexpected response ( status: "
                  + io.netty.handler.codec.http.HttpResponseStatus.valueOf(r.statusCode())
                      .reasonPhrase()
                  + " )");
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Failure {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Failure(
          "cannot reach the API at " + base + ": " + (e.getMessage() == null ? e : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
  }

  private URI uri(String... path) throws Failure {
    StringBuilder s = new StringBuilder(base);
    for (String p : path) {
      s.append('/')
          .append(java.net.URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    try {
      return URI.create(s.toString());
    } catch (IllegalArgumentException e) {
      throw new Failure("invalid API URL " + base + ": " + e.getMessage());
    }
  }

  /** A {@code .json}, {@code .yaml} or {@code .yml} file, written in the client's format. */
  private byte[] dataFile(Path file) throws Failure {
    String ext = extension(file);
    String text = new String(read(file), StandardCharsets.UTF_8);
    Value value;
    try {
      value =
          switch (ext) {
            case "json" -> Json.parse(text);
            case "yaml", "yml" ->
                toValue(new Load(LoadSettings.builder().build()).loadFromString(text));
            default -> throw new Failure("Unsupported format: " + ext);
          };
    } catch (JsonException | YamlEngineException e) {
      throw new Failure(file + ": " + e.getMessage());
    }
    try {
      return format.write(value);
    } catch (ApiError e) {
      throw new Failure(e.getMessage());
    }
  }

  private static byte[] read(Path file) throws Failure {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Failure("Failed to open `" + file + "`: file not found");
    } catch (IOException e) {
      throw new Failure("Failed to open `" + file + "`: " + e.getMessage());
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  private static Value toValue(Object o) {
    return switch (o) {
      case null -> Value.NULL;
      case Map<?, ?> m -> {
        Map<String, Value> fields = new LinkedHashMap<>();
        m.forEach((k, v) -> fields.put(String.valueOf(k), toValue(v)));
        yield Value.obj(fields);
      }
      case List<?> l -> {
        List<Value> items = new ArrayList<>();
        l.forEach(i -> items.add(toValue(i)));
        yield Value.array(items);
      }
      case Boolean b -> Value.of(b.booleanValue());
      case Integer i -> Value.of(i.longValue());
      case Long l -> Value.of(l.longValue());
      case Double d -> Value.of(d.doubleValue());
      default -> Value.of(String.valueOf(o));
    };
  }
}
