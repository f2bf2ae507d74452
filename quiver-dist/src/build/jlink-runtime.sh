#!/usr/bin/env bash
# jlink-runtime.sh JDK JAR OUT: links into OUT a Java runtime with only the modules JAR needs
# (jdeps), plus the ones it loads by name that jdeps cannot see. Run by `./mvnw -Prelease package`.
set -euo pipefail
jdk=$1 jar=$2 out=$3

modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 "$jar")
# Only H2's parts that Quiver never loads (its Swing console, its Java-source and script triggers,
# its agent) use these; the kv offramp uses H2's MVStore alone. Leaving them out saves ~15 MB.
for unused in java.desktop java.compiler java.scripting java.instrument; do
  modules=$(echo ",$modules," | sed "s/,$unused,/,/; s/^,//; s/,\$//")
done
# Loaded by name at run time, unseen by jdeps: DNS lookups through JNDI, and elliptic-curve TLS
# where it still is a module of its own (JDK 21; part of java.base from 22 on).
for extra in jdk.naming.dns jdk.crypto.ec; do
  if "$jdk/bin/java" --list-modules | grep -q "^$extra@"; then
    modules=$modules,$extra
  fi
done
echo "jlink-runtime.sh: modules $modules"

rm -rf "$out"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --output "$out"
