#!/usr/bin/env python3
"""Writes DIR/org.toml: an org and a `reports_to` chain of N people in one file.

p00000 reports to p00001, ..., and the top of the chain (who reports to no one) is
the last person of the file, so every `management-depth` finding (about N of them)
has its related place ("the chain ends at ...") far below it in the same file.

    python3 benches/gen/chain.py 100000 /tmp/chain100k
    orglint check /tmp/chain100k --format human > /dev/null
"""

import os
import sys


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: chain.py N DIR")
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    width = len(str(n))
    ids = [f"p{i:0{width}d}" for i in range(n)]
    lines = ['[org]', 'name = "Chain"', f'leadership = ["{ids[-1]}"]', ""]
    for i, pid in enumerate(ids):
        lines += ["[[person]]", f'id = "{pid}"', f'name = "Person {i}"', 'role = "software-engineer"']
        if i + 1 < n:
            lines.append(f'reports_to = "{ids[i + 1]}"')
        lines.append("")
    with open(os.path.join(out, "org.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
