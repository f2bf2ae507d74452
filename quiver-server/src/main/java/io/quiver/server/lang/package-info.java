/**
 * The language tools: {@code quiver run} ({@link io.quiver.server.lang.RunCommand}: a {@code
 * .tremor} script or {@code .trickle} query over events, as {@code tremor run}), {@code quiver
 * conformance} ({@link io.quiver.server.lang.ConformanceCommand}: Tremor's own language suites from
 * a tremor-runtime checkout) and {@code quiver json-conformance} ({@link
 * io.quiver.server.lang.JsonSuiteCommand}: nst/JSONTestSuite against the JSON reader). They use the
 * plugin registry, quiver-script and quiver-pipeline directly, without sockets.
 */
package io.quiver.server.lang;
