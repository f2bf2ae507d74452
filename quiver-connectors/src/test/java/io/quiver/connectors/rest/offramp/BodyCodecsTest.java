package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BodyCodecsTest {

  private final AtomicInteger asked = new AtomicInteger();
  private final RestTestContext context =
      new RestTestContext(true) {
        @Override
        public Optional<Serializer> newSerializer(String contentType) {
          asked.incrementAndGet();
          return super.newSerializer(contentType);
        }

        @Override
        public Optional<Deserializer> newDeserializer(String contentType) {
          asked.incrementAndGet();
          return super.newDeserializer(contentType);
        }
      };

  @Test
  void theMimeTypeWithoutParametersPicksTheCodecOnceAndItIsKept() {
    BodyCodecs codecs = new BodyCodecs(context);
    Serializer s = codecs.serializer("Text/Plain; charset=utf-8");
    assertThat(s.codec().name()).isEqualTo("string");
    assertThat(codecs.serializer("text/plain")).isSameAs(s);
    assertThat(codecs.deserializer("application/json").codec().name()).isEqualTo("json");
    assertThat(asked.get()).isEqualTo(2);
  }

  @Test
  void withoutAMappedMimeTypeTheOfframpsCodecServes() {
    BodyCodecs codecs = new BodyCodecs(context);
    Serializer own = codecs.serializer(null);
    assertThat(own.codec().name()).isEqualTo("json");
    assertThat(codecs.serializer("application/x-snot")).isSameAs(own);
    assertThat(codecs.deserializer(null).codec().name()).isEqualTo("json");
  }

  @Test
  void atMostSoManyMimeTypesAreKept() {
    BodyCodecs codecs = new BodyCodecs(context);
    for (int i = 0; i < BodyCodecs.MAX_CACHED + 10; i++) {
      codecs.serializer("application/x-" + i);
    }
    int before = asked.get();
    codecs.serializer("application/x-" + (BodyCodecs.MAX_CACHED + 5));
    assertThat(asked.get()).isEqualTo(before + 1); // not kept: asked again
    codecs.serializer("application/x-0");
    assertThat(asked.get()).isEqualTo(before + 1); // kept
  }

  @Test
  void theEssenceIsLowerCaseWithoutParameters() {
    assertThat(BodyCodecs.essence(" Application/JSON ; charset=utf-8"))
        .isEqualTo("application/json");
  }
}
