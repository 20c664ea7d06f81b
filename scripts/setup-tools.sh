#!/usr/bin/env bash
# Builds/fetches the Temporal dev server (Go module proxy) and the Java time-skipping test server
# (Maven Central), pinned, cached outside git. Idempotent: a second run does nothing.
# Nothing is downloaded at run time; tests point @temporalio/testing at these paths.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tool-versions.sh
source "$here/tool-versions.sh"

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup-tools: '$1' is required ($2)" >&2; exit 1; }; }

if [ ! -x "$TEMPORAL_CLI_BIN" ]; then
  need go "install Go >= 1.25"
  echo "setup-tools: building Temporal CLI $TEMPORAL_CLI_VERSION from the Go module proxy (a few minutes, once)…"
  dir="$(dirname "$TEMPORAL_CLI_BIN")"
  mkdir -p "$dir"
  GOBIN="$dir.tmp" GOFLAGS=-trimpath go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  mv "$dir.tmp/temporal" "$TEMPORAL_CLI_BIN" && rmdir "$dir.tmp"
fi

if [ ! -x "$TEMPORAL_TEST_SERVER_BIN" ]; then
  need mvn "install Maven"
  need java "install a JDK >= 17"
  echo "setup-tools: fetching io.temporal:temporal-test-server:$TEMPORAL_TEST_SERVER_VERSION from Maven Central…"
  dir="$(dirname "$TEMPORAL_TEST_SERVER_BIN")"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.casc</groupId><artifactId>test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
      <version>$TEMPORAL_TEST_SERVER_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  mkdir -p "$dir.tmp/lib"
  mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir.tmp/lib"
  # Our launcher (scripts/java/CascTestServer.java) adds --initial-time to the stock main class.
  mkdir -p "$dir.tmp/classes"
  javac -nowarn -d "$dir.tmp/classes" -cp "$dir.tmp/lib/*" "$here/java/CascTestServer.java"
  cat > "$dir.tmp/temporal-test-server" <<'LAUNCH'
#!/usr/bin/env bash
# Java time-skipping test server: <port> [--enable-time-skipping] [--initial-time ISO-8601]
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec java ${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "$here/classes:$here/lib/*" CascTestServer "$@"
LAUNCH
  chmod +x "$dir.tmp/temporal-test-server"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
fi

echo "setup-tools: temporal CLI        $TEMPORAL_CLI_BIN"
echo "setup-tools: time-skipping server $TEMPORAL_TEST_SERVER_BIN"
