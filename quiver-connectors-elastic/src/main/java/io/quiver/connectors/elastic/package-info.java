/**
 * Tremor's {@code elastic} offramp: bulk indexing over the Elasticsearch REST API ({@code _bulk},
 * NDJSON) with the JDK's HTTP client. Entry point: {@link
 * io.quiver.connectors.elastic.ElasticOfframpProvider}; {@link
 * io.quiver.connectors.elastic.ElasticSink} bounds the requests in flight and answers every event,
 * {@link io.quiver.connectors.elastic.ElasticClient} talks to the nodes, {@link
 * io.quiver.connectors.elastic.BulkAction}/{@link io.quiver.connectors.elastic.BulkBody} write
 * requests, {@link io.quiver.connectors.elastic.BulkItem} reads results and {@link
 * io.quiver.connectors.elastic.ElasticAnswers} shapes the linked answers. Depends on the SPI and
 * quiver-value only, never on the runtime or Netty.
 */
package io.quiver.connectors.elastic;
