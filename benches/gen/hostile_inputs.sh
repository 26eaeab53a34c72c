#!/usr/bin/env bash
# Time and peak RSS of two orglint builds on every hostile input of the loader, the walk and the
# renderers, one after the other.
#
#     bash benches/gen/hostile_inputs.sh OLD_BIN NEW_BIN [OUT_DIR]
#
# Writes the inputs under OUT_DIR (default /tmp/orglint-hostile; about 400 MB) with the generators
# beside this script, then prints a Markdown table: input, format, then for each build the seconds, the
# peak RSS, the bytes written to stdout and stderr, and how many raw ESC or BEL bytes reached
# them. A run past 60 s is killed and shown as `>60`. Each run may use at most 8 GiB of address
# space (past it the build aborts, out of memory), so that an unbounded path of an old build
# cannot take the machine down. Needs python3 and GNU time (/usr/bin/time).
set -uo pipefail
old=$1
new=$2
out=${3:-/tmp/orglint-hostile}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"

gen() { [ -e "$out/$1" ] || "${@:2}" >/dev/null; }
gen scale python3 "$here/scale.py" "$out/scale"
gen loader python3 "$here/loader_inputs.py" "$out/loader"
gen long-kind python3 "$here/long_value.py" "$out/long-kind" 50
for n in 10000 20000 100000; do gen "chain$n" python3 "$here/chain.py" "$n" "$out/chain$n"; done
# 4,000 teams whose CI/CD differs from a standard at the bottom of the one file.
[ -e "$out/tooling" ] || python3 - "$out/tooling" <<'EOF'
import os, sys
d = sys.argv[1]; os.makedirs(d)
teams = "".join(
    f'[[team]]\nid = "t{i}"\nname = "T{i}"\nkind = "feature"\nfunction = "serve riders in city {i}"\n'
    f'lead = "ada"\nmembers = ["ada"]\nsyncs_with = ["t{(i + 1) % 4000}"]\n[team.tooling]\nci_cd = "jenkins"\n\n'
    for i in range(4000))
people = '[[person]]\nid = "ada"\nname = "Ada"\nrole = "software-engineer"\n\n'
org = '[org]\nname = "Acme"\nleadership = ["ada"]\n\n[org.standards]\nci_cd = "github-actions"\n'
open(os.path.join(d, "org.toml"), "w").write(people + teams + org)
EOF
# orglint.toml names a rule that is an escape sequence; a file name that forges a finding line.
[ -e "$out/inject" ] || {
  mkdir -p "$out/inject"
  printf '[rules]\n"\033]0;PWNED\007" = "off"\n' >"$out/inject/orglint.toml"
  printf '[org]\nname = "A"\n' >"$out/inject/org.toml"
}

run() { # BIN DIR FORMAT [ARGS...] -> "secs | rss | out | err"
  local bin=$1 dir=$2 fmt=$3
  shift 3
  (ulimit -v 8388608; cd "$dir" && /usr/bin/time -o /tmp/orglint-hostile.time -f '%e %M' timeout 60 "$bin" check --format "$fmt" "$@" \
    >/tmp/orglint-hostile.out 2>/tmp/orglint-hostile.err)
  local rc=$? secs rss
  read -r secs rss < <(grep -E '^[0-9.]+ [0-9]+$' /tmp/orglint-hostile.time)
  [ $rc -eq 124 ] && secs=">60"
  # Raw escape or bell bytes that reached stdout or stderr.
  local raw
  raw=$(cat /tmp/orglint-hostile.out /tmp/orglint-hostile.err | tr -cd '\033\007' | wc -c)
  echo "$secs s | $((rss / 1024)) MB | $(stat -c %s /tmp/orglint-hostile.out) B | $(stat -c %s /tmp/orglint-hostile.err) B | $raw"
}

row() { # LABEL DIR FORMAT [ARGS...]
  local label=$1
  shift
  echo "| $label | $2 | $(run "$old" "$@") | $(run "$new" "$@") |"
}

echo "| input | format | old time | old RSS | old stdout | old stderr | old raw ESC/BEL | new time | new RSS | new stdout | new stderr | new raw ESC/BEL |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
row "leak.toml -> /etc/passwd" "$out/loader/leak" human
row "p.toml -> /proc/self/pagemap" "$out/loader/pagemap" short
row "FIFO x.toml" "$out/loader/fifo" short
row "orglint.toml -> /etc/passwd" "$out/loader/config-leak" short
row "two 60 MB files" "$out/loader/big" short
row "escape sequence as a rule in orglint.toml" "$out/inject" human
row "100,000 whole-file suppressions (3.3 MB)" "$out/scale/sup-lines" short
row "one suppression naming a rule 100,000 times" "$out/scale/sup-names" short
row "members = [1, 1, ...] 31 M elements (60 MB)" "$out/scale/array" short
row "60k-char role vs 60k-char configured role" "$out/scale/long-role" short
row "10,000 long unknown reports_to" "$out/scale/long-refs" short
row "20,000 unknown rules in orglint.toml" "$out/scale/config" short
row "50 MB kind value" "$out/long-kind" short
row "reports_to chain of 10,000" "$out/chain10000" human
row "reports_to chain of 20,000" "$out/chain20000" human
row "reports_to chain of 100,000" "$out/chain100000" human
row "4,000 divergent-tooling teams" "$out/tooling" human
