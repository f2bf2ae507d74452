package io.quiver.connectors.cloud.discord;

import io.quiver.value.Value;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reply to the discord onramp asks for, as Tremor 0.11 read it, as REST calls:
 *
 * <ul>
 *   <li>{@code {"guild": {"id": g, "member": {"id": u, "remove_roles": [r..], "add_roles": [r..],
 *       "mute": b, "deafen": b}}}}: a {@code DELETE} / {@code PUT /guilds/g/members/u/roles/r} per
 *       role, then {@code PATCH /guilds/g/members/u} with {@code mute}/{@code deaf} when either is
 *       given;
 *   <li>{@code {"message": {"channel_id": c, "update": {"message_id": m, "add_reactions": [e..]},
 *       "send": {"content", "tts", "reference_message", "reference_channel", "embed",
 *       "reactions"}}}}: a {@code PUT /channels/c/messages/m/reactions/e/@me} per reaction, and
 *       {@code POST /channels/c/messages} followed by its reactions on the new message.
 * </ul>
 *
 * A reaction is a unicode emoji (a string) or a custom one ({@code {"id": n, "name": s}}). A guild
 * without an integer id, or a message without an integer channel id, asks for nothing more (Tremor
 * skipped the rest of that reply).
 */
final class DiscordReplies {
  private DiscordReplies() {}

  /**
   * One REST call.
   *
   * @param body the JSON body, or null
   * @param reactions emoji path segments to add to the message this call creates
   */
  record Call(String method, String path, Value body, List<String> reactions) {
    Call(String method, String path, Value body) {
      this(method, path, body, List.of());
    }
  }

  static List<Call> calls(Value reply) {
    List<Call> out = new ArrayList<>();
    Value guild = f(reply, "guild");
    if (guild != null) {
      if (!(f(guild, "id") instanceof Value.Int g)) {
        return out;
      }
      Value member = f(guild, "member");
      if (member != null && f(member, "id") instanceof Value.Int u) {
        String base = "/guilds/" + g.value() + "/members/" + Long.toUnsignedString(u.value());
        for (long r : ints(f(member, "remove_roles"))) {
          out.add(new Call("DELETE", base + "/roles/" + r, null));
        }
        for (long r : ints(f(member, "add_roles"))) {
          out.add(new Call("PUT", base + "/roles/" + r, null));
        }
        Map<String, Value> edit = new LinkedHashMap<>();
        if (f(member, "deafen") instanceof Value.Bool d) {
          edit.put("deaf", d);
        }
        if (f(member, "mute") instanceof Value.Bool m) {
          edit.put("mute", m);
        }
        if (!edit.isEmpty()) {
          out.add(new Call("PATCH", base, Value.obj(edit)));
        }
      }
    }
    Value message = f(reply, "message");
    if (message != null) {
      if (!(f(message, "channel_id") instanceof Value.Int c)) {
        return out;
      }
      String channel = "/channels/" + c.value();
      Value update = f(message, "update");
      if (update != null && f(update, "message_id") instanceof Value.Int m) {
        for (String e : reactions(f(update, "add_reactions"))) {
          out.add(
              new Call(
                  "PUT", channel + "/messages/" + m.value() + "/reactions/" + e + "/@me", null));
        }
      }
      Value send = f(message, "send");
      if (send != null) {
        out.add(
            new Call(
                "POST",
                channel + "/messages",
                sendBody(send, c.value()),
                reactions(f(send, "reactions"))));
      }
    }
    return out;
  }

  private static Value sendBody(Value send, long channel) {
    Map<String, Value> body = new LinkedHashMap<>();
    if (f(send, "content") instanceof Value.Str s) {
      body.put("content", s);
    }
    if (f(send, "reference_message") instanceof Value.Int m) {
      long refChannel = f(send, "reference_channel") instanceof Value.Int rc ? rc.value() : channel;
      body.put(
          "message_reference",
          Value.obj(
              "message_id", Value.of(Long.toString(m.value())),
              "channel_id", Value.of(Long.toString(refChannel))));
    }
    if (f(send, "tts") instanceof Value.Bool t) {
      body.put("tts", t);
    }
    Value embed = f(send, "embed");
    if (embed != null) {
      body.put("embeds", Value.array(embed(embed)));
    }
    return Value.obj(body);
  }

  private static Value embed(Value e) {
    Map<String, Value> out = new LinkedHashMap<>();
    Value author = f(e, "author");
    if (author != null) {
      out.put("author", strings(author, "name", "url", "icon_url"));
    }
    if (f(e, "colour") instanceof Value.Int colour) {
      out.put("color", colour);
    }
    if (f(e, "description") instanceof Value.Str d) {
      out.put("description", d);
    }
    if (f(e, "fields") instanceof Value.Arr fields) {
      List<Value> fs = new ArrayList<>();
      for (Value field : fields.items()) {
        if (f(field, "name") instanceof Value.Str n && f(field, "value") instanceof Value.Str v) {
          boolean inline = f(field, "inline") instanceof Value.Bool b && b.value();
          fs.add(Value.obj("name", n, "value", v, "inline", Value.of(inline)));
        }
      }
      out.put("fields", Value.array(fs));
    }
    Value footer = f(e, "footer");
    if (footer instanceof Value.Str text) {
      out.put("footer", Value.obj("text", text));
    } else if (footer != null) {
      out.put("footer", strings(footer, "text", "icon_url"));
    }
    return Value.obj(out);
  }

  private static Value strings(Value v, String... keys) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (String k : keys) {
      if (f(v, k) instanceof Value.Str s) {
        out.put(k, s);
      }
    }
    return Value.obj(out);
  }

  /** Reactions as the path segment Discord wants: the url-encoded emoji, or {@code name:id}. */
  static List<String> reactions(Value v) {
    List<String> out = new ArrayList<>();
    if (!(v instanceof Value.Arr a)) {
      return out;
    }
    for (Value r : a.items()) {
      if (r instanceof Value.Str s && !s.value().isEmpty()) {
        out.add(URLEncoder.encode(s.value(), StandardCharsets.UTF_8).replace("+", "%20"));
      } else if (f(r, "id") instanceof Value.Int id) {
        String name = f(r, "name") instanceof Value.Str n ? n.value() : "_";
        out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + ":" + id.value());
      }
    }
    return out;
  }

  private static List<Long> ints(Value v) {
    List<Long> out = new ArrayList<>();
    if (v instanceof Value.Arr a) {
      for (Value x : a.items()) {
        if (x instanceof Value.Int i) {
          out.add(i.value());
        }
      }
    }
    return out;
  }

  private static Value f(Value v, String key) {
    return v instanceof Value.Obj o ? o.get(key) : null;
  }
}
