package io.quiver.connectors.cloud.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tremor's intent names (serenity 0.10's groups) and their gateway bits. */
final class Intents {
  static final Map<String, Long> BITS = new LinkedHashMap<>();

  static {
    String[] names = {
      "Guilds",
      "GuildMembers",
      "GuildBans",
      "GuildEmojis",
      "GuildIntegrations",
      "GuildWebHooks",
      "GuildInvites",
      "GuildVoiceStates",
      "GuildPresence",
      "GuildMessages",
      "GuildMessageReactions",
      "GuildMessageTyping",
      "DirectMessages",
      "DirectMessageReactions",
      "DirectMessageTyping"
    };
    for (int i = 0; i < names.length; i++) {
      BITS.put(names[i], 1L << i);
    }
  }

  /** Every group serenity 0.10 knew (the 15 above). */
  static final long ALL = (1L << 15) - 1;

  static {
    // Quiver only: Discord made message content a privileged intent after Tremor 0.11
    BITS.put("MessageContent", 1L << 15);
  }

  /** All but the privileged ones (members, presences): serenity's default, and Tremor's. */
  static final long NON_PRIVILEGED = ALL & ~BITS.get("GuildMembers") & ~BITS.get("GuildPresence");

  /** The names allowed in {@code intents}. */
  static List<String> names() {
    List<String> all = new java.util.ArrayList<>(BITS.keySet());
    all.add("All");
    all.add("NonPrivileged");
    return all;
  }

  /** The bits of a list of names (already validated); none: {@link #NON_PRIVILEGED}. */
  static long of(List<String> names) {
    if (names.isEmpty()) {
      return NON_PRIVILEGED;
    }
    long bits = 0;
    for (String n : names) {
      bits |=
          switch (n) {
            case "All" -> ALL;
            case "NonPrivileged" -> NON_PRIVILEGED;
            default -> BITS.get(n);
          };
    }
    return bits;
  }

  private Intents() {}
}
