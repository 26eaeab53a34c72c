#!/usr/bin/env python3
"""Writes an org of TEAMS team files with PER_TEAM people each (as benches/check.rs does) into DIR.

Used to measure `--output` and file arguments on a large tree:
    python3 benches/gen/big_org.py /tmp/big-org 10000 10
A uniform org with no management chain, guild or planted findings, kept because earlier
measurements name it; the seeded, company-like generator is examples/gen_org.rs.
"""
import os
import sys

ROLES = ["software-engineer", "backend-engineer", "frontend-engineer", "product-manager",
         "designer", "ml-engineer", "data-scientist", "sre"]


def main() -> None:
    out, teams, per_team = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(os.path.join(out, "teams"), exist_ok=True)
    with open(os.path.join(out, "org.toml"), "w") as f:
        f.write('[org]\nname = "Bench Corp"\nleadership = ["p0"]\n\n'
                '[org.standards]\nci_cd = "github-actions"\n')
    for t in range(teams):
        first = t * per_team
        ids = ", ".join(f'"p{p}"' for p in range(first, first + per_team))
        text = (f'[team]\nid = "team-{t}"\nname = "Team {t}"\nkind = "feature"\n'
                f'function = "build and run the part of the product numbered {t}"\n'
                f'lead = "p{first}"\nmembers = [{ids}]\nsyncs_with = ["team-{(t + 1) % teams}"]\n')
        for p in range(first, first + per_team):
            boss = (first // per_team // 10) * per_team if p == first else first
            text += (f'\n[[person]]\nid = "p{p}"\nname = "Person {p}"\n'
                     f'role = "{ROLES[p % len(ROLES)]}"\nreports_to = "p{boss}"\n')
        with open(os.path.join(out, "teams", f"team-{t}.toml"), "w") as f:
            f.write(text)
    open(os.path.join(out, "orglint.toml"), "w").close()


if __name__ == "__main__":
    main()
