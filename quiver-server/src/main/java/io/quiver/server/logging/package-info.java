/**
 * Logging set-up from the command line: {@code server run -l} files (Tremor's log4rs YAML,
 * translated to logback, or logback XML) and the global {@code -v/--verbose}.
 */
package io.quiver.server.logging;
