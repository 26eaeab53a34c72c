#!/usr/bin/env bash
# Peak RSS and time of orglint builds on trees of files dense with values, one to sixteen threads:
# what the loader's parse budget (MAX_PARSE_COST in src/limits.rs) holds whatever the cores.
#
#     bash benches/gen/parse_budget.sh [OUT_DIR] BIN...
#
# Writes under OUT_DIR (default /tmp/parse-budget; about 180 MB): `dense`, 24 files of 3.8 MB
# that are each `x = [1,1,...]` of 1.9 M values (under the 2,000,000 of MAX_VALUES); `dense-1mb`,
# 64 such files of 1 MB; `keys`, 24 files of 125,000 unknown top-level keys (1.1 MB each), whose
# findings the run keeps until they are cut to 100 a file, so that its memory is what a run keeps
# rather than what it parses. Then prints a Markdown table: input, RAYON_NUM_THREADS, then for
# each build the seconds and the peak RSS (`/usr/bin/time`), run one after the other. Each run
# may use at most 16 GiB of address space. Needs python3 and GNU time.
set -uo pipefail
out=${1:-/tmp/parse-budget}
shift
mkdir -p "$out"

python3 - "$out" <<'EOF'
import os, sys
out = sys.argv[1]
def tree(name, files, text):
    d = os.path.join(out, name)
    if os.path.exists(d):
        return
    os.makedirs(d)
    for i in range(files):
        with open(os.path.join(d, f"f{i:02}.toml"), "w") as f:
            f.write(text)
tree("dense", 24, "x = [" + ",".join(["1"] * 1_900_000) + "]\n")
tree("dense-1mb", 64, "x = [" + ",".join(["1"] * 500_000) + "]\n")
tree("keys", 24, "".join(f"k{i}=1\n" for i in range(125_000)))
EOF

run() { # BIN DIR THREADS -> "secs s | rss MB"
  (ulimit -v 16777216; RAYON_NUM_THREADS=$3 /usr/bin/time -o "$out/time" -f '%e %M' "$1" check --format json "$2" \
    >/dev/null 2>&1)
  local secs rss
  read -r secs rss < <(grep -E '^[0-9.]+ [0-9]+$' "$out/time")
  echo "$secs s | $((rss / 1024)) MB"
}

header="| input | threads |"
rule="|---|---|"
for bin in "$@"; do
  header="$header $bin time | $bin peak RSS |"
  rule="$rule---|---|"
done
echo "$header"
echo "$rule"
for input in dense dense-1mb keys; do
  for threads in 1 2 4 16; do
    line="| $input | $threads |"
    for bin in "$@"; do
      line="$line $(run "$bin" "$out/$input" "$threads") |"
    done
    echo "$line"
  done
done
