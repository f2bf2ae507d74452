package io.quiver.pipeline;

import io.quiver.script.Expression;
import java.util.List;

/**
 * A compiled {@code group by}: one expression, the cartesian {@code set(...)}, or {@code
 * each(...)}.
 */
sealed interface GroupBySpec {
  record ByExpr(Expression expr) implements GroupBySpec {}

  record BySet(List<GroupBySpec> items) implements GroupBySpec {}

  record ByEach(Expression expr) implements GroupBySpec {}
}
