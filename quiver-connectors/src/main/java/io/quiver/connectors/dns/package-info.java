/**
 * The dns offramp (Tremor 0.11's {@code dns} type): lookups requested by events, answered on the
 * offramp's {@code out} port (the records) and {@code err} port (the failures), in Tremor's shapes.
 *
 * <p>Entry point: {@link io.quiver.connectors.dns.DnsProvider}, which creates a {@code DnsSink}.
 * {@code DnsRequest} reads an event, {@code Lookups} runs it on Netty's non-blocking resolver on
 * one of the shared event loops ({@link io.quiver.connectors.net.NameResolution}), {@code
 * RecordValues} and {@code LookupErrors} word the answer as Tremor does, {@code RecordTypes} holds
 * Tremor's record type names.
 *
 * <p>Depends on quiver-spi, quiver-value, Netty and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.dns;
