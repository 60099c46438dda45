#!/usr/bin/env bash
# Benchmarks the PDF report (issue 6, BENCHMARKS.md): our renderer (PDFsharp, PdfReportRenderer) against a warm
# headless Chromium (Playwright's PdfAsync) and LibreOffice (soffice --convert-to pdf), the two of them turning our
# HTML rendering of the same report into PDF.
#   1. builds bench/Adhere.Bench in Release (it is not in Adhere.slnx: CI neither builds nor runs it);
#   2. checks the synthetic report is the seed's size (pages, services, categories, controls);
#   3. wall time and allocations of the three engines, warm, interleaved round by round in one process;
#   4. peak RSS of our renderer, cold, in a fresh process under /usr/bin/time -v (median of several processes);
#   5. the page count each engine produced (pdfinfo);
# and prints the results as Markdown. Raw output and the PDFs stay in .tmp/bench/report/.
#
#   bench/report.sh
#
# Knobs: BENCH_REPORT_ROUNDS (default 20) and BENCH_REPORT_WARMUP (3) for step 3, BENCH_PEAK_RUNS (3) for step 4,
# BENCH_SKIP_LIBREOFFICE=1 to leave LibreOffice out (it takes about 3 s per conversion, most of a run's time).
# Chromium is Debian's /usr/bin/chromium (or ADHERE_CHROMIUM); Playwright never downloads a browser here.
# Other work on the machine skews absolute times; the ratios hold up better, since the engines are interleaved.
# Run it two or three times and compare; the load average is printed before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly ROOT=$PWD
readonly OUT=$ROOT/.tmp/bench/report
readonly DLL=bench/Adhere.Bench/bin/Release/net10.0/Adhere.Bench.dll
readonly ROUNDS=${BENCH_REPORT_ROUNDS:-20}
readonly WARMUP=${BENCH_REPORT_WARMUP:-3}
readonly PEAK_RUNS=${BENCH_PEAK_RUNS:-3}
readonly PEAK_MODES=(none ours)
readonly CHROMIUM=${ADHERE_CHROMIUM:-/usr/bin/chromium}

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

die() {
  printf 'bench/report.sh: %s\n' "$*" >&2
  exit 1
}

