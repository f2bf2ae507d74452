package io.quiver.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessExitTest {
  private final List<Integer> statuses = new ArrayList<>();

  @AfterEach
  void restore() {
    ProcessExit.install(null);
  }

  @Test
  void theFirstRequestWinsAndLaterOnesAreIgnored() {
    ProcessExit.install(statuses::add);
    assertFalse(ProcessExit.requested());
    assertTrue(ProcessExit.requestedStatus().isEmpty());
    ProcessExit.request(55);
    ProcessExit.request(0);
    assertEquals(List.of(55), statuses);
    assertTrue(ProcessExit.requested());
    assertEquals(55, ProcessExit.requestedStatus().getAsInt());
  }

  @Test
  void installingReArms() {
    ProcessExit.install(statuses::add);
    ProcessExit.request(1);
    ProcessExit.install(statuses::add);
    ProcessExit.request(2);
    assertEquals(List.of(1, 2), statuses);
  }
}
