/**
 * {@code quiver test MODE PATH}: Tremor 0.11.12's test harness ({@code tremor test}). {@link
 * io.quiver.server.testing.TestCommand} finds the suites ({@link
 * io.quiver.server.testing.SuiteMeta}, {@link io.quiver.server.testing.IncludeGlob}), selects tests
 * by tag ({@link io.quiver.server.testing.Tags}), runs integration and bench cases ({@link
 * io.quiver.server.testing.IntegrationCase}), command suites ({@link
 * io.quiver.server.testing.CommandSuite}) and unit suites ({@link
 * io.quiver.server.testing.UnitSuite}, on the std-library runner {@link io.quiver.script.UnitTests}
 * that {@code quiver conformance} uses too), checks {@code assert.yaml} ({@link
 * io.quiver.server.testing.Asserts}) and writes Tremor's {@code report.json} ({@link
 * io.quiver.server.testing.TestRunReport}). Every process a case starts is tracked by {@link
 * io.quiver.server.testing.CaseProcesses} and killed, with its descendants, when the case ends,
 * times out or the harness is interrupted.
 */
package io.quiver.server.testing;
