package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What hdr and dds share: which arguments count and who names the percentiles. */
class PercentileAggregateTest {

  @Test
  void nonNumbersAndNegativeNumbersAreIgnoredByBoth() throws Exception {
    for (PercentileAggregate aggregate : List.of(new Hdr(), new Dds())) {
      aggregate.accumulate(List.of(Value.of(3)));
      aggregate.accumulate(List.of(Value.of("7")));
      aggregate.accumulate(List.of(Value.of(-1)));
      aggregate.accumulate(List.of());
      aggregate.accumulate(List.of(Value.of(5.0)));

      assertThat(((Value.Obj) aggregate.emit()).get("count")).isEqualTo(Value.of(2));
    }
  }

  @Test
  void theFirstCallNamesThePercentilesAndMergingKeepsThem() throws Exception {
    Hdr first = new Hdr();
    first.accumulate(List.of(Value.of(10), Value.array(Value.of("0.5"))));
    first.accumulate(List.of(Value.of(20), Value.array(Value.of("0.9"))));
    Hdr merged = new Hdr();
    merged.merge(first);

    Value percentiles = ((Value.Obj) merged.emit()).get("percentiles");
    assertThat(percentiles).isEqualTo(Value.obj("0.5", Value.of(10)));
  }
}
