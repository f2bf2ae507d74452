package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinModulesTest {

  private static String run(String text, ModulePath modules) throws ScriptException {
    Script script = Script.compile(text, "m.tremor", modules);
    return Json.write(
        script
            .run(Value.obj("s", Value.of("snot badger")), Value.EMPTY_OBJECT, Value.NULL)
            .value());
  }

  @Test
  void stdModuleWorksWithoutAModulePath() throws Exception {
    assertThat(run("use std::string;\nstring::len(event.s)", ModulePath.EMPTY)).isEqualTo("11");
  }

  @Test
  void stdModuleUnderAnAlias() throws Exception {
    assertThat(
            run(
                "use std::string as s;\n[s::uppercase(\"a\"), s::split(event.s, \" \")]",
                ModulePath.EMPTY))
        .isEqualTo("[\"A\",[\"snot\",\"badger\"]]");
  }

  @Test
  void tremorModulesAndNestedIntegerConstants() throws Exception {
    assertThat(
            run(
                "use tremor::system;\nuse std::integer;\nuse std::type;\n"
                    + "[type::is_integer(system::nanotime()), integer::max, integer::signed::min]",
                ModulePath.EMPTY))
        .isEqualTo("[true,9223372036854775807,-9223372036854775807]");
  }

  @Test
  void aModuleOnTheModulePathWins(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("std"));
    Files.writeString(dir.resolve("std/string.tremor"), "fn len(s) with 42 end;\n");

    assertThat(run("use std::string;\nstring::len(event.s)", new ModulePath(List.of(dir))))
        .isEqualTo("42");
  }

  @Test
  void aModuleFileThatIsNotUtf8IsReportedAsSuchNotAsMissing(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("latin.tremor"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> run("use latin;\nevent", new ModulePath(List.of(dir))))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining(
            "not valid UTF-8 at byte 2 (line 1, column 3); save the file as UTF-8")
        .hasMessageNotContaining("not found");
  }

  @Test
  void functionMissingFromABuiltinModuleIsAnUndefinedFunction() {
    assertThatThrownBy(() -> run("use std::string;\nstring::snot(event.s)", ModulePath.EMPTY))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("Call to undefined function string::snot");
  }

  @Test
  void systemIsUnderTremorNotStd() {
    assertThatThrownBy(() -> run("use std::system;\n1", ModulePath.EMPTY))
        .isInstanceOf(ScriptException.class)
        .hasMessage(
            "m.tremor:1:17: Module `std/system` not found or not readable error in module"
                + " path: \nError: \n    1 | use std::system;\n      |                 ^ Module"
                + " `std/system` not found or not readable error in module path: \n    2 | 1\n\n");
  }
}
