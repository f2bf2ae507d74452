package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ast.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A query's {@code mod} may define windows, operators and scripts, named by their module path. */
class QueryModuleParseTest {
  private static List<Query.Stmt> parse(String text) throws ScriptException {
    return Parser.parseQuery(new Source("q.trickle", text)).statements();
  }

  @Test
  void definitionsAreNamedByTheirModulePath() throws Exception {
    List<Query.Stmt> stmts =
        parse(
            """
            mod a with
              const c = 1;
              mod b with
                define tumbling window w with size = 2 end;
                define generic::batch operator o with count = 2 end
              end;
              define script s script event end;
            end;
            select event from in[a::b::w] into out;
            """);

    assertThat(stmts)
        .map(Names::name)
        .containsExactly("window a::b::w", "operator a::b::o", "script a::s", "mod a", "select");
    Query.ScriptModule m = (Query.ScriptModule) stmts.get(3);
    assertThat(m.module().name()).isEqualTo("a");
    assertThat(m.module().body()).hasSize(2); // const c and the (empty) module b
  }

  @Test
  void aSelectInsideAModuleIsAParseError() {
    assertThatThrownBy(() -> parse("mod m with select event from in into out end;"))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e ->
                assertThat(e.problem())
                    .isEqualTo(
                        "Found the token `select` but expected one of `const`, `define`, `end`,"
                            + " `fn`, `intrinsic`, `mod`"));
  }

  /** Statement kinds and names, for readable assertions. */
  private static final class Names {
    static String name(Query.Stmt st) {
      return switch (st) {
        case Query.DefineWindow d -> "window " + d.id();
        case Query.DefineOperator d -> "operator " + d.id();
        case Query.DefineScript d -> "script " + d.id();
        case Query.ScriptModule m -> "mod " + m.module().name();
        case Query.Select s -> "select";
        default -> st.getClass().getSimpleName();
      };
    }
  }
}
