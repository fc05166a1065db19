#!/bin/bash
# Links the Java runtime shipped in the packages: the JDK modules the agent jar needs, found by
# jdeps, plus the ones jdeps cannot see because they are only loaded by name at run time, and
# nothing else (no compiler, no man pages, no debug symbols).
#   jlink-runtime.sh JDK_HOME AGENT_JAR OUTPUT_DIR EXTRA_MODULES
# EXTRA_MODULES (comma-separated, from the pom):
#   jdk.crypto.ec     the EC provider for TLS (ECDHE, ECDSA certificates) on a JDK 21 runtime;
#                     in JDK 22+ SunEC moved into java.base and this module is an empty shell
#   java.management   Netty reads the JVM's arguments through it, reflectively
# Writes OUTPUT_DIR and OUTPUT_DIR.modules (the module list, for the record and the tests).
set -euo pipefail
jdk=$1 jar=$2 out=$3 extra=$4

if [ ! -f "$jar" ]; then
  echo "jlink-runtime: $jar is missing: build the agent module first: ./mvnw -pl packaging -am package" >&2
  exit 1
fi
release=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
found=$("$jdk/bin/jdeps" --multi-release "$release" --ignore-missing-deps --print-module-deps "$jar")
modules=$(printf '%s,%s\n' "$found" "$extra" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
echo "jlink-runtime: jdeps found $found; linking $modules" >&2

rm -rf "$out"
"$jdk/bin/jlink" --add-modules "$modules" --output "$out" \
  --strip-debug --no-man-pages --no-header-files
echo "$modules" > "$out.modules"
"$out/bin/java" -version >&2
