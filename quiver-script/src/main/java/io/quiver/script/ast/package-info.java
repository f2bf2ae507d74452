/**
 * The syntax trees of tremor-script and Trickle: sealed {@link io.quiver.script.ast.Expr} and
 * {@link io.quiver.script.ast.Pattern} records, {@link io.quiver.script.ast.Query} statements, and
 * the operators with Tremor's display names. Built by the parser, rewritten by the resolver,
 * evaluated by the interpreter and compiled into graphs by quiver-pipeline. Immutable records; no
 * behaviour beyond small helpers. Depends on quiver-value and its own module only.
 */
package io.quiver.script.ast;
