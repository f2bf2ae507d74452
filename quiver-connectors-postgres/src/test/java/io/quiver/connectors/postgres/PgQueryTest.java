package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PgQueryTest {

  @Test
  void numberedParametersBecomePositionalOnesInTheirOrder() {
    PgQuery q = PgQuery.of("SELECT * FROM t WHERE created_at >= $1 AND created_at < $2;");
    assertThat(q.sql()).isEqualTo("SELECT * FROM t WHERE created_at >= ? AND created_at < ?;");
    assertThat(q.parameters()).containsExactly(1, 2);
    PgQuery reordered = PgQuery.of("SELECT $2::timestamptz - $1, $1");
    assertThat(reordered.sql()).isEqualTo("SELECT ?::timestamptz - ?, ?");
    assertThat(reordered.parameters()).isEqualTo(List.of(2, 1, 1));
  }

  @Test
  void quotesCommentsAndDollarQuotesAreLeftAlone() {
    PgQuery q =
        PgQuery.of(
            "SELECT '$1 it''s', \"$2\", $$ $1 $$, $tag$ ? $2 $tag$ -- $1\n, doc ? 'k' /* $2 */, $1");
    assertThat(q.sql())
        .isEqualTo(
            "SELECT '$1 it''s', \"$2\", $$ $1 $$, $tag$ ? $2 $tag$ -- $1\n, doc ?? 'k' /* $2 */, ?");
    assertThat(q.parameters()).containsExactly(1);
  }
}
