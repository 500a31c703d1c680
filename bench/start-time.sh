#!/usr/bin/env bash
# Start to ready, and memory after start, of the packaged app on its embedded PostgreSQL.
#   bench/start-time.sh [JAVA]   (after ./mvnw package; JAVA defaults to the first 21+ JDK found)
# Three ways, each started twice in a scratch directory (the first start of a directory also
# creates its database): `java -jar` on the jar as built; on the jar extracted by Spring Boot's
# jarmode tools; extracted with a JDK AOT cache (JDK 25+: -XX:AOTCache, trained once with
# -Dspring.context.exit=onRefresh). Ready = /actuator/health/readiness answers UP; RSS is the
# java process's, 5 s after ready.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
java=${1:-}
if [ -z "$java" ]; then
  for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java java; do
    if [ -x "$(command -v "$candidate" 2>/dev/null)" ] && "$candidate" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      java=$candidate; break
    fi
  done
fi
jar=$(ls "$here"/target/agendador-cnpj-*.jar | grep -v plain | head -1)
work=$(mktemp -d /tmp/agendador-start.XXXXXX)
port=18089
trap 'rm -rf "$work"' EXIT

measure() { # label, then the java arguments
  local label=$1; shift
  local start end pid rss
  start=$(date +%s.%N)
  (cd "$work" && exec "$java" "$@" --server.port=$port --logging.level.root=WARN) > "$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "$label: the app died"; tail -20 "$work/app.log"; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  sleep 5
  rss=$(ps -o rss= -p $pid)
  printf '%-34s ready after %5.2f s, RSS %4d MB\n' "$label" "$(echo "$end - $start" | bc)" $((rss / 1024))
  kill $pid; wait $pid 2>/dev/null || true
}

echo "$("$java" -version 2>&1 | head -1), $(nproc) CPUs"
measure "java -jar (first start)" -jar "$jar"
measure "java -jar" -jar "$jar"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
app="$work/extracted/$(basename "$jar")"
measure "extracted" -jar "$app"
measure "extracted" -jar "$app"
if "$java" -XX:AOTCacheOutput=/dev/null -version >/dev/null 2>&1; then
  (cd "$work" && "$java" -XX:AOTCacheOutput="$work/app.aot" -Dspring.context.exit=onRefresh -jar "$app" \
      --server.port=$port --logging.level.root=WARN) >"$work/train.log" 2>&1
  measure "extracted + AOT cache" -XX:AOTCache="$work/app.aot" -jar "$app"
  measure "extracted + AOT cache" -XX:AOTCache="$work/app.aot" -jar "$app"
else
  echo "this JDK has no AOT cache (JDK 25+)"
fi
