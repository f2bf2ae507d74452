package io.quiver.connectors.cloud.pubsub;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.QueuedSink;
import io.quiver.connectors.cloud.google.GoogleAccess;
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
 * Tremor's gpub offramp: each value of an event (each entry of a batch) is a command {@code
 * {"command": "send_message", "project": p, "topic": t, "data": d}}; {@code d} is encoded with the
 * offramp's codec and postprocessors and published to {@code projects/p/topics/t}, in order on the
 * worker thread. Linked, the reply on {@code out} is an array of {@code {"command": "send_message",
 * "message-id": id}}. A bad command fails the event with Tremor's text.
 */
final class GpubSink extends QueuedSink {
  private final Config config;
  private final Map<String, String> env;
  private HttpClient http;
  private PubsubApi api;
  private Serializer serializer;
  private String base;

  GpubSink(Config config, Map<String, String> env) {
    this.config = config;
    this.env = env;
  }

  @Override
  protected void starting(SinkContext ctx) throws Exception {
    http = Http.client();
    GoogleAccess access =
        GoogleAccess.resolve(
            config, PubsubApi.DEFAULT_BASE, PubsubApi.EMULATOR_VARIABLE, env, http);
    base = access.base();
    api = new PubsubApi(http, access);
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
      Command c = Command.parse(e.data());
      String id = api.publish(c.project(), c.topic(), encode(c.data(), e.ingestNs()));
      answers.add(Value.obj("command", Value.of("send_message"), "message-id", Value.of(id)));
    }
    reply(event, Value.array(answers));
  }

  private byte[] encode(Value data, long ingestNs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : serializer.serialize(data, ingestNs)) {
      out.write(chunk);
    }
    return out.toByteArray();
  }

  /** A {@code send_message} command, read as Tremor reads it. */
  record Command(String project, String topic, Value data) {
    static Command parse(Value value) throws BadEventException {
      if (!(value instanceof Value.Obj o)) {
        throw new BadEventException("Invalid Command");
      }
      String name = string(o, "command");
      if (!name.equals("send_message")) {
        throw new BadEventException(
            "Unknown Google Cloud PubSub command: `" + name + "` attempted");
      }
      String project = string(o, "project");
      String topic = string(o, "topic");
      Value data = o.get("data");
      if (data == null) {
        throw new BadEventException("Invalid Command, expected `data` field");
      }
      return new Command(project, topic, data);
    }

    private static String string(Value.Obj o, String field) throws BadEventException {
      if (o.get(field) instanceof Value.Str s) {
        return s.value();
      }
      throw new BadEventException("Invalid Command, expected `" + field + "` field");
    }
  }

  @Override
  public void stop() {
    super.stop();
    if (http != null) {
      http.close();
    }
  }
}
