# Sourced by the bin/ scripts: picks the JDK the build and the jars run on, and says which.
# The project targets Java 21 (maven.compiler.release). A JAVA_HOME of 21+ is used as is;
# otherwise the newest JDK >= 21 under /usr/lib/jvm (this machine kind ships Temurin 25 there,
# while its default `java` is 17).
jdk_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(jdk_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 d m
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    m=$(jdk_major "$d"); [ -n "$m" ] || continue
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best=$d; best_major=$m; fi
  done
  if [ -z "$best" ]; then
    echo "error: no JDK >= 21 found; set JAVA_HOME to a JDK 21+ (e.g. apt-get install temurin-21-jdk)" >&2
    return 1
  fi
  export JAVA_HOME=$best
}
pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
echo "using JDK $(jdk_major "$JAVA_HOME") at $JAVA_HOME" >&2
