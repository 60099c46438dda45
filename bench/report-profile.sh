#!/usr/bin/env bash
# Where our PDF renderer's time goes (issue 6, BENCHMARKS.md): samples `Adhere.Bench report` with dotnet-trace (our
# renderer only, no Chromium or LibreOffice) and prints, as Markdown, the share of the time inside
# PdfReportRenderer.Render that each part takes, inclusive of what it calls. dotnet-trace is installed from NuGet into
# .tmp/tools on first use; the trace stays in .tmp/bench/profile/.
#
# Knobs: BENCH_PROFILE_ROUNDS (default 60), BENCH_REPORT_WARMUP (5). The shares include the warm-up renders.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly OUT=$PWD/.tmp/bench/profile
readonly TOOLS=$PWD/.tmp/tools
readonly DLL=$PWD/bench/Adhere.Bench/bin/Release/net10.0/Adhere.Bench.dll
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

mkdir -p "$OUT"
rm -f "$OUT"/*.nettrace "$OUT"/*.json
[[ -x $TOOLS/dotnet-trace ]] || dotnet tool install --tool-path "$TOOLS" dotnet-trace >"$OUT/tool.log" 2>&1 ||
  { cat "$OUT/tool.log" >&2; exit 1; }
dotnet build bench/Adhere.Bench/Adhere.Bench.csproj -c Release -nologo -nodeReuse:false >"$OUT/build.log" 2>&1 ||
  { tail -n 20 "$OUT/build.log" >&2; exit 1; }

(cd "$OUT" && "$TOOLS/dotnet-trace" collect --format speedscope -o report.nettrace -- \
  dotnet "$DLL" report --no-chromium --no-libreoffice --rounds "${BENCH_PROFILE_ROUNDS:-60}" --warmup "${BENCH_REPORT_WARMUP:-5}" --out "$OUT/pdf" \
  >"$OUT/trace.log" 2>&1)

# Counts each sample whose stack passes through PdfReportRenderer.Render towards every part one of its frames belongs to.
python3 - "$OUT/report.speedscope.json" <<'EOF'
import collections, json, sys

parts = [
    ("Layout, all passes (`PdfLayout.Run`)", ["PdfLayout.Run("]),
    ("… of which measuring words (`FontCatalog.Measure`)", ["FontCatalog.Measure("]),
    ("… of which wrapping lines (`PdfLayout.Wrap`)", ["PdfLayout.Wrap("]),
    ("Drawing the laid-out pages (`PdfReportRenderer.Draw`)", ["PdfReportRenderer.Draw("]),
    ("… of which PDFsharp's text drawing (`DrawString`)", ["DrawString("]),
    ("Cover, running headers and footers", ["PdfReportRenderer.DrawHeaderAndFooter(", "PdfReportRenderer.DrawCover("]),
    ("Saving (`PdfDocument.Save`)", ["PdfDocument.Save(", "PdfDocument.DoSaveAsync(", "PdfDocument+<DoSaveAsync>"]),
    ("… of which deflate (`FlateDecode.Encode`)", ["FlateDecode.Encode("]),
    ("… of which font subsets (`PdfFontTable.PrepareForSave`)", ["PdfFontTable.PrepareForSave("]),
    ("Pinning subset tags and XMP IDs (`PinRandomNames`)", ["PdfReportRenderer.PinRandomNames("]),
    ("Garbage collection reached from the render (`PollGC`)", ["PollGC"]),
    ("Float formatting (`Number.FormatFloat`, mostly PDFsharp's content streams)", ["System.Number.FormatFloat("]),
]
profile = json.load(open(sys.argv[1]))
frames = [f["name"] for f in profile["shared"]["frames"]]
member = [[any(k in name for k in keys) for name in frames] for _, keys in parts]
shares, total = collections.Counter(), 0.0
for thread in profile["profiles"]:
    if thread["type"] != "evented":
        continue
    stack, last = [], None
    for event in thread["events"]:
        if stack and last is not None:
            roots = [k for k, i in enumerate(stack) if "PdfReportRenderer.Render(" in frames[i]]
            if roots:
                duration = event["at"] - last
                total += duration
                below = stack[roots[0]:]
                for p in range(len(parts)):
                    if any(member[p][i] for i in below):
                        shares[p] += duration
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            stack.pop()

print(f"Time inside `PdfReportRenderer.Render`: {total:.0f} ms in all, over the warm-up and measured renders.\n")
print("| Part | Share of the render |")
print("|---|---:|")
for p, (label, _) in enumerate(parts):
    print(f"| {label} | {100 * shares[p] / total:.0f}% |")
EOF
