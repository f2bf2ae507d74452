package io.quiver.connectors.cloud.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import org.junit.jupiter.api.Test;

class DiscordEventsTest {
  private final DiscordEvents events = new DiscordEvents();

  private String event(String type, String d) throws Exception {
    var v = events.toEvent(type, Json.parse(d));
    return v == null ? null : Json.write(v);
  }

  @Test
  void messagesAreBareWithIntegerIds() throws Exception {
    assertThat(
            event(
                "MESSAGE_CREATE",
                "{\"id\":\"1\",\"content\":\"123\",\"mention_roles\":[\"5\"],\"roles\":[\"6\"]}"))
        .isEqualTo("{\"id\":1,\"content\":\"123\",\"mention_roles\":[\"5\"],\"roles\":[6]}");
  }

  @Test
  void handlerCallsAreWrappedInTheirSerdeShapes() throws Exception {
    assertThat(
            event("GUILD_MEMBER_ADD", "{\"guild_id\":\"1\",\"user\":{\"id\":\"2\"},\"roles\":[]}"))
        .isEqualTo(
            "{\"MemberAddition\":{\"guild_id\":1,\"new_member\":{\"user\":{\"id\":2},\"roles\":[]}}}");
    assertThat(event("MESSAGE_DELETE", "{\"id\":\"3\",\"channel_id\":\"4\"}"))
        .isEqualTo(
            "{\"MessageDelete\":{\"channel_id\":4,\"deleted_message_id\":3,\"guild_id\":null}}");
    assertThat(event("CHANNEL_CREATE", "{\"id\":\"9\",\"type\":4}"))
        .isEqualTo("{\"CategoryCreate\":{\"id\":9,\"type\":4}}");
    assertThat(event("CHANNEL_CREATE", "{\"id\":\"9\",\"type\":0}"))
        .isEqualTo("{\"ChannelCreate\":{\"id\":9,\"type\":0}}");
    assertThat(event("GUILD_INTEGRATIONS_UPDATE", "{\"guild_id\":\"8\"}"))
        .isEqualTo("{\"IntegrationsUpdate\":8}");
  }

  @Test
  void readyIsNotAnEventButDecidesWhetherAGuildIsNew() throws Exception {
    assertThat(
            event(
                "READY",
                "{\"user\":{\"id\":\"1\"},\"guilds\":[{\"id\":\"10\",\"unavailable\":true}]}"))
        .isNull();
    assertThat(event("GUILD_CREATE", "{\"id\":\"10\"}"))
        .isEqualTo("{\"GuildCreate\":{\"guild\":{\"id\":10},\"is_new\":false}}");
    assertThat(event("GUILD_CREATE", "{\"id\":\"11\"}"))
        .isEqualTo("{\"GuildCreate\":{\"guild\":{\"id\":11},\"is_new\":true}}");
    assertThat(event("USER_UPDATE", "{\"id\":\"1\",\"username\":\"n\"}"))
        .isEqualTo(
            "{\"UserUpdate\":{\"old_data\":{\"id\":1},\"new\":{\"id\":1,\"username\":\"n\"}}}");
    assertThat(event("APPLICATION_COMMAND_PERMISSIONS_UPDATE", "{}")).isNull();
  }
}
