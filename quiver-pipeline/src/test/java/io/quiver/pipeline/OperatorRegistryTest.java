package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ScriptException;
import org.junit.jupiter.api.Test;

/** The registry is what the compiler accepts, and what its errors and warnings name. */
class OperatorRegistryTest {

  static PipelineDefinition compile(String query) throws ScriptException {
    return PipelineCompiler.compile(query, "q.trickle", "q");
  }

  @Test
  void everyRegisteredOperatorIsFoundByItsNameAndHasASpec() {
    assertThat(PipelineCompiler.operatorConfigSpecs().keySet())
        .containsExactly(
            "passthrough::passthrough",
            "generic::counter",
            "generic::batch",
            "grouper::bucket",
            "debug::history",
            "qos::backpressure",
            "qos::percentile",
            "qos::roundrobin",
            "qos::wal");
    PipelineCompiler.operatorConfigSpecs()
        .keySet()
        .forEach(name -> assertThat(OperatorRegistry.find(name).name()).isEqualTo(name));
  }

  @Test
  void theOldBackpressureNameFindsQosBackpressure() {
    assertThat(OperatorRegistry.find("generic::backpressure")).isSameAs(BackpressureOperator.KIND);
    assertThat(OperatorRegistry.find("generic::nope")).isNull();
  }

  @Test
  void anUnknownOperatorIsAnErrorListingTheRegistry() {
    assertThatThrownBy(
            () ->
                compile(
                    """
        define bert::summarization operator s;
        create operator s;
        """))
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Quiver does not support the operator `bert::summarization` yet (supported:"
                + " passthrough::passthrough, generic::counter, generic::batch, grouper::bucket,"
                + " debug::history, qos::backpressure, qos::percentile, qos::roundrobin,"
                + " qos::wal)");
  }

  @Test
  void historyNeedsOpAndNameAsStrings() {
    assertThatThrownBy(
            () ->
                compile(
                    """
        define debug::history operator h with op = 1 end;
        create operator h;
        """))
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Invalid configuration of debug::history operator `h`: invalid value 1 for"
                + " configuration op: expected a string; missing required configuration \"name\""
                + " which has no default value");
  }

  @Test
  void parametersOfAnOperatorWithoutAnyAreAWarning() throws Exception {
    PipelineDefinition def =
        compile(
            """
        define generic::counter operator c with start = 5 end;
        create operator c;
        select event from in into c;
        select event from c into out;
        """);
    assertThat(def.warnings()).hasSize(1);
    assertThat(def.warnings().get(0))
        .contains(
            "Unknown configuration key `start` of generic::counter operator `c` is ignored (it"
                + " takes no configuration)");
  }
}
