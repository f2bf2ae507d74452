package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveListTest {
  private static Exchange exchange() {
    return new Exchange(null, null, null, null);
  }

  private static List<Exchange> walk(ActiveList list) {
    List<Exchange> out = new ArrayList<>();
    for (Exchange x = list.first(); x != null; x = x.nextActive) {
      out.add(x);
    }
    return out;
  }

  @Test
  void keepsTheOrderTakenWhateverIsRemoved() {
    ActiveList list = new ActiveList();
    Exchange a = exchange();
    Exchange b = exchange();
    Exchange c = exchange();
    Exchange d = exchange();
    list.add(a);
    list.add(b);
    list.add(c);
    list.add(d);
    assertThat(walk(list)).containsExactly(a, b, c, d);
    assertThat(list.size()).isEqualTo(4);

    assertThat(list.remove(b)).isTrue(); // middle
    assertThat(walk(list)).containsExactly(a, c, d);
    assertThat(list.remove(a)).isTrue(); // first
    assertThat(walk(list)).containsExactly(c, d);
    assertThat(list.remove(d)).isTrue(); // last
    assertThat(walk(list)).containsExactly(c);
    list.add(a);
    assertThat(walk(list)).containsExactly(c, a);
    assertThat(list.toList()).containsExactly(c, a);
    assertThat(list.remove(c)).isTrue();
    assertThat(list.remove(a)).isTrue();
    assertThat(list.first()).isNull();
    assertThat(list.size()).isZero();
    assertThat(list.toList()).isEmpty();
  }

  @Test
  void removingWhatIsNotInItChangesNothing() {
    ActiveList list = new ActiveList();
    Exchange a = exchange();
    Exchange b = exchange();
    list.add(a);
    assertThat(list.remove(b)).isFalse();
    assertThat(list.remove(a)).isTrue();
    assertThat(list.remove(a)).isFalse();
    assertThat(list.size()).isZero();
  }

  @Test
  void anExchangeIsInTheListOnce() {
    ActiveList list = new ActiveList();
    Exchange a = exchange();
    list.add(a);
    assertThatThrownBy(() -> list.add(a)).isInstanceOf(IllegalStateException.class);
    assertThat(walk(list)).containsExactly(a);
  }
}
