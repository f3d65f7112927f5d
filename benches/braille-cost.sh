#!/usr/bin/env bash
# What Braille costs a build at size L (issue #16 asks at most +20%):
# release builds of the gen-corpus L site, each into a new empty folder,
# in turns: `braille: false`, `braille: true` with an empty translation
# cache (a clean build), and `braille: true` again with the cache the
# clean build left (a rebuild). Prints the median wall time and user+sys
# CPU time of each, and the load average before and after.
#
#   benches/braille-cost.sh              # RUNS=3, corpus made in WORK
#   RUNS=5 SITE=/tmp/l benches/braille-cost.sh   # an L site made before
#
# Needs liblouis (`lou_translate`). Outputs are deleted only at the end
# (see README, "SETTLE": deleting big folders slows the next build down).
set -euo pipefail
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."
command -v lou_translate >/dev/null || { echo "needs liblouis: sudo apt-get install liblouis-bin liblouis-data" >&2; exit 2; }
cargo build --release -q --bin easyinfo --example gen-corpus
BIN=$PWD/target/release/easyinfo
WORK=${WORK:-$(mktemp -d /tmp/braille-cost.XXXXXX)}
if [ -z "${SITE:-}" ]; then
  SITE=$WORK/corpus
  target/release/examples/gen-corpus --guides 1000 --services 10000 --terms 300 --out "$SITE" >/dev/null
fi
for mode in off on; do
  rm -rf "$WORK/$mode"
  cp -a "$SITE" "$WORK/$mode"
  grep -v '^braille:' "$SITE/site.yaml" > "$WORK/$mode/site.yaml"
  [ "$mode" = off ] && echo "braille: false" >> "$WORK/$mode/site.yaml" || echo "braille: true" >> "$WORK/$mode/site.yaml"
  rm -rf "$WORK/$mode/.easyinfo-cache"
done

build() { # site out
  (cd "$1" && /usr/bin/time -o "$2.time" -f '%e %U %S' "$BIN" build --out "$2" >/dev/null 2>"$2.log") || { cat "$2.log" >&2; exit 1; }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$2.time"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

rm -f "$WORK"/*.times
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# One untimed build of each, so the disk cache holds the inputs.
build "$WORK/off" "$WORK/warmup-off" >/dev/null
sync
for i in $(seq "$RUNS"); do
  build "$WORK/off" "$WORK/out-off-$i" >> "$WORK/off.times"
  rm -rf "$WORK/on/.easyinfo-cache"
  build "$WORK/on" "$WORK/out-clean-$i" >> "$WORK/clean.times"
  build "$WORK/on" "$WORK/out-warm-$i" >> "$WORK/warm.times"
  sync
  echo "run $i: off $(tail -1 "$WORK/off.times"), clean $(tail -1 "$WORK/clean.times"), rebuild $(tail -1 "$WORK/warm.times") (wall, cpu s); load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
brf=$(find "$WORK/out-clean-1/braille" -name '*.brf' | wc -l)
[ "$brf" -gt 0 ] || { echo "no BRF files were made" >&2; exit 1; }
cmp -s <(cd "$WORK/out-clean-1" && find braille -name '*.brf' -exec cat {} +) <(cd "$WORK/out-warm-1" && find braille -name '*.brf' -exec cat {} +) \
  && same="the same bytes" || same="DIFFERENT"
off_cpu=$(awk '{ print $2 }' "$WORK/off.times" | median)
printf '\n| median of %s | wall s | user+sys CPU s | CPU vs braille: false |\n|---|---:|---:|---:|\n' "$RUNS"
for m in off clean warm; do
  wall=$(awk '{ print $1 }' "$WORK/$m.times" | median)
  cpu=$(awk '{ print $2 }' "$WORK/$m.times" | median)
  name=$([ $m = off ] && echo '`braille: false`' || { [ $m = clean ] && echo '`braille: true`, empty cache' || echo '`braille: true`, rebuild (cache warm)'; })
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v o="$off_cpu" 'BEGIN { printf "| %s | %.1f | %.1f | %+.0f%% |\n", n, w, c, (c / o - 1) * 100 }'
done
echo
echo "$brf BRF files; clean build and rebuild made $same; cache $(du -h "$WORK/on/.easyinfo-cache/braille/lines" | cut -f1)"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
