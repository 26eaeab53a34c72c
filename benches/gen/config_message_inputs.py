"""Trees of long user values in suppression comments and in orglint.toml, a lone CR and a key
past toml's recursion limit in orglint.toml.

    python3 benches/gen/config_message_inputs.py OUT [SIZE]

writes OUT/<case>/ (org.toml, maybe orglint.toml) for each case; SIZE is the length of the long
name (default 100000). Measure with `orglint check --format short OUT/<case>`.
"""

import os
import sys

ORG = '[org]\nname = "Acme"\nleadership = ["ceo"]\n\n[[person]]\nid = "ceo"\nname = "C"\nrole = "ceo"\n'


def main() -> None:
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    long = "a" * size
    cases = {
        "suppression": (f"# orglint: allow({long}) -- r\n{ORG}", None),
        "rule-key": (ORG, f'[rules]\n"{long}" = "off"\n'),
        "level": (ORG, f'[rules]\nteam-size = "{long}"\n'),
        "roles-key": (ORG, f'[roles]\n"{long}" = ["x"]\n'),
        "exclude": (ORG, f'[files]\nexclude = ["{long}["]\n'),
        "lone-cr": (ORG, '[rules]\n# a\rb\nteam-sise = "off"\n'),
        "deep-key": (ORG, "[rules]\n" + ".".join(["a"] * 200) + " = 1\n"),
    }
    for name, (org, config) in cases.items():
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "org.toml"), "w", newline="") as f:
            f.write(org)
        if config is not None:
            with open(os.path.join(d, "orglint.toml"), "w", newline="") as f:
                f.write(config)


if __name__ == "__main__":
    main()
