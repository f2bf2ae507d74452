package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdsTest {

  private static Dds sketchOf(int from, int to) throws FunctionException {
    Dds dds = new Dds();
    for (int i = from; i <= to; i++) {
      dds.accumulate(List.of(Value.of(i)));
    }
    return dds;
  }

  @Test
  void oneToHundredGivesTheSketchsBinValuesRoundedUpToOneDecimal() throws Exception {
    Dds dds = sketchOf(1, 100);
    dds.accumulate(List.of(Value.of(-5))); // negatives are ignored, as in Tremor

    assertThat(dds.emit())
        .isEqualTo(
            Value.obj(
                "count",
                Value.of(100L),
                "sum",
                Value.of(5050.0),
                "min",
                Value.of(1.0),
                "max",
                Value.of(100.0),
                "mean",
                Value.of(50.5),
                "percentiles",
                Value.obj(
                    "0.5",
                    Value.of(50.0),
                    "0.9",
                    Value.of(89.2),
                    "0.95",
                    Value.of(94.7),
                    "0.99",
                    Value.of(98.6),
                    "0.999",
                    Value.of(98.6),
                    "0.9999",
                    Value.of(98.6),
                    "0.99999",
                    Value.of(98.6))));
  }

  @Test
  void quantilesStayWithinOnePercentOfTheTrueValue() throws Exception {
    Dds dds = sketchOf(1, 10_000);

    for (double q : new double[] {0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
      double truth = Math.floor(q * 9_999) + 1;
      assertThat(dds.quantile(q)).isCloseTo(truth, within(truth * 0.01));
    }
    assertThat(dds.quantile(0.0)).isEqualTo(1.0);
    assertThat(dds.quantile(1.0)).isEqualTo(10_000.0);
  }

  @Test
  void chosenPercentilesAndAnEmptySketch() throws Exception {
    Dds dds = new Dds();
    dds.accumulate(List.of(Value.of("not a number"), Value.array(Value.of("0.5"))));

    assertThat(dds.emit())
        .isEqualTo(
            Value.obj(
                "count",
                Value.of(0L),
                "sum",
                Value.of(0.0),
                "min",
                Value.of(0.0),
                "max",
                Value.of(0.0),
                "mean",
                Value.of(0.0),
                "percentiles",
                Value.obj("0.5", Value.of(0.0))));
  }

  @Test
  void mergingEqualsAccumulatingEverything() throws Exception {
    Dds merged = sketchOf(1, 500);
    merged.merge(sketchOf(501, 1000));

    assertThat(merged.emit()).isEqualTo(sketchOf(1, 1000).emit());
  }

  @Test
  void percentilesOutsideZeroToOneFailAtEmit() throws Exception {
    Dds dds = new Dds();
    dds.accumulate(List.of(Value.of(3), Value.array(Value.of("1.5"))));

    assertThatThrownBy(dds::emit)
        .isInstanceOf(FunctionException.class)
        .hasMessage("Unable to calculate percentile '1.5'");
  }

  @Test
  void aPercentileThatIsNotAFloatFailsAtAccumulate() {
    Dds dds = new Dds();

    assertThatThrownBy(() -> dds.accumulate(List.of(Value.of(3), Value.array(Value.of("p99")))))
        .isInstanceOf(FunctionException.class)
        .hasMessage("Provided percentile 'p99' isn't a float");
  }

  @Test
  void widelySpreadValuesCollapseTheLowestBins() throws Exception {
    Dds dds = new Dds();
    dds.accumulate(List.of(Value.of(1e-6)));
    dds.accumulate(List.of(Value.of(1e30)));

    // the bin of 1e-6 lies more than 2048 keys below that of 1e30: it is folded upwards
    assertThat(dds.quantile(0.5)).isGreaterThan(1e9).isLessThan(1e30);
    assertThat(dds.quantile(0.0)).isEqualTo(1e-6);
  }
}
