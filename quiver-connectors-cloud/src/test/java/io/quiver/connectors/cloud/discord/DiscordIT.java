package io.quiver.connectors.cloud.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.Deployment;
import io.quiver.connectors.cloud.FakeHttpService;
import io.quiver.connectors.cloud.FakeHttpService.Response;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discord onramp against a protocol-level gateway (websocket, Discord's opcodes) and REST API
 * on 127.0.0.1: not Discord itself, which cannot be reached from here.
 */
class DiscordIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  @TempDir Path tmp;

  /** discord (linked) -> record pipeline -> out.json; -> bot pipeline -> back into the onramp. */
  private World start(FakeGateway gateway, FakeHttpService api, Path out) throws Exception {
    Path record = tmp.resolve("record.trickle");
    Files.writeString(record, "select event from in into out;\n");
    Path bot = tmp.resolve("bot.trickle");
    Files.writeString(
        bot,
        """
        select {"message": {"channel_id": event.channel_id,
                            "update": {"message_id": event.id, "add_reactions": [{"id": 42, "name": "quiver"}]},
                            "send": {"content": "pong", "reactions": ["\\u2705"]}}}
        from in where match event of case %{content == "ping"} => true default => false end into out;
        """);
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: bot
            type: discord
            linked: true
            config:
              token: tok
              intents: [GuildMessages, DirectMessages]
              gateway_url: "%s"
              api_url: "%s/api/v10"
        offramp:
          - id: out
            type: file
            codec: json
            config:
              file: "%s"
        binding:
          - id: main
            links:
              "/onramp/bot/{i}/out": ["/pipeline/record/{i}/in", "/pipeline/bot/{i}/in"]
              "/pipeline/record/{i}/out": ["/offramp/out/{i}/in"]
              "/pipeline/bot/{i}/out": ["/onramp/bot/{i}/in"]
        mapping:
          /binding/main/1: {i: "1"}
        """
            .formatted(gateway.url(), api.url(), out));
    World world = World.load(List.of(record, bot, config), Registry.load());
    world.start();
    return world;
  }

  private static FakeHttpService rest() throws Exception {
    return new FakeHttpService(
        r ->
            r.method().equals("POST")
                ? Response.json(200, "{\"id\":\"999\",\"channel_id\":\"222\"}")
                : new Response(204, null, new byte[0]));
  }

  @Test
  void identifiesHeartbeatsForwardsMessagesAndAnswersThroughTheRestApi() throws Exception {
    Path out = tmp.resolve("out.json");
    try (var gateway = new FakeGateway();
        var api = rest()) {
      World world = start(gateway, api, out);
      try {
        Await.until("an identify", WITHIN, () -> !gateway.sent(2).isEmpty());
        Value.Obj identify = (Value.Obj) gateway.sent(2).get(0).get("d");
        assertThat(identify.get("token")).isEqualTo(Value.of("tok"));
        assertThat(identify.get("intents")).isEqualTo(Value.of((1 << 9) | (1 << 12)));
        gateway.dispatch(
            "MESSAGE_CREATE",
            "{\"id\":\"111\",\"channel_id\":\"222\",\"content\":\"ping\",\"author\":{\"id\":\"333\",\"username\":\"u\"}}");
        Await.until("the message recorded", WITHIN, () -> Deployment.lines(out).size() >= 1);
        assertThat(Deployment.lines(out).get(0))
            .isEqualTo(
                "{\"id\":111,\"channel_id\":222,\"content\":\"ping\",\"author\":{\"id\":333,\"username\":\"u\"}}");
        Await.until("three REST calls", WITHIN, () -> api.requests.size() >= 3);
        var react = api.requests.get(0);
        assertThat(react.method() + " " + react.uri())
            .isEqualTo("PUT /api/v10/channels/222/messages/111/reactions/quiver:42/@me");
        var send = api.requests.get(1);
        assertThat(send.method() + " " + send.uri())
            .isEqualTo("POST /api/v10/channels/222/messages");
        assertThat(send.header("Authorization")).isEqualTo("Bot tok");
        assertThat(send.header("Content-Type")).isEqualTo("application/json");
        assertThat(send.text()).isEqualTo("{\"content\":\"pong\"}");
        var onSent = api.requests.get(2);
        assertThat(onSent.method() + " " + onSent.uri())
            .isEqualTo("PUT /api/v10/channels/222/messages/999/reactions/%E2%9C%85/@me");
        Await.until(
            "a heartbeat carrying the last sequence",
            WITHIN,
            () -> gateway.sent(1).stream().anyMatch(h -> Value.of(2).equals(h.get("d"))));
      } finally {
        world.stop();
      }
    }
  }

  @Test
  void aDroppedConnectionIsResumedAndEventsKeepComing() throws Exception {
    Path out = tmp.resolve("out.json");
    try (var gateway = new FakeGateway();
        var api = rest()) {
      World world = start(gateway, api, out);
      try {
        Await.until("ready", WITHIN, () -> !gateway.sent(2).isEmpty());
        gateway.dispatch(
            "MESSAGE_REACTION_ADD",
            "{\"user_id\":\"5\",\"channel_id\":\"6\",\"message_id\":\"7\",\"emoji\":{\"id\":null,\"name\":\"x\"}}");
        Await.until("the reaction recorded", WITHIN, () -> Deployment.lines(out).size() >= 1);
        assertThat(Deployment.lines(out).get(0))
            .isEqualTo(
                "{\"AddReaction\":{\"user_id\":5,\"channel_id\":6,\"message_id\":7,\"emoji\":{\"id\":null,\"name\":\"x\"}}}");
        gateway.dropConnections();
        Await.until("a resume", WITHIN, () -> !gateway.sent(6).isEmpty());
        Value.Obj resume = (Value.Obj) gateway.sent(6).get(0).get("d");
        assertThat(resume.get("session_id")).isEqualTo(Value.of("sess-1"));
        assertThat(resume.get("seq")).isEqualTo(Value.of(2));
        assertThat(resume.get("token")).isEqualTo(Value.of("tok"));
        Await.until("connected again", WITHIN, gateway::connected);
        gateway.dispatch("GUILD_BAN_ADD", "{\"guild_id\":\"100\",\"user\":{\"id\":\"8\"}}");
        Await.until("the ban recorded", WITHIN, () -> Deployment.lines(out).size() >= 3);
        assertThat(Deployment.lines(out).subList(1, 3))
            .containsExactly(
                "{\"Resume\":{}}", "{\"BanAddition\":{\"guild_id\":100,\"user\":{\"id\":8}}}");
        assertThat(gateway.sent(2)).hasSize(1);
      } finally {
        world.stop();
      }
    }
  }

  @Test
  void badConfigIsRefusedAtStartupNamingTheKey() throws Exception {
    Path config = tmp.resolve("bad.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: bot
            type: discord
            config:
              intents: [GuildMessages, Bogus]
              gateway_url: "http://127.0.0.1:1"
        """);
    assertThatThrownBy(() -> World.load(List.of(config), Registry.load()))
        .hasMessageContaining("missing required configuration \"token\"")
        .hasMessageContaining("unknown intent Bogus")
        .hasMessageContaining("for configuration gateway_url: value must be a ws:// or wss:// URL");
  }
}
