package io.quiver.spi.config;

/**
 * One thing wrong with a configuration.
 *
 * @param key the offending key (for locating it in the source file), or {@code null}
 * @param message the problem, without the artefact prefix, e.g. {@code invalid value -1 for
 *     configuration port: value must be between 1 and 65535}
 */
public record ConfigProblem(String key, String message) {}
