"""Write the fuzzer's seed corpus: every example plan, and the bad plans of ``gen_plans.py``.

    .venv/bin/python fuzz/make_seeds.py fuzz/seeds

The peers' generator lives beside the project (``../shared/peers/gen_plans.py``); when it is
not there, only the examples are copied.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN_PLANS = ROOT.parent / "shared" / "peers" / "gen_plans.py"


def main(argv: list[str]) -> int:
    """Fill the directory ``argv[0]`` with seeds; returns the exit status."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        if "build" in path.parts:
            continue
        shutil.copyfile(path, out / f"example-{path.parent.name}-{path.name}")
        count += 1
    if GEN_PLANS.exists():
        generated = out / "_gen"
        subprocess.run([sys.executable, str(GEN_PLANS), str(generated), "--bad"], check=True)
        for path in sorted(generated.glob("*.yaml")):
            shutil.move(path, out / f"gen-{path.name}")
            count += 1
        shutil.rmtree(generated)
    else:
        print(f"note: {GEN_PLANS} not found; seeding from the examples only", file=sys.stderr)
    print(f"{count} seeds in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
