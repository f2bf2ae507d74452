package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static List<Value> args(Value... percentiles) {
    return List.of(Value.of(1), Value.array(List.of(percentiles)));
  }

  @Test
  void tremorsDefaultsUntilACallNamesOthers() {
    assertThat(new Percentiles().names())
        .containsExactly("0.5", "0.9", "0.95", "0.99", "0.999", "0.9999", "0.99999");
  }

  @Test
  void theFirstCallDecidesAndNonStringsAreSkipped() throws Exception {
    Percentiles p = new Percentiles();
    p.configure(args(Value.of("0.25"), Value.of(7), Value.of("0.75")));
    p.configure(args(Value.of("0.1")));

    assertThat(p.names()).containsExactly("0.25", "0.75");
  }

  @Test
  void aFirstCallWithoutPercentilesKeepsTheDefaultsForGood() throws Exception {
    Percentiles p = new Percentiles();
    p.configure(List.of(Value.of(1)));
    p.configure(args(Value.of("0.1")));

    assertThat(p.names()).isEqualTo(Percentiles.DEFAULT);
  }

  @Test
  void aPercentileThatIsNotAFloatIsRefusedWithTremorsMessageAndDecidesNothing() throws Exception {
    Percentiles p = new Percentiles();

    assertThatThrownBy(() -> p.configure(args(Value.of("high"))))
        .isInstanceOf(FunctionException.class)
        .hasMessage("Provided percentile 'high' isn't a float");
    p.configure(args(Value.of("0.3")));
    assertThat(p.names()).containsExactly("0.3");
  }

  @Test
  void adoptingTakesTheOthersNamesOnlyWhenNothingDecidedHere() throws Exception {
    Percentiles named = new Percentiles();
    named.configure(args(Value.of("0.6")));
    Percentiles fresh = new Percentiles();
    Percentiles decided = new Percentiles();
    decided.configure(args(Value.of("0.2")));

    fresh.adopt(named);
    decided.adopt(named);

    assertThat(fresh.names()).containsExactly("0.6");
    assertThat(decided.names()).containsExactly("0.2");
  }
}
