package io.quiver.runtime;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecProvider;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.PostprocessorProvider;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.PreprocessorProvider;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.SourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every plugin found on the class path through {@link ServiceLoader}, keyed by its Tremor name. Two
 * plugins with one name are a startup error.
 */
public final class Registry {
  private final TreeMap<String, CodecProvider> codecs = new TreeMap<>();
  private final TreeMap<String, PreprocessorProvider> preprocessors = new TreeMap<>();
  private final TreeMap<String, PostprocessorProvider> postprocessors = new TreeMap<>();
  private final TreeMap<String, SourceProvider> sources = new TreeMap<>();
  private final TreeMap<String, SinkProvider> sinks = new TreeMap<>();

  private Registry() {}

  /** Loads all plugins visible to this class's loader. */
  public static Registry load() {
    Registry r = new Registry();
    List<String> clashes = new ArrayList<>();
    ClassLoader cl = Registry.class.getClassLoader();
    fill(
        ServiceLoader.load(CodecProvider.class, cl),
        CodecProvider::name,
        r.codecs,
        "codec",
        clashes);
    fill(
        ServiceLoader.load(PreprocessorProvider.class, cl),
        PreprocessorProvider::name,
        r.preprocessors,
        "preprocessor",
        clashes);
    fill(
        ServiceLoader.load(PostprocessorProvider.class, cl),
        PostprocessorProvider::name,
        r.postprocessors,
        "postprocessor",
        clashes);
    fill(
        ServiceLoader.load(SourceProvider.class, cl),
        SourceProvider::name,
        r.sources,
        "onramp type",
        clashes);
    fill(
        ServiceLoader.load(SinkProvider.class, cl),
        SinkProvider::name,
        r.sinks,
        "offramp type",
        clashes);
    if (!clashes.isEmpty()) {
      throw new IllegalStateException(String.join("\n", clashes));
    }
    return r;
  }

  /** Adds a sink type that lives in the runtime itself (system artefacts). */
  void addSink(SinkProvider provider) {
    sinks.put(provider.name(), provider);
  }

  private static <T> void fill(
      ServiceLoader<T> loader,
      Function<T, String> name,
      TreeMap<String, T> into,
      String what,
      List<String> clashes) {
    for (T provider : loader) {
      T previous = into.put(name.apply(provider), provider);
      if (previous != null) {
        clashes.add(
            "two "
                + what
                + " plugins are named '"
                + name.apply(provider)
                + "': "
                + previous.getClass().getName()
                + " and "
                + provider.getClass().getName()
                + "; remove one of them from the class path");
      }
    }
  }

  public boolean hasCodec(String name) {
    return codecs.containsKey(name);
  }

  public Codec codec(String name) {
    return codecs.get(name).create();
  }

  public boolean hasPreprocessor(String name) {
    return preprocessors.containsKey(name);
  }

  public Preprocessor preprocessor(String name) {
    return preprocessors.get(name).create();
  }

  public boolean hasPostprocessor(String name) {
    return postprocessors.containsKey(name);
  }

  public Postprocessor postprocessor(String name) {
    return postprocessors.get(name).create();
  }

  public SourceProvider source(String type) {
    return sources.get(type);
  }

  public SinkProvider sink(String type) {
    return sinks.get(type);
  }

  public List<String> codecNames() {
    return List.copyOf(codecs.keySet());
  }

  public List<String> preprocessorNames() {
    return List.copyOf(preprocessors.keySet());
  }

  public List<String> postprocessorNames() {
    return List.copyOf(postprocessors.keySet());
  }

  public List<String> sourceNames() {
    return List.copyOf(sources.keySet());
  }

  public List<String> sinkNames() {
    return List.copyOf(sinks.keySet());
  }
}
