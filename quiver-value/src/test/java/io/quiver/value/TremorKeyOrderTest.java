package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key orders Tremor 0.11.12 wrote in its own integration cases (tremor-cli/tests/integration,
 * the expected files), reproduced by the table model.
 */
class TremorKeyOrderTest {
  @Test
  void bucketsAsHashbrownSizesThem() {
    assertThat(TremorKeyOrder.buckets(1)).isEqualTo(2);
    assertThat(TremorKeyOrder.buckets(2)).isEqualTo(4);
    assertThat(TremorKeyOrder.buckets(3)).isEqualTo(4);
    assertThat(TremorKeyOrder.buckets(7)).isEqualTo(8);
    assertThat(TremorKeyOrder.buckets(8)).isEqualTo(16);
    assertThat(TremorKeyOrder.buckets(14)).isEqualTo(16);
    assertThat(TremorKeyOrder.buckets(22)).isEqualTo(32);
  }

  @Test
  void aSelectTargetRecordOfSevenKeys() {
    // window_timeout: the select's record literal, copied once by the windowed select
    assertThat(
            TremorKeyOrder.Table.rebuilt(
                    List.of(
                        "aggregate",
                        "group",
                        "from_group",
                        "event_last",
                        "meta",
                        "state",
                        "window"))
                .keys())
        .containsExactly(
            "aggregate", "meta", "window", "group", "from_group", "event_last", "state");
  }

  @Test
  void aSmallParsedRecordCopiedForAnotherDestination() {
    // std_stream_sinks_postprocessors: each {"id", "name"} of `friends` on the copied destination
    assertThat(TremorKeyOrder.Table.rebuilt(List.of("id", "name")).keys())
        .containsExactly("name", "id");
  }

  @Test
  void aParsedRecordOfTwentyTwoKeys() {
    // std_stream_sinks_postprocessors: the documents of in.json on the copied destination
    List<String> parsed =
        List.of(
            "_id",
            "index",
            "guid",
            "isActive",
            "balance",
            "picture",
            "age",
            "eyeColor",
            "name",
            "gender",
            "company",
            "email",
            "phone",
            "address",
            "about",
            "registered",
            "latitude",
            "longitude",
            "tags",
            "friends",
            "greeting",
            "favoriteFruit");
    assertThat(TremorKeyOrder.Table.rebuilt(parsed).keys())
        .containsExactly(
            "index",
            "balance",
            "longitude",
            "email",
            "age",
            "isActive",
            "eyeColor",
            "_id",
            "name",
            "picture",
            "phone",
            "about",
            "friends",
            "greeting",
            "gender",
            "latitude",
            "company",
            "address",
            "tags",
            "favoriteFruit",
            "guid",
            "registered");
  }

  @Test
  void aKeyInsertedIntoACopiedRecord() {
    // hygienic_runtime_errors: {foo_having, foo_script} copied by the select, then a script adds
    // `new`
    TremorKeyOrder.Table t = TremorKeyOrder.Table.rebuilt(List.of("foo_having", "foo_script"));
    t.insert("new");
    assertThat(t.keys()).containsExactly("foo_script", "new", "foo_having");
  }

  @Test
  void insertingAnExistingKeyKeepsItsPlaceAndGrowingKeepsEveryKey() {
    TremorKeyOrder.Table t = TremorKeyOrder.Table.rebuilt(List.of("a"));
    t.insert("a");
    assertThat(t.keys()).containsExactly("a");
    for (int i = 0; i < 40; i++) {
      t.insert("k" + i);
    }
    assertThat(t.keys()).hasSize(41).contains("a", "k0", "k39");
  }

  @Test
  void fxHashFoldsWordsThenSingleBytesThenTheTerminator() {
    // "" hashes only the 0xff terminator: (rotl(0, 5) ^ 0xff) * seed
    assertThat(TremorKeyOrder.fxHash("")).isEqualTo(0xffL * 0x517cc1b727220a95L);
  }

  @Test
  void aRemovedKeyLeavesAnEmptySlotThatTheNextInsertCanTake() {
    TremorKeyOrder.Table t = TremorKeyOrder.Table.rebuilt(List.of("foo_having", "foo_script"));
    t.remove("foo_script");
    assertThat(t.keys()).containsExactly("foo_having");
    assertThat(t.contains("foo_script")).isFalse();
    t.insert("foo_script");
    assertThat(t.keys()).containsExactly("foo_script", "foo_having");
    assertThat(t.size()).isEqualTo(2);
  }

  @Test
  void aCopyOfATableChangesIndependently() {
    TremorKeyOrder.Table t = TremorKeyOrder.Table.rebuilt(List.of("a", "b"));
    TremorKeyOrder.Table copy = t.copy();
    copy.insert("c");
    assertThat(t.keys()).containsExactlyInAnyOrder("a", "b");
    assertThat(copy.keys()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void removingAndInsertingManyKeysKeepsExactlyTheLiveOnes() {
    TremorKeyOrder.Table t = TremorKeyOrder.Table.rebuilt(List.of());
    for (int i = 0; i < 100; i++) {
      t.insert("k" + i);
      if (i % 3 == 0) {
        t.remove("k" + (i / 2));
      }
    }
    java.util.Set<String> live = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      live.add("k" + i);
    }
    for (int i = 0; i < 100; i += 3) {
      live.remove("k" + (i / 2));
    }
    assertThat(t.keys()).containsExactlyInAnyOrderElementsOf(live);
    assertThat(t.size()).isEqualTo(live.size());
  }
}
