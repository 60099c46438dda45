#!/usr/bin/env bash
# Benchmarks the public register (issue 7, BENCHMARKS.md "Public register"):
#   1. builds the web app and bench/Adhere.Bench in Release;
#   2. generates a synthetic register (10,000 organisations, 100,000 services, 10,000 listed declarations) into a
#      SQLite file and into a private PostgreSQL 15 server under .tmp/bench/register/pg;
#   3. verification by ID over HTTP: wrk against the app (Kestrel, Production) and against nginx serving the same
#      bytes as a static file, alternating, three pairs; bench/KestrelFloor (bare Kestrel, the same bytes) runs in each
#      pair too, as the floor of any ASP.NET Core app; then a flood of random unknown IDs (the cache must stay bounded);
#   4. a status change made by another process (bench helper: domain trigger + transparency log entry, one
#      transaction), and how long until the register answers it;
#   5. search latency over HTTP for a set of realistic searches, on SQLite and PostgreSQL, with the cache off
#      (every request reaches the database) and, on SQLite, on;
#   6. the app's peak RSS (VmHWM) after each phase;
# and prints Markdown. Raw output stays in .tmp/bench/register/.
#
#   bench/register.sh
#
# Needs the Debian packages wrk, nginx (or nginx-light), postgresql (15) and curl, and the .NET SDK.
# Knobs: BENCH_WRK_DURATION (10s), BENCH_WRK_CONNECTIONS (16), BENCH_SEARCH_ROUNDS (100), BENCH_SEARCH_WARMUP (50), BENCH_PG_PORT (55432),
# BENCH_APP_PORT (5391), BENCH_NGINX_PORT (5392), BENCH_FLOOR_PORT (5393), BENCH_ORGANISATIONS (10000), BENCH_SKIP_POSTGRES=1,
# BENCH_SEARCH_ONLY=1 (only step 5 with the cache off: no wrk, nginx or status changes).
# Other work on the machine skews the figures; the load average is printed before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly ROOT=$PWD
readonly OUT=$ROOT/.tmp/bench/register
readonly BENCH_DLL=$ROOT/bench/Adhere.Bench/bin/Release/net10.0/Adhere.Bench.dll
readonly WEB_DIR=$ROOT/src/Adhere.Web/bin/Release/net10.0
readonly DURATION=${BENCH_WRK_DURATION:-10s}
readonly CONNECTIONS=${BENCH_WRK_CONNECTIONS:-16}
readonly SEARCH_ROUNDS=${BENCH_SEARCH_ROUNDS:-100}
# Rounds of every search before measuring: 50 lets the JIT's tiering settle (a method is recompiled after 30 calls, in
# the background), so that the figures are a running server's, not its first minute's.
readonly SEARCH_WARMUP=${BENCH_SEARCH_WARMUP:-50}
readonly PG_PORT=${BENCH_PG_PORT:-55432}
readonly APP_PORT=${BENCH_APP_PORT:-5391}
readonly NGINX_PORT=${BENCH_NGINX_PORT:-5392}
readonly FLOOR_PORT=${BENCH_FLOOR_PORT:-5393}
readonly FLOOR_DLL=$ROOT/bench/KestrelFloor/bin/Release/net10.0/KestrelFloor.dll
readonly ORGANISATIONS=${BENCH_ORGANISATIONS:-10000}
readonly SEARCH_ONLY=${BENCH_SEARCH_ONLY:-}
readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly PG_DIR=$OUT/pg
readonly APP_URL=http://127.0.0.1:$APP_PORT
readonly NGINX_URL=http://127.0.0.1:$NGINX_PORT
readonly FLOOR_URL=http://127.0.0.1:$FLOOR_PORT
# The generator's IDs (RegisterData.IdOf): n = 0 is valid at level 1; 10-12 are valid too, and get suspended.
readonly WRK_ID=2026LVL01BENCH001
readonly CHANGE_IDS=(2024LVL02BENCH011 2023LVL03BENCH012 2026LVL01BENCH013)
readonly VERIFY_PATH=/api/v1/register/verifications/$WRK_ID

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

