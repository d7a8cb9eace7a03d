# Finds a JDK >= 21 (the code targets Java 21, the version KNIME AP 5.5+ runs on) and exports JAVA_HOME.
# Sourced by .ci/run and ./bertlab.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [[ -z "${JAVA_HOME:-}" || "$(java_major "$JAVA_HOME")" -lt 21 ]] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 \
                   /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/javac" ]] && [[ "$(java_major "$candidate")" -ge 21 ]]; then
      JAVA_HOME="$candidate"; break
    fi
  done
  if [[ -z "$JAVA_HOME" ]]; then
    echo "error: no JDK 21 or newer found under /usr/lib/jvm; install one (e.g. Temurin 21 or 25) or set JAVA_HOME." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build.
if [[ "$(java_major "$JAVA_HOME")" -ge 24 ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
