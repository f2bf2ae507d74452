/**
 * Tremor's {@code postgres} onramp and offramp on PostgreSQL's JDBC driver (a module of its own:
 * the driver is a dependency no other connector needs).
 *
 * <p>Entry points: {@link io.quiver.connectors.postgres.PostgresOnrampProvider} and {@link
 * io.quiver.connectors.postgres.PostgresOfframpProvider}, found through {@code META-INF/services}.
 * JDBC blocks, so each onramp polls on a thread of its own ({@code PollLoop}: the query over one
 * time window after the other, the window kept on disk by {@code CursorCache}) and each offramp
 * inserts from a thread of its own ({@code PostgresSink}: a bounded queue, acks after the commit, a
 * circuit broken while the server is away). {@code RowReader} and {@code RecordBinder} are Tremor's
 * value shapes ({@code {"fieldType", "value", "name"}} per column) both ways; {@code TremorTime}
 * its timestamp texts. Depends on quiver-spi and quiver-value only, never on the runtime.
 */
package io.quiver.connectors.postgres;
