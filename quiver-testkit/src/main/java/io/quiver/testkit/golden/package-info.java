/**
 * The golden-file harness shared by the script and query suites: {@link
 * io.quiver.testkit.golden.GoldenCases} finds the case directories of a suite (ours on the class
 * path, Tremor's own with {@code -Dquiver.tremor.tests}), makes one dynamic test per case, reads
 * inputs (NDJSON, plain or {@code .xz}) and compares outputs, warnings and errors with the expected
 * files.
 */
package io.quiver.testkit.golden;
