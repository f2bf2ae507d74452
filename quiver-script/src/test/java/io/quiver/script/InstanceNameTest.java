package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code system::instance()} is the name given with {@code -i}, {@code tremor} by default. */
class InstanceNameTest {

  @AfterEach
  void restore() {
    InstanceName.set(InstanceName.DEFAULT);
  }

  private static Value instance() throws ScriptException {
    return Script.compile("use tremor::system;\nsystem::instance()", "t.tremor", ModulePath.EMPTY)
        .run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL)
        .value();
  }

  @Test
  void defaultIsTremor() throws Exception {
    assertThat(instance()).isEqualTo(Value.of("tremor"));
  }

  @Test
  void scriptsCompiledBeforeTheNameIsSetSeeTheNewName() throws Exception {
    Script script =
        Script.compile("use tremor::system;\nsystem::instance()", "t.tremor", ModulePath.EMPTY);
    InstanceName.set("edge-7");
    assertThat(script.run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL).value())
        .isEqualTo(Value.of("edge-7"));
    assertThat(instance()).isEqualTo(Value.of("edge-7"));
  }

  @Test
  void emptyNameIsRefused() {
    assertThatThrownBy(() -> InstanceName.set("")).hasMessageContaining("must not be empty");
    assertThat(InstanceName.get()).isEqualTo("tremor");
  }
}
