#!/usr/bin/env bash
# Measures the HTML report in headless Chromium at 390 px (a phone) and 1400 px (a desktop): the page's
# document.documentElement.scrollWidth must not exceed the viewport (no page-level horizontal overflow;
# wide tables scroll inside their own box), and it takes screenshots to look at.
#
#   bench/html-width.sh [REPORT.html] [OUTDIR]
#
# Without REPORT it renders the sample (scan --format html). Screenshots and the measured copies go to
# OUTDIR (default target/html-width/), never into the repository. The report itself has no script: the
# measuring script is added to a copy only. Exit 0 when both widths fit, 1 when one overflows, 2 when
# Chromium is missing (apt-get install chromium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$here/target/html-width}"
mkdir -p "$out"
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$chrome" ]]; then
  echo "html-width: no chromium on PATH; install it (apt-get install chromium) to measure the report" >&2
  exit 2
fi
report="${1:-}"
if [[ -z "$report" ]]; then
  report="$out/sample.html"
  "$here/authaudit" scan --tz America/New_York --no-history --format html --out "$report" \
    "$here/test-fixtures/sample" 2>/dev/null
fi
if grep -qi '<script' "$report"; then
  echo "html-width: $report contains a script; the report must have none" >&2
  exit 1
fi
# Headless Chromium will not make a window narrower than 500 px, so the report is measured inside an
# iframe of the wanted width, from a wrapper page allowed to read the frame (a file of ours, not the web).
status=0
for w in 390 1400; do
  frame="$out/frame-$w.html"
  cp "$report" "$out/report-copy.html"
  cat > "$frame" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="r" src="report-copy.html" style="border:0;width:${w}px;height:2400px"></iframe>
<script>
document.getElementById("r").addEventListener("load", function () {
  var d = this.contentDocument.documentElement, small = 0;
  this.contentDocument.querySelectorAll("svg text").forEach(function (t) {
    var h = t.getBoundingClientRect().height; if (h > 0 && h < 8) { small++; }
  });
  document.body.setAttribute("data-scroll-width", d.scrollWidth);
  document.body.setAttribute("data-client-width", d.clientWidth);
  document.body.setAttribute("data-tiny-chart-text", small);
});
</script></body></html>
HTML
  flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files
         --disable-web-security --user-data-dir="$out/profile" --virtual-time-budget=3000)
  dom="$("$chrome" "${flags[@]}" --window-size="$((w < 500 ? 500 : w)),900" --dump-dom "file://$frame" 2>/dev/null)"
  sw="$(grep -o 'data-scroll-width="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || true)"
  cw="$(grep -o 'data-client-width="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || true)"
  tiny="$(grep -o 'data-tiny-chart-text="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || true)"
  "$chrome" "${flags[@]}" --window-size="$((w < 500 ? 500 : w)),2400" --screenshot="$out/report-$w.png" \
    "file://$frame" >/dev/null 2>&1 || true
  verdict=ok
  if [[ -z "$sw" || "$sw" -gt "$cw" ]]; then verdict=OVERFLOW; status=1; fi
  printf 'width %4s px: scrollWidth %s, clientWidth %s, chart labels under 8 px: %s -> %s (screenshot %s)\n' \
    "$w" "${sw:-?}" "${cw:-?}" "${tiny:-?}" "$verdict" "$out/report-$w.png"
done
exit $status
