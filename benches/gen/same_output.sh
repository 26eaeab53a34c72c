#!/bin/bash
# The documented check that a performance change changes no output (BENCHMARKS.md, "Same
# output"): runs two builds of orglint on the example org, every fixture and the real orgs (every
# format of `check`, `report` and `graph`, with exit codes), the generated orgs and the hostile
# inputs (`HOSTILE_INPUTS`, default /tmp/orglint-hostile, written by hostile_inputs.sh), plus the
# commands that print no report, and names each difference. Run from the project root, after
# `cargo bench --bench floor` has generated target/bench-orgs/:
#     benches/gen/same_output.sh OLD_ORGLINT NEW_ORGLINT
# Prints "same" when every output is byte for byte the same, else one "DIFF: ..." line each and
# exits 1.
set -u
# Each build is run as `orglint` (help texts name the program as it was called).
links=$(mktemp -d)
trap 'rm -rf "$links"' EXIT
mkdir "$links/old" "$links/new"
ln -s "$(realpath "$1")" "$links/old/orglint"
ln -s "$(realpath "$2")" "$links/new/orglint"
old=$links/old/orglint
new=$links/new/orglint
status=0
compare() {
    a=$("$old" "$@" 2>&1; echo "exit $?")
    b=$("$new" "$@" 2>&1; echo "exit $?")
    if [ "$a" != "$b" ]; then
        echo "DIFF: $*"
        status=1
    fi
}
targets=$(ls -d fixtures/*/ fixtures/*/*/ 2>/dev/null | sed 's#/$##')
for real in ../shared/real-orgs/*/; do
    [ -d "$real" ] && targets="$targets ${real%/}"
done
for t in $targets; do
    for args in "--format human" "--format short" "--format json" "--format sarif" "--format github" \
        "--format markdown" "--format junit" "--statistics" \
        "--statistics --format json" "--format human --color always"; do
        # shellcheck disable=SC2086
        compare check "$t" $args
    done
    for args in "report --format html" "report --format markdown" "graph --format dot" \
        "graph --format mermaid"; do
        # shellcheck disable=SC2086
        compare $args "$t"
    done
done
for t in target/bench-orgs/*/; do
    compare check "${t%/}" --format json
done
# The hostile inputs of benches/gen/hostile_inputs.sh, when they were written (its OUT_DIR).
hostile=${HOSTILE_INPUTS:-/tmp/orglint-hostile}
for t in "$hostile"/*/ "$hostile"/*/*/; do
    [ -d "$t" ] || continue
    for args in "--format json" "--format human" "--format sarif"; do
        # shellcheck disable=SC2086
        compare check "${t%/}" $args
    done
done
for c in "rules" "rules --format json" "explain lone-ml-hire" "check --help" "--help" \
    "check --format bogus" "explain nope" "schema" "report --help" "report -h" \
    "report --format bogus" "graph --help" "graph --format bogus" "rules --help"; do
    # shellcheck disable=SC2086
    compare $c
done
[ $status = 0 ] && echo same
exit $status
