#!/usr/bin/env python3
"""Times, alternately, orglint against `taplo check` on the 100k-person tree, and the pre-commit
case (one file argument) on the 1k-person tree, with the floor of each (BENCHMARKS.md, run 3).

Run from the project root after `cargo bench --bench floor` has built the floor and generated
target/bench-orgs/:
    python3 benches/gen/taplo_precommit.py [RUNS] [ORGLINT ...]
Prints the median and min-max wall time of each command in ms.
"""
import glob
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    binaries = [os.path.abspath(b) for b in sys.argv[2:]] or [os.path.abspath("target/release/orglint")]
    floor = max(glob.glob("target/release/deps/floor-*[!.d]"), key=os.path.getmtime)
    floor = os.path.abspath(floor)
    org100 = os.path.abspath("target/bench-orgs/files-100000-seed1")
    org1k = os.path.abspath("target/bench-orgs/files-1000-seed1")
    one = "teams/ml/" + sorted(os.listdir(os.path.join(org1k, "teams/ml")))[0]
    cmds = {}
    for i, b in enumerate(binaries):
        cmds[f"#{i} check --format json, 100k"] = ([b, "check", "--format", "json", org100], None)
    cmds["floor, 100k"] = ([floor, "floor", org100], None)
    cmds["taplo check, 100k"] = (["taplo", "check"], org100)
    for i, b in enumerate(binaries):
        cmds[f"#{i} check {one}, 1k"] = ([b, "check", one], org1k)
    cmds["floor, 1k"] = ([floor, "floor", org1k], None)
    times = {k: [] for k in cmds}
    for r in range(runs + 1):  # the first round warms the cache
        for k, (cmd, cwd) in cmds.items():
            start = time.perf_counter()
            p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = (time.perf_counter() - start) * 1000
            if p.returncode > 1:
                sys.exit(f"{k}: exit {p.returncode}")
            if r > 0:
                times[k].append(elapsed)
    for i, b in enumerate(binaries):
        print(f"#{i}: {b}")
    for k, v in times.items():
        print(f"{k:40} median {statistics.median(v):8.1f} ms  ({min(v):.1f}-{max(v):.1f})")


if __name__ == "__main__":
    main()
