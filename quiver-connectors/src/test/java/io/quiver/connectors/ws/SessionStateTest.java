package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionStateTest {
  @Test
  void theTransitionsAreExactlyThoseOfTheDiagram() {
    assertThat(next(SessionState.IDLE))
        .containsExactlyInAnyOrder(SessionState.CONNECTING, SessionState.DRAINING);
    assertThat(next(SessionState.CONNECTING))
        .containsExactlyInAnyOrder(SessionState.OPEN, SessionState.IDLE, SessionState.DRAINING);
    assertThat(next(SessionState.OPEN))
        .containsExactlyInAnyOrder(SessionState.IDLE, SessionState.DRAINING);
    assertThat(next(SessionState.DRAINING)).containsExactly(SessionState.CLOSED);
    assertThat(next(SessionState.CLOSED)).isEmpty();
  }

  @Test
  void onlyDrainingAndClosedHaveEnded() {
    assertThat(EnumSet.allOf(SessionState.class).stream().filter(SessionState::ended))
        .containsExactly(SessionState.DRAINING, SessionState.CLOSED);
  }

  private static Set<SessionState> next(SessionState from) {
    Set<SessionState> out = EnumSet.noneOf(SessionState.class);
    for (SessionState to : SessionState.values()) {
      if (from.allows(to)) {
        out.add(to);
      }
    }
    return out;
  }
}
