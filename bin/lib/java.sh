# Finds a Java >= 21 and exports JAVA_HOME and PATH for it. Sourced by bin/quiver and ./mvnw (which
# need a JDK) and by the release's bin/quiver (a JRE will do: it only runs the jar).
# Order: $JAVA_HOME, `java` on PATH, then the newest under $QUIVER_JVM_ROOT (default /usr/lib/jvm).

quiver_java_major() { # $1 = path to a java binary; prints its feature version
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

quiver_find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(quiver_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME=$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  local jvms=${QUIVER_JVM_ROOT:-/usr/lib/jvm}
  for candidate in $(ls -d "$jvms"/*/bin/java 2>/dev/null | sort -V -r); do
    major=$(quiver_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME=$(cd "$(dirname "$candidate")/.." && pwd)
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "quiver: no Java 21 or newer found (looked at JAVA_HOME, java on PATH and $jvms)." >&2
  echo "quiver: install one (e.g. apt-get install openjdk-21-jdk-headless; a JRE runs a release) or set JAVA_HOME." >&2
  return 1
}

# The feature, interim and update numbers of the Java whose binary is $1 (e.g. "25 0 3"), read from
# the `release` file of its home (no JVM started); nothing when there is none.
quiver_java_version() {
  local home
  home=$(cd "$(dirname "$(readlink -f "$1" 2>/dev/null || echo "$1")")/.." 2>/dev/null && pwd) || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\)\.\{0,1\}\([0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2 \3/p' "$home/release" 2>/dev/null |
    head -n 1
}

# The feature version (e.g. 25) of the Java whose binary is $1, from its release file; 0 if unknown.
quiver_java_feature() {
  local feature
  read -r feature _ <<<"$(quiver_java_version "$1")"
  printf '%s' "${feature:-0}"
}

# Whether the Java whose binary is $1 knows -XX:TrimNativeHeapInterval (21.0.1 and newer).
quiver_java_trims_native_heap() {
  local feature interim update
  read -r feature interim update <<<"$(quiver_java_version "$1")"
  [ -n "$feature" ] || return 1
  [ "$feature" -ge 22 ] || { [ "$feature" -eq 21 ] && [ "${interim:-0}${update:-0}" != 00 ]; }
}

# The JVM options the launchers (bin/quiver, the release's bin/quiver) put before QUIVER_JAVA_OPTS,
# chosen by measuring the websocket and HTTP proxies (docs/operations.md, "Memory"): the serial
# collector; a small initial heap, which grows only as far as the live data needs (the maximum stays
# the JVM's default, a quarter of the RAM), with a young generation of 8 MB that may grow to 16 MB
# (what -Xmn16m gives with -Xms8m, without the JVM's warning about it; the ~2.7 MB one of -Xms8m
# alone let messages in flight of 4 KiB and more be promoted, and the old generation grew to
# 0.8-1.5 GB); where the Java knows it (21.0.1+), a trim of the C heap
# every second, which hands the memory the JIT compilers and the class loading used and freed back
# to the system (glibc keeps it otherwise); on Java 23+, sun.misc.Unsafe's memory access allowed
# without a warning, so that Netty uses it (without it Netty 4.2 links malloc and free through the
# foreign function API at start, ~150 classes and their compilation, and checks every buffer
# access); and Netty's JFR events off (their classes are loaded at start otherwise). Options in QUIVER_JAVA_OPTS come later on the
# command line and win; one that picks a collector (-XX:+UseG1GC, -XX:+UseZGC, ...) replaces the
# serial one (the JVM refuses two). QUIVER_JVM_DEFAULTS, when set (even to nothing), replaces these
# defaults. $1: the java binary that will run (default: java on PATH).
quiver_jvm_defaults() {
  if [ -n "${QUIVER_JVM_DEFAULTS+set}" ]; then
    printf '%s' "$QUIVER_JVM_DEFAULTS"
    return 0
  fi
  local opts="-Xms8m -XX:NewSize=8128k -XX:MaxNewSize=16m"
  if ! [[ " ${QUIVER_JAVA_OPTS:-} " =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]]; then
    opts="-XX:+UseSerialGC $opts"
  fi
  local java=${1:-$(command -v java)}
  if quiver_java_trims_native_heap "$java"; then
    opts="$opts -XX:TrimNativeHeapInterval=1000"
  fi
  if [ "$(quiver_java_feature "$java")" -ge 23 ]; then
    opts="$opts --sun-misc-unsafe-memory-access=allow"
  fi
  opts="$opts -Dio.netty.jfr.enabled=false"
  printf '%s' "$opts"
}

# The JVM options that give `quiver server run` a class-data-sharing archive of its own classes (a
# dynamic archive on top of the JDK's, Java 19+: -XX:+AutoCreateSharedArchive): the first run of a
# jar and deployment writes it when the server exits, later runs map it instead of loading, parsing
# and verifying those classes again (~4,300 for the ws proxy; its peak resident memory under load
# 2-3 MB lower, docs/benchmarks/memrss-s10.md). The archive's name is a checksum of the jar (path,
# size, time), the Java, the directory and the arguments with the times of the files they name: the
# JVM ignores an archive whose jar or Java changed but does not write it again, and a deployment
# that loads other classes should not keep another's; the 8 newest are kept. Where: the directory
# QUIVER_CDS_DIR (default $XDG_CACHE_HOME/quiver, else ~/.cache/quiver). Nothing when it cannot be
# created or written or its path has a space (the options are split on spaces), when QUIVER_CDS=0,
# when QUIVER_JAVA_OPTS choose a class-data-sharing option of their own, or when the Java has no
# archive of its own classes (a jlinked runtime without one). The JVM's class-data-sharing messages
# are turned off (-Xlog:cds*=off): writing the archive lists every class it cannot take, on
# standard output. $1: the java binary, $2: the jar, the rest: quiver's arguments; prints nothing
# unless they start with `server run`.
quiver_cds_options() {
  local java=$1 jar=$2
  shift 2
  [ "${1:-}" = server ] && [ "${2:-}" = run ] && [ "${QUIVER_CDS:-1}" != 0 ] || return 0
  [[ " ${QUIVER_JAVA_OPTS:-} " =~ [[:space:]](-Xshare:|-XX:SharedArchiveFile=|-XX:AOTCache|-XX:AOTMode=|-XX:[+-]AutoCreateSharedArchive) ]] && return 0
  local home
  home=$(cd "$(dirname "$(readlink -f "$java" 2>/dev/null || echo "$java")")/.." 2>/dev/null && pwd) || return 0
  [ -f "$home/lib/server/classes.jsa" ] || return 0
  local dir=${QUIVER_CDS_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/quiver}
  [[ ! $dir =~ [[:space:]] ]] && mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  local key arg
  key=$({
    printf '%s\n' "$(readlink -f "$jar")" "$(stat -c '%s %Y' "$jar" 2>/dev/null)" "$home" "$PWD"
    for arg in "$@"; do printf '%s %s\n' "$arg" "$(stat -c %Y -- "$arg" 2>/dev/null)"; done
  } | cksum | cut -d' ' -f1)
  local file=$dir/server-$key.jsa
  # a file that does not start as a dynamic archive does (magic 0xf00baba8; e.g. cut short when
  # the disk filled) would be neither used nor written again: it goes
  if [ -f "$file" ] && [ "$(od -A n -t x1 -N 4 "$file" 2>/dev/null | tr -d ' \n')" != a8ab0bf0 ]; then
    rm -f "$file"
  fi
  # the 8 newest archives stay (a running JVM keeps a removed one mapped)
  ls -t "$dir"/server-*.jsa 2>/dev/null | tail -n +9 | while read -r old; do rm -f "$old"; done
  printf '%s' "-XX:SharedArchiveFile=$file -XX:+AutoCreateSharedArchive -Xlog:cds*=off"
}
