#!/usr/bin/env python3
"""Asks this machine's apt whether every layer's pinned Debian packages install.

For each layer with `system_packages`, its pins together with those of the
layers it builds on are handed to `apt-get install --simulate` on an empty
dpkg status, so a pin the archive no longer serves, or pins that cannot be
installed together, fail here instead of in the middle of an image build.
Meant for a Debian bookworm host with the sources debian:bookworm-slim has;
point APT_CONFIG at another configuration for another architecture.

Uses the reference Nickel (the `nickel` Python module) to export the layers.
Run from anywhere: python3 scripts/apt-pins.py   (exits 1 on any failure)
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import nickel

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ROOT / "layers"


def export(path: Path):
    return json.loads(nickel.run(f'import "{path}"', []))


def main() -> int:
    layers = {
        folder.name: {"build": export(folder / "build_directives.ncl"), "workflow": export(folder / "workflow.ncl")}
        for folder in sorted(LAYERS.iterdir())
        if (folder / "build_directives.ncl").is_file() and (folder / "workflow.ncl").is_file()
    }
    arch = subprocess.run(["apt-config", "shell", "A", "APT::Architecture"], capture_output=True, text=True, check=True).stdout.strip()
    print(f"apt pins: simulated install with this machine's apt ({arch.removeprefix('A=').strip(chr(39)) or 'default architecture'})")

    def own(name):
        return layers[name]["build"].get("system_packages", [])

    def inherited(name, seen=()):
        base = layers[name]["workflow"]["build_base"]
        parent = inherited(base, seen + (name,)) if base in layers and base not in seen else []
        return parent + [p for p in own(name) if p not in parent]

    failures = 0
    with tempfile.NamedTemporaryFile() as empty:
        for name in sorted(layers):
            if not own(name):
                continue
            pins = inherited(name)
            result = subprocess.run(
                ["apt-get", "install", "--simulate", "--no-install-recommends", "-o", f"Dir::State::status={empty.name}", *pins],
                capture_output=True, text=True,
            )
            if result.returncode != 0:
                reason = " / ".join(line for line in result.stderr.splitlines() if line.startswith("E:"))[:400]
                print(f"  FAIL {name}: apt cannot install {' '.join(own(name))}: {reason}")
                failures += 1
                continue
            print(f"  ok {name:14} {len(own(name))} pins (+{len(pins) - len(own(name))} from its build bases)")
    print(f"{failures} failure(s)" if failures else "every layer's pins resolve")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
