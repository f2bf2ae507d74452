/**
 * Tremor's {@code discord} onramp, linked: {@link io.quiver.connectors.cloud.discord.Gateway} keeps
 * a bot's session on Discord's gateway (websocket: hello, identify or resume, heartbeats,
 * dispatches, reconnects) on the JDK's websocket client; {@link
 * io.quiver.connectors.cloud.discord.DiscordEvents} turns dispatches into the events Tremor's
 * serenity-based onramp sent; replies (Tremor's {@code guild} and {@code message} commands) become
 * REST calls ({@link io.quiver.connectors.cloud.discord.DiscordReplies}, {@link
 * io.quiver.connectors.cloud.discord.DiscordRest}) on a worker thread of their own. Entry point:
 * {@link io.quiver.connectors.cloud.discord.DiscordProvider}.
 */
package io.quiver.connectors.cloud.discord;
