package io.quiver.spi;

/**
 * Identity of a running onramp or offramp instance.
 *
 * @param id the artefact id from the YAML, e.g. {@code upstream}
 * @param instance the instance name, e.g. {@code 01}
 * @param url Tremor's display form, e.g. {@code tremor://localhost/offramp/upstream/01}
 * @param linked whether the artefact is linked (request/reply)
 */
public record Artefact(String id, String instance, String url, boolean linked) {}
