#!/usr/bin/env python3
"""Writes an org tree whose one team has a huge `kind` (and, with --ids, a huge person id and team name).

Usage: python3 benches/gen/long_value.py DIR [MEGABYTES] [--ids]
Then:  orglint check --format short DIR   (today: one line as long as the value)
"""
import pathlib
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
out = pathlib.Path(args[0])
size = int(float(args[1]) * 1_000_000) if len(args) > 1 else 50_000_000
ids = "--ids" in sys.argv
out.mkdir(parents=True, exist_ok=True)
big = "k" * size
person = ("p" * size) if ids else "bob"
name = ("N" * size) if ids else "T"
(out / "org.toml").write_text(
    '[org]\nname = "Acme"\nleadership = ["ada"]\n\n'
    '[[person]]\nid = "ada"\nname = "Ada"\nrole = "cto"\n\n'
    f'[[person]]\nid = "{person}"\nname = "Bob"\nrole = "ml-engineer"\n\n'
    f'[[team]]\nid = "t"\nname = "{name}"\nkind = "{big}"\nlead = "{person}"\nmembers = ["ada"]\n'
)