die() {
  printf 'bench/register.sh: %s\n' "$*" >&2
  exit 1
}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || die "$tool is missing: apt-get install wrk nginx-light curl"
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $PG_BIN/initdb || -n ${BENCH_SKIP_POSTGRES:-} ]] || die "PostgreSQL 15 is missing: apt-get install postgresql (or BENCH_SKIP_POSTGRES=1)"

APP_PID=""
NGINX_PID=""
FLOOR_PID=""
PG_STARTED=0
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_app() {
  if [[ -n $APP_PID ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}
cleanup() {
  stop_app
  if [[ -n $NGINX_PID ]]; then kill "$NGINX_PID" 2>/dev/null || true; fi
  if [[ -n $FLOOR_PID ]]; then kill "$FLOOR_PID" 2>/dev/null || true; fi
  if ((PG_STARTED)); then as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

rm -rf "$OUT"
mkdir -p "$OUT"
load() { cut -d' ' -f1-3 /proc/loadavg; }

printf 'Building the web app and bench/Adhere.Bench (Release)...\n' >&2
{ dotnet build src/Adhere.Web/Adhere.Web.csproj -c Release -nologo -nodeReuse:false &&
  dotnet build bench/Adhere.Bench/Adhere.Bench.csproj -c Release -nologo -nodeReuse:false &&
  dotnet build bench/KestrelFloor/KestrelFloor.csproj -c Release -nologo -nodeReuse:false; } >"$OUT/build.log" 2>&1 ||
  { tail -n 20 "$OUT/build.log" >&2; die "the build failed (see .tmp/bench/register/build.log)"; }

STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(load)
SQLITE_CS="Data Source=$OUT/register.db"
PG_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=adhere_bench"

printf 'Generating the register into SQLite...\n' >&2
dotnet "$BENCH_DLL" register-data sqlite "$SQLITE_CS" --organisations "$ORGANISATIONS" >"$OUT/data-sqlite.tsv"

if [[ -z ${BENCH_SKIP_POSTGRES:-} ]]; then
  printf 'Starting PostgreSQL on port %s and generating the register into it...\n' "$PG_PORT" >&2
  install -d -m 700 "$PG_DIR"
  [[ $EUID -eq 0 ]] && chown postgres:postgres "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" >/dev/null
  PG_STARTED=1
  dotnet "$BENCH_DLL" register-data postgres "$PG_CS" --organisations "$ORGANISATIONS" >"$OUT/data-postgres.tsv"
fi

# start_app PROVIDER CONNECTION CACHE(true|false) NAME
start_app() {
  (cd "$WEB_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$APP_URL" \
    Database__Provider="$1" ConnectionStrings__Adhere="$2" Register__Cache__Enabled="$3" \
    Register__RateLimit__PermitLimit=100000000 Monitoring__IntervalMinutes=0 Demo__SeedOnFirstStart=false \
    Evidence__StoragePath="$OUT/evidence" Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
    Logging__Console__FormatterName=simple dotnet Adhere.Web.dll) >"$OUT/app-$4.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 150); do
    if curl -fsS "$APP_URL/healthz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 20 "$OUT/app-$4.log" >&2; die "the app did not start"; }
    sleep 0.2
  done
  die "the app did not answer /healthz within 30 s"
}
peak_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$APP_PID/status"; }

# wrk_run NAME URL [LUA]: prints req/s and p99 (ms) as TSV.
wrk_run() {
  local lua=()
  [[ -n ${3:-} ]] && lua=(-s "$3")
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "${lua[@]}" "$2" >"$OUT/wrk-$1.txt"
  awk -v name="$1" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    END { printf "%s\t%.0f\t%.2f\t%d\n", name, rps, p99, bad + 0 }' "$OUT/wrk-$1.txt"
}

PEAK_WRK=""
PEAK_FLOOD=""
PEAK_SQLITE_CACHE=""
if [[ -z $SEARCH_ONLY ]]; then
printf 'SQLite, cache on: verification by ID against nginx (%s pairs of %s)...\n' 3 "$DURATION" >&2
start_app sqlite "$SQLITE_CS" true sqlite-cache
mkdir -p "$OUT/nginx/www${VERIFY_PATH%/*}" "$OUT/nginx/logs"
curl -fsS -D "$OUT/verification.headers" "$APP_URL$VERIFY_PATH" -o "$OUT/nginx/www$VERIFY_PATH"
CONTENT_TYPE=$(awk -F': ' 'tolower($1) == "content-type" { sub(/\r$/, "", $2); print $2 }' "$OUT/verification.headers")
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile off;
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  keepalive_timeout 3600s;
  keepalive_requests 100000000;
  client_body_temp_path $OUT/nginx/client_body;
  proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fastcgi;
  uwsgi_temp_path $OUT/nginx/uwsgi;
  scgi_temp_path $OUT/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT/nginx/www;
    location / { types { } default_type "$CONTENT_TYPE"; }
  }
}
EOF
"$NGINX" -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" &
NGINX_PID=$!
sleep 0.5
cmp -s <(curl -fsS "$NGINX_URL$VERIFY_PATH") <(curl -fsS "$APP_URL$VERIFY_PATH") || die "nginx does not serve the app's bytes"
curl -fsS -D - -o /dev/null "$NGINX_URL$VERIFY_PATH" >"$OUT/nginx.headers"
dotnet "$FLOOR_DLL" "$OUT/nginx/www$VERIFY_PATH" "$CONTENT_TYPE" "$FLOOR_URL" >"$OUT/floor.log" 2>&1 &
FLOOR_PID=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$FLOOR_URL$VERIFY_PATH" 2>/dev/null && break; sleep 0.2; done
cmp -s <(curl -fsS "$FLOOR_URL$VERIFY_PATH") <(curl -fsS "$APP_URL$VERIFY_PATH") || die "KestrelFloor does not serve the app's bytes"

# Warm-up (JIT and its later tiers, connection set-up), not reported.
wrk -t1 -c"$CONNECTIONS" -d10s "$APP_URL$VERIFY_PATH" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d5s "$FLOOR_URL$VERIFY_PATH" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d5s "$NGINX_URL$VERIFY_PATH" >/dev/null
: >"$OUT/wrk.tsv"
for pair in 1 2 3; do
  wrk_run "nginx-$pair" "$NGINX_URL$VERIFY_PATH" >>"$OUT/wrk.tsv"
  wrk_run "floor-$pair" "$FLOOR_URL$VERIFY_PATH" >>"$OUT/wrk.tsv"
  wrk_run "app-$pair" "$APP_URL$VERIFY_PATH" >>"$OUT/wrk.tsv"
done
kill "$FLOOR_PID" 2>/dev/null || true
FLOOR_PID=
PEAK_WRK=$(peak_kib)

printf 'Random unknown IDs (the cache must stay bounded)...\n' >&2
cat >"$OUT/flood.lua" <<'EOF'
math.randomseed(7)
request = function()
  return wrk.format(nil, string.format("/api/v1/register/verifications/2026LVL01FLOOD%09d", math.random(1, 999999999)))
end
EOF
wrk_run flood "$APP_URL" "$OUT/flood.lua" >"$OUT/flood.tsv"
PEAK_FLOOD=$(peak_kib)

printf 'Status changes by another process (SQLite)...\n' >&2
: >"$OUT/change.tsv"
for id in "${CHANGE_IDS[@]}"; do
  dotnet "$BENCH_DLL" register-change sqlite "$SQLITE_CS" "$id" suspended "$APP_URL/api/v1/register/verifications/$id" >"$OUT/change-sqlite-$id.tsv"
  printf 'sqlite\t%s\t%s\t%s\t%s\n' "$id" "$(awk -F'\t' '$1 == "seen" { print $2 }' "$OUT/change-sqlite-$id.tsv")" \
    "$(awk -F'\t' '$1 == "ms" { print $2 }' "$OUT/change-sqlite-$id.tsv")" "$(awk -F'\t' '$1 == "requests" { print $2 }' "$OUT/change-sqlite-$id.tsv")" >>"$OUT/change.tsv"
done

printf 'Search, SQLite, cache on...\n' >&2
dotnet "$BENCH_DLL" register-search "$APP_URL" --rounds "$SEARCH_ROUNDS" --warmup "$SEARCH_WARMUP" >"$OUT/search-sqlite-cache.tsv"
PEAK_SQLITE_CACHE=$(peak_kib)
stop_app
kill "$NGINX_PID" 2>/dev/null || true
wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=""
fi

printf 'Search, SQLite, cache off...\n' >&2
start_app sqlite "$SQLITE_CS" false sqlite-nocache
dotnet "$BENCH_DLL" register-search "$APP_URL" --rounds "$SEARCH_ROUNDS" --warmup "$SEARCH_WARMUP" >"$OUT/search-sqlite.tsv"
PEAK_SQLITE=$(peak_kib)
stop_app

PEAK_PG=""
PEAK_PG_CACHE=""
if ((PG_STARTED)); then
  printf 'Search, PostgreSQL, cache off...\n' >&2
  start_app postgres "$PG_CS" false postgres-nocache
  dotnet "$BENCH_DLL" register-search "$APP_URL" --rounds "$SEARCH_ROUNDS" --warmup "$SEARCH_WARMUP" >"$OUT/search-postgres.tsv"
  PEAK_PG=$(peak_kib)
  stop_app
fi

if ((PG_STARTED)) && [[ -z $SEARCH_ONLY ]]; then
  printf 'Status changes by another process (PostgreSQL)...\n' >&2
  start_app postgres "$PG_CS" true postgres-cache
  wrk -t1 -c"$CONNECTIONS" -d5s "$APP_URL$VERIFY_PATH" >/dev/null
  wrk_run "app-postgres" "$APP_URL$VERIFY_PATH" >"$OUT/wrk-postgres.tsv"
  for id in "${CHANGE_IDS[@]}"; do
    dotnet "$BENCH_DLL" register-change postgres "$PG_CS" "$id" suspended "$APP_URL/api/v1/register/verifications/$id" >"$OUT/change-postgres-$id.tsv"
    printf 'postgres\t%s\t%s\t%s\t%s\n' "$id" "$(awk -F'\t' '$1 == "seen" { print $2 }' "$OUT/change-postgres-$id.tsv")" \
      "$(awk -F'\t' '$1 == "ms" { print $2 }' "$OUT/change-postgres-$id.tsv")" "$(awk -F'\t' '$1 == "requests" { print $2 }' "$OUT/change-postgres-$id.tsv")" >>"$OUT/change.tsv"
  done
  PEAK_PG_CACHE=$(peak_kib)
  stop_app
fi

LOAD_AFTER=$(load)

# ---------------------------------------------------------------------------------------------------------------------
# Report
mib() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }' || printf 'n/a'; }
{
  printf '## Public register (issue 7): run of %s\n\n' "$STARTED"
  printf 'Load average (1, 5, 15 min) before: %s, after: %s. %s cores. wrk -t1 -c%s -d%s --latency.\n\n' "$LOAD_BEFORE" "$LOAD_AFTER" "$(nproc)" "$CONNECTIONS" "$DURATION"
  printf 'Data (SQLite): %s\n\n' "$(awk -F'\t' '{ printf "%s %s; ", $1, $2 }' "$OUT/data-sqlite.tsv")"
  [[ -f $OUT/data-postgres.tsv ]] && printf 'Data (PostgreSQL): %s\n\n' "$(awk -F'\t' '{ printf "%s %s; ", $1, $2 }' "$OUT/data-postgres.tsv")"

  if [[ -z $SEARCH_ONLY ]]; then
  printf '### Verification by ID: app (SQLite, cache on) against nginx, same bytes (%s bytes)\n\n' "$(wc -c <"$OUT/nginx/www$VERIFY_PATH")"
  printf '| Pair | nginx req/s | bare Kestrel req/s | app req/s | app ÷ nginx | bare Kestrel ÷ nginx | nginx p99 ms | bare Kestrel p99 ms | app p99 ms |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
  for pair in 1 2 3; do
    awk -F'\t' -v p="$pair" '$1 == "nginx-" p { nr = $2; np = $3 } $1 == "floor-" p { fr = $2; fp = $3 } $1 == "app-" p { ar = $2; ap = $3; bad = $4 }
      END { printf "| %s | %d | %d | %d | **%.2f** | %.2f | %.2f | %.2f | **%.2f**%s |\n", p, nr, fr, ar, ar / nr, fr / nr, np, fp, ap, bad ? " (" bad " errors)" : "" }' "$OUT/wrk.tsv"
  done
  awk -F'\t' '$1 ~ /^nginx/ { n += $2 } $1 ~ /^floor/ { f += $2 } $1 ~ /^app-[0-9]/ { a += $2 }
    END { printf "\nSum of the three runs: app ÷ nginx = **%.2f**; bare Kestrel ÷ nginx = %.2f; app ÷ bare Kestrel = %.2f.\n\n", a / n, f / n, a / f }' "$OUT/wrk.tsv"
  [[ -f $OUT/wrk-postgres.tsv ]] && awk -F'\t' '{ printf "The same on PostgreSQL (cache on, one run): %d req/s, p99 %.2f ms.\n\n", $2, $3 }' "$OUT/wrk-postgres.tsv"
  awk -F'\t' '{ printf "Random unknown IDs (wrk, one run): %d req/s, p99 %.2f ms.\n\n", $2, $3 }' "$OUT/flood.tsv"

  printf '### A status change made by another process\n\n| Database | ID | seen | ms from commit to the new answer | requests |\n|---|---|---|---:|---:|\n'
  awk -F'\t' '{ printf "| %s | %s | %s | **%s** | %s |\n", $1, $2, $3, $4, $5 }' "$OUT/change.tsv"
  fi

  for f in search-sqlite search-postgres search-sqlite-cache; do
    [[ -f $OUT/$f.tsv ]] || continue
    case $f in
      search-sqlite) title="SQLite, cache off (every request reaches the database)" ;;
      search-postgres) title="PostgreSQL, cache off" ;;
      *) title="SQLite, cache on (repeated searches)" ;;
    esac
    printf '\n### Search over HTTP: %s\n\n| Search | requests | p50 ms | p95 ms | p99 ms | max ms | matches |\n|---|---:|---:|---:|---:|---:|---:|\n' "$title"
    awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | **%s** | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$OUT/$f.tsv"
  done

  printf '\n### Peak RSS of the app (VmHWM)\n\n| Run | after | VmHWM |\n|---|---|---:|\n'
  printf '| SQLite, cache on | wrk (verification) | %s |\n' "$(mib "$PEAK_WRK")"
  printf '| SQLite, cache on | + random-ID flood | %s |\n' "$(mib "$PEAK_FLOOD")"
  printf '| SQLite, cache on | + status changes and searches | %s |\n' "$(mib "$PEAK_SQLITE_CACHE")"
  printf '| SQLite, cache off | searches | %s |\n' "$(mib "$PEAK_SQLITE")"
  printf '| PostgreSQL, cache off | searches | %s |\n' "$(mib "$PEAK_PG")"
  printf '| PostgreSQL, cache on | wrk + status changes | %s |\n' "$(mib "$PEAK_PG_CACHE")"
} | tee "$OUT/report.md"
