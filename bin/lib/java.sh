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

# The JVM options the launchers (bin/quiver, the release's bin/quiver) put before QUIVER_JAVA_OPTS,
# chosen by measuring the websocket proxy (docs/operations.md, "Memory"): the serial collector and
# a small initial heap, which grows only as far as the live data needs (the maximum stays the JVM's
# default, a quarter of the RAM). Options in QUIVER_JAVA_OPTS come later on the command line and
# win; one that picks a collector (-XX:+UseG1GC, -XX:+UseZGC, ...) replaces the serial one (the JVM
# refuses two). QUIVER_JVM_DEFAULTS, when set (even to nothing), replaces these defaults.
quiver_jvm_defaults() {
  if [ -n "${QUIVER_JVM_DEFAULTS+set}" ]; then
    printf '%s' "$QUIVER_JVM_DEFAULTS"
  elif [[ " ${QUIVER_JAVA_OPTS:-} " =~ [[:space:]]-XX:\+Use[A-Za-z]*GC[[:space:]] ]]; then
    printf '%s' "-Xms8m"
  else
    printf '%s' "-XX:+UseSerialGC -Xms8m"
  fi
}
