#!/usr/bin/env python3
"""Hostile trees for the loader (issue 6, items 1, 5 and 19), for measuring, not for tests.

Usage: python3 benches/gen/loader_inputs.py OUT
Makes OUT/pagemap (p.toml -> /proc/self/pagemap), OUT/leak (leak.toml -> /etc/passwd),
OUT/fifo (a FIFO x.toml), OUT/config-leak (orglint.toml -> /etc/passwd) and OUT/big (two
60 MB entity files). Then, e.g.:
  /usr/bin/time -f '%e s %M KB' timeout 60 target/release/orglint check --format short OUT/big
"""

import os
import sys

ORG = '[org]\nname = "Tiny"\nleadership = ["ada"]\n\n[[person]]\nid = "ada"\nname = "Ada"\nrole = "cto"\n'


def tree(out, name):
    path = os.path.join(out, name)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "org.toml"), "w") as f:
        f.write(ORG)
    return path


def link(target, at):
    if os.path.lexists(at):
        os.remove(at)
    os.symlink(target, at)


def big_file(path, tag, size):
    """[[person]] tables until the file holds `size` bytes."""
    with open(path, "w") as f:
        written, i = 0, 0
        while written < size:
            chunk = "".join(
                f'[[person]]\nid = "{tag}{n}"\nname = "Person {n}"\nrole = "software-engineer"\nreports_to = "ada"\n\n'
                for n in range(i, i + 10000)
            )
            f.write(chunk)
            written += len(chunk)
            i += 10000


def main():
    out = sys.argv[1]
    link("/proc/self/pagemap", os.path.join(tree(out, "pagemap"), "p.toml"))
    link("/etc/passwd", os.path.join(tree(out, "leak"), "leak.toml"))
    fifo = os.path.join(tree(out, "fifo"), "x.toml")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    link("/etc/passwd", os.path.join(tree(out, "config-leak"), "orglint.toml"))
    big = tree(out, "big")
    for tag in ("a", "b"):
        big_file(os.path.join(big, f"{tag}.toml"), tag, 60_000_000)


if __name__ == "__main__":
    main()
