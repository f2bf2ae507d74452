package io.quiver.runtime.world;

import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.runtime.config.ConfigFile;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.MappingSpec;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.YamlConfigReader;
import io.quiver.script.ScriptException;
import io.quiver.value.Utf8File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a deployment's files into a {@link Repository}: {@code .trickle} pipelines first, then the
 * YAML files' offramps, onramps and bindings, in the order given; collects their mappings.
 */
final class ArtefactLoader {
  /** Reads a file's text, or reports why it cannot and returns null. */
  @FunctionalInterface
  interface Reader {
    String read(Path file, Problems problems);
  }

  /** The published artefacts and the mappings of every YAML file, in file order. */
  record Loaded(Repository repository, List<MappingSpec> mappings) {}

  private ArtefactLoader() {}

  static Loaded load(List<Path> files, Reader reader, Problems problems) {
    Repository repo = new Repository();
    SystemArtefacts.publish(repo);
    List<Path> trickle = new ArrayList<>();
    List<Path> yaml = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.endsWith(".trickle")) {
        trickle.add(f);
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        yaml.add(f);
      } else {
        problems.add(
            Location.ofFile(f.toString()),
            "unsupported file type: give .trickle pipelines and .yaml/.yml artefact files");
      }
    }
    for (Path f : trickle) {
      String text = reader.read(f, problems);
      if (text != null) {
        loadPipeline(f, text, repo, problems);
      }
    }
    List<ConfigFile> configs = new ArrayList<>();
    for (Path f : yaml) {
      String text = reader.read(f, problems);
      if (text != null) {
        configs.add(YamlConfigReader.read(f.toString(), text, problems));
      }
    }
    List<MappingSpec> mappings = new ArrayList<>();
    for (ConfigFile c : configs) {
      c.offramps().forEach(o -> repo.addOfframp(o, problems));
      c.onramps().forEach(o -> repo.addOnramp(o, problems));
      c.bindings().forEach(b -> repo.addBinding(b, problems));
      mappings.addAll(c.mappings());
    }
    return new Loaded(repo, mappings);
  }

  private static void loadPipeline(Path file, String text, Repository repo, Problems problems) {
    String name = file.getFileName().toString();
    String stem = name.substring(0, name.length() - ".trickle".length());
    try {
      PipelineDefinition def = PipelineCompiler.compile(text, file.toString(), stem);
      repo.addPipeline(def, Location.ofFile(file.toString()), problems);
      repo.pipelineSources.putIfAbsent(def.id(), text);
    } catch (ScriptException e) {
      problems.add(
          new Location(file.toString(), e.line(), e.column()),
          "invalid pipeline:\n" + e.renderAll());
    }
  }

  /** Reads a file from disk as UTF-8 text. */
  static String readFile(Path f, Problems problems) {
    try {
      return Utf8File.read(f);
    } catch (NoSuchFileException e) {
      problems.add(Location.ofFile(f.toString()), "file not found");
    } catch (Utf8File.NotUtf8Exception e) {
      problems.add(new Location(f.toString(), e.line(), e.column()), e.getMessage());
    } catch (IOException e) {
      problems.add(Location.ofFile(f.toString()), "cannot read file: " + e.getMessage());
    }
    return null;
  }
}
