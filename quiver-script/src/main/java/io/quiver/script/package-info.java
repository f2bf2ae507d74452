/**
 * tremor-script and Trickle, one class per phase: {@link io.quiver.script.Lexer}, {@code Parser}
 * (recursive descent with a precedence table), {@code Resolver} (slots, constants, checks), {@code
 * Interpreter} (a switch over the sealed AST), with the standard library ({@code StdLib}, the
 * extractors) and {@link io.quiver.script.Diagnostics} rendered in Tremor's layout.
 *
 * <p>Entry points: {@link io.quiver.script.Script} (compile and run a script against one event) and
 * {@link io.quiver.script.Trickle} (parse a query; building its graph is quiver-pipeline's job).
 * Depends on quiver-value only: no SPI, no pipeline, no I/O beyond reading module files.
 */
package io.quiver.script;
