#!/usr/bin/env python3
"""Hostile inputs for the scale fixes of issue 6 (items 6-9, 22).

    python3 benches/gen/scale.py OUT_DIR

writes one org tree per case under OUT_DIR; run `orglint check --format short OUT_DIR/<case>`.
"""
import os
import sys

HEAD = '[org]\nname = "Acme"\nstage = "scaleup"\nai_focus = "product"\n\n[[person]]\nid = "ada"\nname = "Ada"\nrole = "ml-engineer"\n\n'


def write(root, case, files):
    d = os.path.join(root, case)
    os.makedirs(d, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)


def main(root):
    # 6: 100,000 whole-file suppression comments (3.3 MB).
    write(root, "sup-lines", {"org.toml": "# orglint: allow(team-silo) -- r\n" * 100_000 + HEAD})
    # 6: one comment naming a rule 100,000 times.
    write(root, "sup-names", {"org.toml": "# orglint: allow(" + ", ".join(["team-silo"] * 100_000) + ") -- r\n" + HEAD})
    # 7: one array of 31 M wrong-typed elements (60 MB).
    n = 31_000_000
    write(root, "array", {"org.toml": HEAD + '[[team]]\nid = "t"\nname = "T"\nkind = "ml"\nlead = "ada"\nmembers = [' + "1," * (n - 1) + "1]\n"})
    # 8: a 60k-character role and a 60k-character configured role.
    long_a, long_b = "a" * 60_000, "a" * 59_999 + "b"
    write(root, "long-role", {
        "orglint.toml": '[roles]\nml = ["' + long_b + '"]\n',
        "org.toml": HEAD + '[[person]]\nid = "bob"\nname = "Bob"\nrole = "' + long_a + '"\n',
    })
    # 8: 10k people whose reports_to are long (64-char) unknown ids.
    people = "".join(
        f'[[person]]\nid = "{"p" * 58}{i:06d}"\nname = "P"\nrole = "ml-engineer"\nreports_to = "{"q" * 58}{i:06d}"\n\n'
        for i in range(10_000)
    )
    write(root, "long-refs", {"org.toml": HEAD + people})
    # 9: 20,000 unknown rules in orglint.toml (300 KB).
    write(root, "config", {
        "orglint.toml": "[rules]\n" + "".join(f'r{i} = "warn"\n' for i in range(20_000)),
        "org.toml": HEAD,
    })


if __name__ == "__main__":
    main(sys.argv[1])
