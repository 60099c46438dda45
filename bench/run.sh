#!/usr/bin/env bash
# Benchmarks the catalogue import against a bare JsonDocument.Parse of the same file (issue 3, BENCHMARKS.md):
#   1. builds bench/Adhere.Bench in Release (it is not in Adhere.slnx: CI neither builds nor runs it);
#   2. wall time and managed allocations of parse, read (+ validate) and import into SQLite, warm, interleaved
#      round by round in one process;
#   3. where an import's time goes, step by step;
#   4. peak RSS of each operation, each in a fresh process under /usr/bin/time -v (median of several processes),
#      with the CLI's runtime settings (steps 2 and 3 use the runtime's defaults, as the web host does);
#      the import opens a database that an earlier, unmeasured process migrated (a fresh copy per run), as
#      'adhere catalogue import' opens one that 'adhere db migrate' prepared;
# and prints the results as Markdown. Raw output stays in .tmp/bench/.
#
#   bench/run.sh [FILE]     FILE defaults to ../shared/oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json
#
# Knobs: BENCH_ROUNDS (default 50) and BENCH_WARMUP (150) for steps 2 and 3, BENCH_PHASE_ROUNDS (20) for step 3,
# BENCH_PEAK_RUNS (3) processes per mode for step 4.
# Other work on the machine skews absolute times; the ratios hold up better, since the operations are interleaved.
# Run it two or three times and compare; the load average is printed before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly ROOT=$PWD
readonly OUT=$ROOT/.tmp/bench
readonly DLL=bench/Adhere.Bench/bin/Release/net10.0/Adhere.Bench.dll
readonly ROUNDS=${BENCH_ROUNDS:-50}
# An import calls most of its methods once, and with tiered PGO a method reaches its final code only after about 60
# calls (30 to be instrumented, 30 more, then a background compilation that waits for the JIT to go quiet): 150 warm-up
# imports put the measured rounds on the code a long-running web host runs. With 10 (until 2026-11-30 20:00 UTC) or
# 40 the measured imports still ran partly instrumented code: median 12.0 ms at 40, 10.7 at 150 (parse 3.5 in both).
readonly WARMUP=${BENCH_WARMUP:-150}
readonly PHASE_ROUNDS=${BENCH_PHASE_ROUNDS:-20}
readonly PEAK_RUNS=${BENCH_PEAK_RUNS:-3}
readonly PEAK_MODES=(none parse read setup import migrate)

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

die() {
  printf 'bench/run.sh: %s\n' "$*" >&2
  exit 1
}

