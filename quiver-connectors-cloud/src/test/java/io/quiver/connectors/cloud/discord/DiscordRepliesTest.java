package io.quiver.connectors.cloud.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscordRepliesTest {
  private static List<String> calls(String reply) throws Exception {
    return DiscordReplies.calls(Json.parse(reply)).stream()
        .map(
            c ->
                c.method()
                    + " "
                    + c.path()
                    + (c.body() == null ? "" : " " + Json.write(c.body()))
                    + (c.reactions().isEmpty() ? "" : " then " + c.reactions()))
        .toList();
  }

  @Test
  void memberCommandsBecomeRoleCallsThenOneEdit() throws Exception {
    assertThat(
            calls(
                "{\"guild\":{\"id\":1,\"member\":{\"id\":2,\"remove_roles\":[3],\"add_roles\":[4,5],\"mute\":true,\"deafen\":false}}}"))
        .containsExactly(
            "DELETE /guilds/1/members/2/roles/3",
            "PUT /guilds/1/members/2/roles/4",
            "PUT /guilds/1/members/2/roles/5",
            "PATCH /guilds/1/members/2 {\"deaf\":false,\"mute\":true}");
  }

  @Test
  void aSendCarriesContentReferenceEmbedAndItsReactions() throws Exception {
    assertThat(
            calls(
                "{\"message\":{\"channel_id\":7,\"send\":{\"content\":\"hi\",\"reference_message\":8,\"tts\":false,"
                    + "\"embed\":{\"colour\":255,\"description\":\"d\",\"footer\":\"f\",\"author\":{\"name\":\"a\"},"
                    + "\"fields\":[{\"name\":\"n\",\"value\":\"v\"},{\"name\":\"no value\"}]},"
                    + "\"reactions\":[\"x\",{\"id\":9,\"name\":\"c\"},3]}}}"))
        .containsExactly(
            "POST /channels/7/messages {\"content\":\"hi\",\"message_reference\":{\"message_id\":\"8\",\"channel_id\":\"7\"},"
                + "\"tts\":false,\"embeds\":[{\"author\":{\"name\":\"a\"},\"color\":255,\"description\":\"d\","
                + "\"fields\":[{\"name\":\"n\",\"value\":\"v\",\"inline\":false}],\"footer\":{\"text\":\"f\"}}]} then [x, c:9]");
  }

  @Test
  void repliesWithoutIdsAskForNothingAndBadPartsAreSkipped() throws Exception {
    assertThat(calls("{\"guild\":{\"id\":\"1\"},\"message\":{\"channel_id\":7,\"send\":{}}}"))
        .isEmpty();
    assertThat(calls("{\"message\":{\"channel_id\":\"7\",\"send\":{}}}")).isEmpty();
    assertThat(calls("{\"something\":\"else\"}")).isEmpty();
    assertThat(
            calls(
                "{\"message\":{\"channel_id\":7,\"update\":{\"message_id\":1,\"add_reactions\":[\"\\ud83d\\udc4d\"]}}}"))
        .containsExactly("PUT /channels/7/messages/1/reactions/%F0%9F%91%8D/@me");
  }

  @Test
  void intentsByTremorsNames() {
    assertThat(Intents.of(List.of())).isEqualTo(Intents.NON_PRIVILEGED).isEqualTo(32509);
    assertThat(Intents.of(List.of("All"))).isEqualTo(32767);
    assertThat(Intents.of(List.of("GuildMessages", "MessageContent"))).isEqualTo(512 | 32768);
    assertThat(Intents.of(List.of("Guilds", "GuildMessageReactions"))).isEqualTo(1 | 1024);
  }

  @Test
  void rateLimitWaitsAreReadFromTheBody() {
    assertThat(DiscordRest.retryAfterMs("{\"retry_after\":0.25,\"global\":false}")).isEqualTo(250);
    assertThat(DiscordRest.retryAfterMs("{\"retry_after\":3600}"))
        .isEqualTo(DiscordRest.MAX_RETRY_AFTER_MS);
    assertThat(DiscordRest.retryAfterMs("not json")).isEqualTo(1000);
  }

  @Test
  void connectFailuresNameTheCauseNotTheWrapper() {
    var refused =
        new java.util.concurrent.CompletionException(
            new java.net.ConnectException("Connection refused"));
    assertThat(Gateway.rootMessage(refused)).isEqualTo("ConnectException: Connection refused");
    assertThat(Gateway.rootMessage(new java.io.IOException())).isEqualTo("IOException");
  }
}
