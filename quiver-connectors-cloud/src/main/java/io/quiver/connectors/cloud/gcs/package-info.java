/**
 * Tremor's {@code gcs} offramp: command events ({@link io.quiver.connectors.cloud.gcs.GcsCommand}:
 * {@code upload_object}, {@code fetch}, {@code download_object}, {@code list_objects}, {@code
 * list_buckets}, {@code create_bucket}, {@code remove_object}, {@code remove_bucket}) become calls
 * to the Cloud Storage JSON API ({@link io.quiver.connectors.cloud.gcs.GcsApi}), run in order on
 * the sink's worker thread by {@link io.quiver.connectors.cloud.gcs.GcsSink}, answered on {@code
 * out} in Tremor's shape. Entry point: {@link io.quiver.connectors.cloud.gcs.GcsProvider}.
 */
package io.quiver.connectors.cloud.gcs;
