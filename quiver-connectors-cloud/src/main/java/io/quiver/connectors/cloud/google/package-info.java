/**
 * Google Cloud access for the {@code gcs}, {@code gpub} and {@code gsub} connectors: {@link
 * io.quiver.connectors.cloud.google.ServiceAccount} (the JSON key file that {@code
 * GOOGLE_APPLICATION_CREDENTIALS} names, as Tremor reads it), {@link
 * io.quiver.connectors.cloud.google.AccessTokens} (OAuth 2.0 access tokens from a signed JWT
 * assertion, RS256, cached until shortly before they expire), {@link
 * io.quiver.connectors.cloud.google.GoogleAccess} (base URL, credentials or the emulators' no-auth
 * mode, project) and the config keys they share ({@link
 * io.quiver.connectors.cloud.google.GoogleKeys}). JDK only: {@code java.security} signs, {@code
 * java.net.http} fetches.
 */
package io.quiver.connectors.cloud.google;
