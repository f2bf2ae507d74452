/**
 * Test fixtures for sinks and sources, shared with the connector modules through quiver-spi's test
 * jar ({@code <type>test-jar</type>}, test scope): {@link
 * io.quiver.spi.testing.RecordingSinkContext}.
 */
package io.quiver.spi.testing;
