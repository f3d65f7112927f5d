#!/usr/bin/env bash
# Run every fuzz target for a short, bounded time (default 20 s each), one
# after another. For CI: exits non-zero if any target finds a crash.
#
#   fuzz/run-ci.sh            # 20 s per target
#   FUZZ_SECONDS=60 fuzz/run-ci.sh guide glossary
#
# cargo-fuzz needs nightly compiler features (sanitizers, -Z flags). On a
# stable toolchain, RUSTC_BOOTSTRAP=1 unlocks them; set FUZZ_TOOLCHAIN=nightly
# to use a nightly toolchain instead when one is installed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
SECONDS_EACH=${FUZZ_SECONDS:-20}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(guide glossary service hsds)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install --locked cargo-fuzz
fi

if [ -n "${FUZZ_TOOLCHAIN:-}" ]; then
  FUZZ=(cargo "+$FUZZ_TOOLCHAIN" fuzz)
else
  export RUSTC_BOOTSTRAP=1
  FUZZ=(cargo fuzz)
fi

status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t"
  args=(-max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  [ -f "$t.dict" ] && args+=(-dict="$t.dict")
  echo "==> fuzz $t for ${SECONDS_EACH}s" >&2
  if ! "${FUZZ[@]}" run "$t" "corpus/$t" "seeds/$t" -- "${args[@]}"; then
    echo "fuzz: $t found a problem; the input is in fuzz/artifacts/$t/" >&2
    status=1
  fi
done
exit $status
