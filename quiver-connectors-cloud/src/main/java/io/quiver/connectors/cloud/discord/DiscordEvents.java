package io.quiver.connectors.cloud.discord;

import io.quiver.value.Value;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns gateway dispatches ({@code t}, {@code d}) into the events Tremor 0.11's discord onramp
 * sent: serenity's handler calls serialized by serde, so most are wrapped in a record named after
 * the call ({@code {"AddReaction": reaction}}, {@code {"MemberAddition": {"guild_id": g,
 * "new_member": m}}}), a few are the bare payload (a message, a presence update, pins and invite
 * events). Ids are integers ({@link Snowflakes}). What serenity took from its cache (the {@code
 * old_*} halves of updates) is null: Quiver keeps no cache. Not thread-safe (one gateway reader).
 */
final class DiscordEvents {
  private final Set<Long> unavailableAtReady = new HashSet<>();
  private Value currentUser = Value.NULL;

  /** The event for a dispatch, or null when Tremor sent none for it. */
  Value toEvent(String type, Value raw) {
    Value d = Snowflakes.toInts(raw);
    return switch (type) {
      case "READY" -> {
        ready(d);
        yield null;
      }
      case "MESSAGE_CREATE",
          "PRESENCE_UPDATE",
          "CHANNEL_PINS_UPDATE",
          "INVITE_CREATE",
          "INVITE_DELETE" ->
          d;
      case "MESSAGE_REACTION_ADD" -> tag("AddReaction", d);
      case "MESSAGE_REACTION_REMOVE" -> tag("RemoveReaction", d);
      case "CHANNEL_CREATE" -> tag(isCategory(d) ? "CategoryCreate" : "ChannelCreate", d);
      case "CHANNEL_DELETE" -> tag(isCategory(d) ? "CategoryDelete" : "ChannelDelete", d);
      case "CHANNEL_UPDATE" -> tag("ChannelUpdate", "old", Value.NULL, "new", d);
      case "GUILD_BAN_ADD" ->
          tag("BanAddition", "guild_id", f(d, "guild_id"), "user", f(d, "user"));
      case "GUILD_BAN_REMOVE" ->
          tag("BanRemoval", "guild_id", f(d, "guild_id"), "user", f(d, "user"));
      case "GUILD_CREATE" -> tag("GuildCreate", "guild", d, "is_new", Value.of(isNew(d)));
      case "GUILD_DELETE" -> tag("GuildDelete", "incomplete", d, "full", Value.NULL);
      case "GUILD_EMOJIS_UPDATE" ->
          tag("EmojiUpdate", "guild_id", f(d, "guild_id"), "current_state", emojisById(d));
      case "GUILD_INTEGRATIONS_UPDATE" -> tag("IntegrationsUpdate", f(d, "guild_id"));
      case "GUILD_MEMBER_ADD" ->
          tag("MemberAddition", "guild_id", f(d, "guild_id"), "new_member", without(d, "guild_id"));
      case "GUILD_MEMBER_REMOVE" ->
          tag(
              "MemberRemoval",
              "guild_id",
              f(d, "guild_id"),
              "user",
              f(d, "user"),
              "member_data_if_available",
              Value.NULL);
      case "GUILD_MEMBER_UPDATE" -> tag("MemberUpdate", "old_if_available", Value.NULL, "new", d);
      case "GUILD_MEMBERS_CHUNK" -> tag("GuildMembersChunk", d);
      case "GUILD_ROLE_CREATE" ->
          tag("RoleCreate", "guild_id", f(d, "guild_id"), "new", f(d, "role"));
      case "GUILD_ROLE_DELETE" ->
          tag(
              "RoleDelete",
              "guild_id",
              f(d, "guild_id"),
              "removed_role_id",
              f(d, "role_id"),
              "removed_role_data_if_available",
              Value.NULL);
      case "GUILD_ROLE_UPDATE" ->
          tag(
              "RoleUpdate",
              "guild_id",
              f(d, "guild_id"),
              "old_data_if_available",
              Value.NULL,
              "new",
              f(d, "role"));
      case "GUILD_UPDATE" ->
          tag("GuildUpdate", "old_data_if_available", Value.NULL, "new_but_incomplete", d);
      case "MESSAGE_DELETE" ->
          tag(
              "MessageDelete",
              "channel_id",
              f(d, "channel_id"),
              "deleted_message_id",
              f(d, "id"),
              "guild_id",
              f(d, "guild_id"));
      case "MESSAGE_DELETE_BULK" ->
          tag(
              "MessageDeleteBulk",
              "channel_id",
              f(d, "channel_id"),
              "multiple_deleted_messages_ids",
              f(d, "ids"),
              "guild_id",
              f(d, "guild_id"));
      case "MESSAGE_UPDATE" ->
          tag("MessageUpdate", "old_if_available", Value.NULL, "new", Value.NULL, "event", d);
      case "MESSAGE_REACTION_REMOVE_ALL" ->
          tag(
              "ReactionRemoveAll",
              "channel_id",
              f(d, "channel_id"),
              "removed_from_message_id",
              f(d, "message_id"));
      case "RESUMED" -> tag("Resume", d);
      case "USER_UPDATE" -> userUpdate(d);
      case "VOICE_SERVER_UPDATE" -> tag("VoiceServerUpdate", d);
      case "VOICE_STATE_UPDATE" -> tag("VoiceUpdate", "old", Value.NULL, "new", d);
      case "WEBHOOKS_UPDATE" ->
          tag(
              "WebhookUpdate",
              "guild_id",
              f(d, "guild_id"),
              "belongs_to_channel_id",
              f(d, "channel_id"));
      case "TYPING_START" -> tag("TypingStart", d);
      default -> null;
    };
  }

  private void ready(Value d) {
    currentUser = f(d, "user");
    unavailableAtReady.clear();
    if (f(d, "guilds") instanceof Value.Arr guilds) {
      for (Value g : guilds.items()) {
        if (f(g, "id") instanceof Value.Int id) {
          unavailableAtReady.add(id.value());
        }
      }
    }
  }

  /** Serenity's {@code is_new}: the guild was not among those READY announced. */
  private boolean isNew(Value guild) {
    return !(f(guild, "id") instanceof Value.Int id && unavailableAtReady.contains(id.value()));
  }

  private Value userUpdate(Value d) {
    Value old = currentUser;
    currentUser = d;
    return tag("UserUpdate", "old_data", old, "new", d);
  }

  private static boolean isCategory(Value channel) {
    return f(channel, "type") instanceof Value.Int t && t.value() == 4;
  }

  private static Value emojisById(Value d) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (f(d, "emojis") instanceof Value.Arr emojis) {
      for (Value e : emojis.items()) {
        Value id = f(e, "id");
        out.put(id instanceof Value.Int i ? Long.toString(i.value()) : String.valueOf(id), e);
      }
    }
    return Value.obj(out);
  }

  private static Value f(Value v, String key) {
    Value x = v instanceof Value.Obj o ? o.get(key) : null;
    return x == null ? Value.NULL : x;
  }

  private static Value without(Value v, String key) {
    if (!(v instanceof Value.Obj o)) {
      return v;
    }
    Map<String, Value> out = new LinkedHashMap<>(o.fields());
    out.remove(key);
    return Value.obj(out);
  }

  private static Value tag(String name, Value payload) {
    return Value.obj(name, payload);
  }

  private static Value tag(String name, Object... keysAndValues) {
    return Value.obj(name, Value.obj(keysAndValues));
  }
}