if (($# > 1)); then die "usage: bench/run.sh [FILE]"; fi
FILE=${1:-$ROOT/../shared/oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json}
[[ -f $FILE ]] || die "no catalogue at $FILE (pass its path)"
FILE=$(realpath "$FILE")

if [[ ! -x /usr/bin/time ]]; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    printf 'Installing the Debian package "time" for /usr/bin/time...\n' >&2
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends time; } >/dev/null 2>&1 ||
      die "could not install the package 'time'"
  else
    die "/usr/bin/time is missing (GNU time measures peak RSS): sudo apt-get install time"
  fi
fi

mkdir -p "$OUT"
rm -f "$OUT"/*.tsv "$OUT"/*.txt "$OUT"/*.md

printf 'Building bench/Adhere.Bench (Release)...\n' >&2
dotnet build bench/Adhere.Bench/Adhere.Bench.csproj -c Release -nologo -nodeReuse:false >"$OUT/build.log" 2>&1 ||
  { tail -n 20 "$OUT/build.log" >&2; die "the build failed (see .tmp/bench/build.log)"; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(load)

# Adhere.Bench runs with the CLI's runtime settings (src/Adhere.Cli/RuntimeSettings.props), which the peak runs
# measure: a CLI import is one cold run. Warm, repeated imports are the web host's case, and the web host keeps the
# runtime's defaults, so the warm measurements put those back (environment variables win over runtimeconfig.json).
readonly WEB_HOST_RUNTIME=(DOTNET_gcConcurrent=1 DOTNET_TieredPGO=1)

printf 'Wall time: %s warm-up and %s measured rounds...\n' "$WARMUP" "$ROUNDS" >&2
env "${WEB_HOST_RUNTIME[@]}" dotnet "$DLL" time "$FILE" --rounds "$ROUNDS" --warmup "$WARMUP" >"$OUT/time.tsv"

printf 'Import steps: %s rounds...\n' "$PHASE_ROUNDS" >&2
env "${WEB_HOST_RUNTIME[@]}" dotnet "$DLL" phases "$FILE" --rounds "$PHASE_ROUNDS" --warmup "$WARMUP" >"$OUT/phases.md"

printf 'Peak RSS: %s process(es) per mode...\n' "$PEAK_RUNS" >&2
# One migrated database, made by a process of its own; every setup/import run gets a fresh copy of it.
rm -f "$OUT"/migrated.db* "$OUT"/run.db*
dotnet "$DLL" migrate "$OUT/migrated.db"
for mode in "${PEAK_MODES[@]}"; do
  for ((run = 1; run <= PEAK_RUNS; run++)); do
    database=()
    if [[ $mode == setup || $mode == import ]]; then
      rm -f "$OUT"/run.db*
      cp "$OUT/migrated.db" "$OUT/run.db"
      database=(--database "$OUT/run.db")
    fi
    /usr/bin/time -v -o "$OUT/peak-$mode-$run.txt" dotnet "$DLL" peak "$mode" "$FILE" "${database[@]}" >"$OUT/peak-$mode-$run.tsv"
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/peak-$mode-$run.txt")
    # mode, peak RSS (KiB), managed bytes allocated by the operation, its wall time (ms), cold
    printf '%s\t%s\t%s\n' "$mode" "$kb" "$(cut -f2,3 "$OUT/peak-$mode-$run.tsv")" >>"$OUT/peak.tsv"
  done
done

LOAD_AFTER=$(load)

# ---------------------------------------------------------------------------------------------------------------------
# Report

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
cat <<EOF
### Run started $STARTED

Machine: $(nproc) cores ($cpu), $mem RAM, .NET SDK $(dotnet --version), $(uname -sr).
File: \`$(basename "$FILE")\` ($(stat -c %s "$FILE") bytes).
Load average (1, 5, 15 min): before $LOAD_BEFORE, after $LOAD_AFTER.

**Wall time, warm** ($ROUNDS rounds after $WARMUP warm-up rounds; parse, read and import interleaved in one process;
the runtime's default settings, as the web host runs):

| Operation | Median ms | p90 ms | Min ms | Median ÷ parse median | Min ÷ parse min | Allocated per call (warm) |
|---|---:|---:|---:|---:|---:|---:|
EOF
awk -F'\t' '
  function size(bytes) { return bytes < 1048576 ? sprintf("%.1f KiB", bytes / 1024) : sprintf("%.2f MiB", bytes / 1048576) }
  NR == 1 { next }
  $1 == "parse" { ref = $2; refmin = $4 }
  {
    name = $1 == "parse" ? "1. parse: `JsonDocument.Parse` (reference)" : $1 == "read" ? "2. read: `OscalCatalogReader.Read` + `CatalogueValidator.Validate`" : "3. import: `ImportCatalogue.HandleAsync` into a fresh SQLite file"
    printf "| %s | %.1f | %.1f | %.1f | **%.1f×** | %.1f× | %s |\n", name, $2, $3, $4, $2 / ref, $4 / refmin, size($6)
  }' "$OUT/time.tsv"

cat <<EOF

**Peak memory and a cold first call**, each mode in a fresh process (\`dotnet $DLL peak MODE FILE\` under
\`/usr/bin/time -v\`; median of $PEAK_RUNS processes). Set-up and import open a fresh copy of a database that a
separate process migrated beforehand, as \`adhere catalogue import\` opens one that \`adhere db migrate\` prepared;
every mode with the CLI's runtime settings (\`src/Adhere.Cli/RuntimeSettings.props\`):

| Mode | Maximum RSS | ÷ parse | Above the floor | ÷ parse above the floor | Allocated by the operation (cold) | The operation's wall time (cold) |
|---|---:|---:|---:|---:|---:|---:|
EOF
awk -F'\t' '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { rss[$1] = rss[$1] " " $2; alloc[$1] = alloc[$1] " " $3; ms[$1] = ms[$1] " " $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    names["none"] = "floor: load the file, nothing else"
    names["parse"] = "1. parse"
    names["read"] = "2. read + validate"
    names["setup"] = "import set-up only: services, open the migrated database (as the CLI), no import"
    names["import"] = "3. set-up + import"
    names["migrate"] = "for comparison: services, create and migrate a new database (adhere db migrate), no import"
    floor = median(rss["none"]); ref = median(rss["parse"])
    for (i = 1; i <= n; i++) {
      m = order[i]; r = median(rss[m])
      above = m == "none" ? "" : sprintf("%.1f MiB", (r - floor) / 1024)
      ratio = m == "none" ? "" : sprintf("%.1f×", (r - floor) / (ref - floor))
      printf "| %s | %.1f MiB | %.2f× | %s | %s | %.2f MiB | %.0f ms |\n", names[m], r / 1024, r / ref, above, ratio, median(alloc[m]) / 1048576, median(ms[m])
    }
    printf "\nThe import alone, over its set-up: %.1f MiB of RSS; the parse alone, over the floor: %.1f MiB.\n", (median(rss["import"]) - median(rss["setup"])) / 1024, (ref - floor) / 1024
  }' "$OUT/peak.tsv"

cat <<EOF

**Where the import's time goes** (warm, $PHASE_ROUNDS rounds; the steps of \`ImportCatalogue\` and \`CatalogueApplier\`
replayed one by one, SQL time as EF Core reports it):

EOF
cat "$OUT/phases.md"
rm -f "$OUT"/migrated.db* "$OUT"/run.db*
