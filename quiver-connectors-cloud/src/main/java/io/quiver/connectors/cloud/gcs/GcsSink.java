package io.quiver.connectors.cloud.gcs;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.QueuedSink;
import io.quiver.connectors.cloud.google.GoogleAccess;
import io.quiver.spi.Decoded;
import io.quiver.spi.Deserializer;
import io.quiver.spi.EpochClock;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.spi.config.Config;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs each event's commands (one per value; every entry of a batch) against Cloud Storage in order
 * on the worker thread, then answers on {@code out} with Tremor's reply: an array of {@code {"cmd":
 * name, "data": answer}}, one per command, where the answer is the API's JSON (an upload's object
 * resource, a listing, ...), or for {@code download_object} an array of the values the offramp's
 * preprocessors and codec decode from the object. {@code upload_object} encodes {@code body} with
 * the offramp's codec and postprocessors. The first command that fails fails the event (with an
 * error event); those before it have run.
 */
final class GcsSink extends QueuedSink {
  static final String DEFAULT_BASE = "https://storage.googleapis.com";
  static final String EMULATOR_VARIABLE = "STORAGE_EMULATOR_HOST";

  private final Config config;
  private final Map<String, String> env;
  private HttpClient http;
  private GcsApi api;
  private Serializer serializer;
  private String base;

  GcsSink(Config config, Map<String, String> env) {
    this.config = config;
    this.env = env;
  }

  @Override
  protected void starting(SinkContext ctx) throws Exception {
    http = Http.client();
    GoogleAccess access = GoogleAccess.resolve(config, DEFAULT_BASE, EMULATOR_VARIABLE, env, http);
    base = access.base();
    api = new GcsApi(http, access);
    serializer = ctx.newSerializer();
  }

  @Override
  protected URI service() {
    return URI.create(base);
  }

  @Override
  protected void deliver(Event event) throws Exception {
    List<Value> answers = new ArrayList<>();
    for (Event e : event.elements()) {
      GcsCommand c = GcsCommand.parse(e.data());
      answers.add(Value.obj("cmd", Value.of(c.name()), "data", run(c, e.ingestNs())));
    }
    reply(event, Value.array(answers));
  }

  private Value run(GcsCommand c, long ingestNs) throws Exception {
    return switch (c.name()) {
      case "fetch" -> api.getObject(c.field("bucket"), c.field("object"));
      case "list_buckets" -> api.listBuckets(c.field("project_id"));
      case "list_objects" -> api.listObjects(c.field("bucket"));
      case "upload_object" ->
          api.upload(
              c.field("bucket"),
              c.field("object"),
              encode(c.body(), ingestNs),
              serializer.mimeType().orElse("application/json"));
      case "remove_object" -> api.deleteObject(c.field("bucket"), c.field("object"));
      case "create_bucket" -> api.createBucket(c.field("project_id"), c.field("bucket"));
      case "remove_bucket" -> api.deleteBucket(c.field("bucket"));
      case "download_object" -> decode(api.download(c.field("bucket"), c.field("object")));
      default -> throw new IllegalStateException("unhandled command " + c.name());
    };
  }

  private byte[] encode(Value body, long ingestNs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : serializer.serialize(body, ingestNs)) {
      out.write(chunk);
    }
    return out.toByteArray();
  }

  private Value decode(byte[] content) throws BadEventException {
    Deserializer deserializer = context.newDeserializer();
    List<Decoded> decoded = new ArrayList<>();
    long now = EpochClock.nowNs();
    deserializer.deserialize(content, now, true, decoded);
    deserializer.finish(now, decoded);
    List<Value> values = new ArrayList<>();
    for (Decoded d : decoded) {
      switch (d) {
        case Decoded.Ok ok -> values.add(ok.value());
        case Decoded.Failed failed -> throw new BadEventException(failed.message());
      }
    }
    return Value.array(values);
  }

  @Override
  public void stop() {
    super.stop();
    if (http != null) {
      http.close();
    }
  }
}
