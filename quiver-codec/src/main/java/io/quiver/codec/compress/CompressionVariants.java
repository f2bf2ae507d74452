package io.quiver.codec.compress;

import io.quiver.codec.NamedPostprocessorProvider;
import io.quiver.codec.NamedPreprocessorProvider;

/**
 * The registered names of the compression processors, one provider each: Tremor 0.11's ({@code
 * gzip}, {@code zlib}, {@code xz2}, {@code snappy}, {@code lz4}, {@code decompress}) plus {@code
 * xz} (alias of {@code xz2}) and {@code zstd}.
 */
public final class CompressionVariants {
  private CompressionVariants() {}

  private abstract static class Pre extends NamedPreprocessorProvider {
    Pre(String name, Compression format) {
      super(
          name,
          () ->
              new DecompressingPreprocessor(
                  name, format, DecompressingPreprocessor.DEFAULT_MAX_OUTPUT));
    }
  }

  private abstract static class Post extends NamedPostprocessorProvider {
    Post(String name, Compression format) {
      super(name, () -> new CompressingPostprocessor(name, format));
    }
  }

  public static final class GzipPre extends Pre {
    public GzipPre() {
      super("gzip", Compression.GZIP);
    }
  }

  public static final class ZlibPre extends Pre {
    public ZlibPre() {
      super("zlib", Compression.ZLIB);
    }
  }

  public static final class Xz2Pre extends Pre {
    public Xz2Pre() {
      super("xz2", Compression.XZ);
    }
  }

  public static final class XzPre extends Pre {
    public XzPre() {
      super("xz", Compression.XZ);
    }
  }

  public static final class SnappyPre extends Pre {
    public SnappyPre() {
      super("snappy", Compression.SNAPPY);
    }
  }

  public static final class Lz4Pre extends Pre {
    public Lz4Pre() {
      super("lz4", Compression.LZ4);
    }
  }

  public static final class ZstdPre extends Pre {
    public ZstdPre() {
      super("zstd", Compression.ZSTD);
    }
  }

  /** {@code decompress}: the format by magic bytes; unknown data passes unchanged. */
  public static final class DecompressPre extends Pre {
    public DecompressPre() {
      super("decompress", null);
    }
  }

  public static final class GzipPost extends Post {
    public GzipPost() {
      super("gzip", Compression.GZIP);
    }
  }

  public static final class ZlibPost extends Post {
    public ZlibPost() {
      super("zlib", Compression.ZLIB);
    }
  }

  public static final class Xz2Post extends Post {
    public Xz2Post() {
      super("xz2", Compression.XZ);
    }
  }

  public static final class XzPost extends Post {
    public XzPost() {
      super("xz", Compression.XZ);
    }
  }

  public static final class SnappyPost extends Post {
    public SnappyPost() {
      super("snappy", Compression.SNAPPY);
    }
  }

  public static final class Lz4Post extends Post {
    public Lz4Post() {
      super("lz4", Compression.LZ4);
    }
  }

  public static final class ZstdPost extends Post {
    public ZstdPost() {
      super("zstd", Compression.ZSTD);
    }
  }
}
