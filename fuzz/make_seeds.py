"""Write the fuzzer's seed corpus: every example plan, and the bad plans of ``gen_plans.py``.

    .venv/bin/python fuzz/make_seeds.py fuzz/seeds

The plan generator is the copy the tests use (``tests/support/gen_plans.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN_PLANS = ROOT / "tests" / "support" / "gen_plans.py"


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
    generated = out / "_gen"
    subprocess.run(
        [sys.executable, str(GEN_PLANS), str(generated), "--bad"],
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # it imports tests.support.peer_common
    )
    for path in sorted(generated.glob("*.yaml")):
        shutil.move(path, out / f"gen-{path.name}")
        count += 1
    shutil.rmtree(generated)
    print(f"{count} seeds in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