if (($# > 0)); then die "usage: bench/report.sh (knobs are environment variables, see the header)"; fi

# Installs Debian packages when running as root; returns non-zero when it cannot.
apt_install() {
  [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1 || return 1
  printf 'Installing the Debian package(s) %s...\n' "$*" >&2
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; } >"$OUT/apt.log" 2>&1
}

mkdir -p "$OUT"
rm -f "$OUT"/*.tsv "$OUT"/*.txt "$OUT"/*.md "$OUT"/*.pdf

if [[ ! -x /usr/bin/time ]]; then
  apt_install time || die "/usr/bin/time is missing (GNU time measures peak RSS): sudo apt-get install time"
fi
if ! command -v pdfinfo >/dev/null 2>&1; then
  apt_install poppler-utils || die "pdfinfo is missing (it counts the pages): sudo apt-get install poppler-utils"
fi
[[ -x $CHROMIUM ]] || apt_install chromium || die "no Chromium at $CHROMIUM: sudo apt-get install chromium"

ENGINES=()
LIBREOFFICE_NOTE=""
if [[ ${BENCH_SKIP_LIBREOFFICE:-0} == 1 ]]; then
  ENGINES+=(--no-libreoffice)
  LIBREOFFICE_NOTE="LibreOffice was left out (BENCH_SKIP_LIBREOFFICE=1)."
elif ! command -v soffice >/dev/null 2>&1 && ! apt_install libreoffice-writer-nogui; then
  ENGINES+=(--no-libreoffice)
  LIBREOFFICE_NOTE="LibreOffice is not installed and could not be installed (libreoffice-writer-nogui): its column is missing."
fi

printf 'Building bench/Adhere.Bench (Release)...\n' >&2
dotnet build bench/Adhere.Bench/Adhere.Bench.csproj -c Release -nologo -nodeReuse:false >"$OUT/build.log" 2>&1 ||
  { tail -n 20 "$OUT/build.log" >&2; die "the build failed (see .tmp/bench/report/build.log)"; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(load)

dotnet "$DLL" report-shape >"$OUT/shape.tsv"

printf 'Wall time: %s warm-up and %s measured rounds of each engine...\n' "$WARMUP" "$ROUNDS" >&2
dotnet "$DLL" report --rounds "$ROUNDS" --warmup "$WARMUP" --out "$OUT" "${ENGINES[@]}" >"$OUT/time.tsv" 2>"$OUT/time.err" ||
  { cat "$OUT/time.err" >&2; die "the timing run failed"; }

printf 'Peak RSS: %s process(es) per mode...\n' "$PEAK_RUNS" >&2
for mode in "${PEAK_MODES[@]}"; do
  for ((run = 1; run <= PEAK_RUNS; run++)); do
    /usr/bin/time -v -o "$OUT/peak-$mode-$run.txt" dotnet "$DLL" report-peak "$mode" >"$OUT/peak-$mode-$run.tsv"
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/peak-$mode-$run.txt")
    # mode, peak RSS (KiB), managed bytes allocated by the render, its wall time (ms), cold
    printf '%s\t%s\t%s\n' "$mode" "$kb" "$(cut -f2,3 "$OUT/peak-$mode-$run.tsv")" >>"$OUT/peak.tsv"
  done
done

LOAD_AFTER=$(load)

pages() { [[ -f $1 ]] && pdfinfo "$1" | awk '/^Pages:/ { print $2 }' || printf '–'; }
for engine in ours chromium libreoffice; do
  printf '%s\t%s\n' "$engine" "$(pages "$OUT/report-$engine.pdf")" >>"$OUT/pages.tsv"
done

# ---------------------------------------------------------------------------------------------------------------------
# Report

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
chromium_version=$(sed -n 's/^Chromium //p' "$OUT/time.err" | head -n 1)
soffice_version=$(command -v soffice >/dev/null 2>&1 && soffice --version 2>/dev/null | head -n 1 || printf 'not installed')
shape=$(awk -F'\t' '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }' "$OUT/shape.tsv")
cat <<EOF
### Run started $STARTED

Machine: $(nproc) cores ($cpu), $mem RAM, .NET SDK $(dotnet --version), $(uname -sr).
Chromium ${chromium_version:-?} (headless, via Playwright), ${soffice_version}.
The synthetic report: $shape.
Load average (1, 5, 15 min): before $LOAD_BEFORE, after $LOAD_AFTER.
${LIBREOFFICE_NOTE}

**Ratios** (how many times longer than our renderer; median ÷ median and min ÷ min):

| Engine | Median ÷ ours | Min ÷ ours | Pages |
|---|---:|---:|---:|
EOF
awk -F'\t' -v pages="$OUT/pages.tsv" '
  BEGIN { while ((getline line < pages) > 0) { split(line, p, "\t"); count[p[1]] = p[2] } }
  NR == 1 { next }
  { median[$1] = $2; min[$1] = $4 }
  END {
    names["ours"] = "ours: `PdfReportRenderer.Render`"
    names["chromium"] = "warm Chromium: `SetContentAsync` + `PdfAsync`"
    names["libreoffice"] = "LibreOffice: `soffice --convert-to pdf`, a process per document"
    n = split("ours chromium libreoffice", order, " ")
    for (i = 1; i <= n; i++) {
      e = order[i]; if (!(e in median)) continue
      printf "| %s | **%.1f×** | %.1f× | %s |\n", names[e], median[e] / median["ours"], min[e] / min["ours"], count[e]
    }
  }' "$OUT/time.tsv"

cat <<EOF

**Wall time, warm** ($ROUNDS rounds after $WARMUP warm-up rounds; the engines interleaved in one process; the HTML
is rendered once before the rounds, its own time is the second row; CPU time is this process's, all threads, so it is
given for our renderer only):

| Operation | Median ms | p90 ms | Min ms | Max ms | Median, 1st half / 2nd half of the rounds | CPU ms, median | Allocated per call (managed, this process) | Output |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
awk -F'\t' '
  function size(bytes) { return bytes < 1048576 ? sprintf("%.1f KiB", bytes / 1024) : sprintf("%.2f MiB", bytes / 1048576) }
  NR == 1 { next }
  {
    name = $1 == "ours" ? "ours: PDF from the document" : $1 == "chromium" ? "warm Chromium: PDF from our HTML" : $1 == "libreoffice" ? "LibreOffice: PDF from our HTML" : "(our HTML rendering, for reference)"
    cpu = $11 == "" ? "" : sprintf("%.1f", $11)
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f | %s | %s | %s |\n", name, $2, $3, $4, $5, $8, $9, cpu, size($6), size($10)
  }' "$OUT/time.tsv"

cat <<EOF

**Peak memory of our renderer, cold**, each mode in a fresh process (\`dotnet $DLL report-peak MODE\` under
\`/usr/bin/time -v\`; median of $PEAK_RUNS processes):

| Mode | Maximum RSS | Above the floor | Allocated (managed) | Wall time of the call (cold) |
|---|---:|---:|---:|---:|
EOF
awk -F'\t' '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { rss[$1] = rss[$1] " " $2; alloc[$1] = alloc[$1] " " $3; ms[$1] = ms[$1] " " $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    names["none"] = "floor: build the document, render nothing"
    names["ours"] = "build the document + `PdfReportRenderer.Render` once"
    floor = median(rss["none"])
    for (i = 1; i <= n; i++) {
      m = order[i]; r = median(rss[m])
      above = m == "none" ? "" : sprintf("%.1f MiB", (r - floor) / 1024)
      printf "| %s | %.1f MiB | %s | %.2f MiB | %.0f ms |\n", names[m], r / 1024, above, median(alloc[m]) / 1048576, median(ms[m])
    }
  }' "$OUT/peak.tsv"
