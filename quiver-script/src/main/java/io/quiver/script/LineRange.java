package io.quiver.script;

/** The source lines (1-based, inclusive) an error excerpt shows. */
public record LineRange(int first, int last) {}
