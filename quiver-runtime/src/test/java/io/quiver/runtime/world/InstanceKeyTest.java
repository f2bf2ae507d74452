package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import org.junit.jupiter.api.Test;

class InstanceKeyTest {
  @Test
  void aLinkEndNamesTheInstanceWithoutItsPort() {
    InstanceKey key = InstanceKey.of(TremorUrl.parse("/onramp/ws/01/out"));

    assertThat(key).isEqualTo(new InstanceKey(ResourceType.ONRAMP, "ws", "01"));
    assertThat(key.path()).isEqualTo("/onramp/ws/01");
    assertThat(key.url()).isEqualTo(TremorUrl.parse("/onramp/ws/01"));
    assertThat(key).hasToString("/onramp/ws/01");
  }

  @Test
  void anArtefactUrlWithoutInstanceIsNoInstance() {
    assertThatThrownBy(() -> InstanceKey.of(TremorUrl.parse("/pipeline/p")))
        .isInstanceOf(NullPointerException.class);
  }
}
