package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.Location;

/**
 * A binding link with placeholders replaced: {@code from} and {@code to} carry instance and port.
 *
 * @param location where the link is written in its binding
 */
public record ResolvedLink(LinkKind kind, TremorUrl from, TremorUrl to, Location location) {}
