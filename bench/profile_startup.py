#!/usr/bin/env python3
"""Where the start-up of ``python -m massage_routines validate typical.yaml`` goes.

    python3 bench/profile_startup.py [--runs 15] [--top 25] [--plan FILE]

Runs in the benchmark environment of ``bench/run.py`` (built on first use) and on the plans it
writes (``bench/results/plans/``, written when missing), with bytecode cached as there (see
``run.child_env``). Four views, each the median of ``--runs`` fresh processes:

1. **Phases**: the validate command's work, step by step, timed in a fresh process (imports,
   the argument parser, finding the plugins' entry points, importing the plugin modules,
   building the registry, reading the plan, the first validation, which builds the rules'
   indexes, then a second one for comparison, the output), beside ``python -c pass`` and the
   whole command's wall time.
2. **Imports by package**: ``-X importtime`` self times summed per top-level package (our
   subpackages separately).
3. **Top modules** by cumulative import time (a module's own time plus what it imports first).
4. **attrs classes**: how many classes ``attrs`` makes while the command starts, and the time it
   spends making them (generating and compiling their methods), by module.

``-X importtime`` adds its own overhead, so its figures are larger than the phases'; compare
modules with each other, not with the wall time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import run  # bench/run.py (this script's directory is on sys.path): environment, plans, launcher

# One fresh process: perf_counter marks around each phase of ``validate PLAN``, as the command
# (cli/main.py + cli/validate_command.py) does them, split finer.
PHASES_PROBE = r"""
import sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import yaml
mark("import yaml (+ the stdlib modules it is first to need)")
import attrs
mark("import attrs (+ inspect, typing, platform ...)")
import pluggy
mark("import pluggy")
import massage_routines.cli.main as cli_main
mark("import massage_routines.cli.main")
parser = cli_main.build_parser()
args = parser.parse_args(["validate", sys.argv[1]])
mark("argument parser (imports the subcommand modules)")
from massage_routines.reporting import Options
from massage_routines.reporting.text import render
from massage_routines.planfile.reader import read_plan_file
mark("import planfile.reader (+model, structure, yaml_tree)")
from massage_routines.plugins.registry import build_registry
mark("import plugins.registry (+records, hookspecs)")
from massage_routines.validation.engine import validate_read
mark("import validation.engine")
from massage_routines.plugins.discovery import entry_points
points = entry_points()
mark(f"discover entry points ({len(points)} found)")
for point in points:
    __import__(point.module)
mark("import the plugin modules (techniques, rules)")
registry = build_registry(points=points)
mark(f"build the registry ({len(registry.rules)} rules; hooks + cross-checks)")
result = read_plan_file(sys.argv[1])
mark("read the plan (first time)")
report = validate_read(result, registry, file=sys.argv[1])
mark("validate (first time: builds the rules' indexes)")
validate_read(read_plan_file(sys.argv[1]), registry, file=sys.argv[1])
mark("[not in the command] read + validate again")
sys.stderr.writelines(render([report], Options()))
mark("output")
import json
print(json.dumps([(name, b - a) for (_, a), (name, b) in zip(marks, marks[1:])]))
"""

# One fresh process: the command run in process, with the time attrs spends making classes
# (collecting the fields, generating and compiling __init__, __eq__, __repr__ ..., building the
# slotted class) summed per module that defines them.
ATTRS_PROBE = r"""
import sys, time
import attr._make as make
spent, count = {}, {}
def timed(method):
    def wrapper(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            module = self._cls.__module__
            spent[module] = spent.get(module, 0.0) + time.perf_counter() - start
    return wrapper
def counted_init(method):
    def wrapper(self, cls, *args, **kwargs):
        start = time.perf_counter()
        method(self, cls, *args, **kwargs)
        count[cls.__module__] = count.get(cls.__module__, 0) + 1
        spent[cls.__module__] = spent.get(cls.__module__, 0.0) + time.perf_counter() - start
    return wrapper
builder = make._ClassBuilder
for name in dir(builder):
    if name.startswith(("add_", "build_class")) and callable(getattr(builder, name)):
        setattr(builder, name, timed(getattr(builder, name)))
builder.__init__ = counted_init(builder.__init__)
from massage_routines.cli.main import main
code = main(["validate", sys.argv[1]])
import json
print(json.dumps({m: [count.get(m, 0), spent[m] * 1e3] for m in spent}))
"""


def attrs_classes(python: str, plan: str, runs: int) -> dict[str, tuple[float, float]]:
    """Per module: attrs classes made during the command, and median ms spent making them."""
    samples: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for _ in range(runs):
        done = subprocess.run(
            [python, "-c", ATTRS_PROBE, plan],
            cwd=run.ROOT,
            env=run.child_env(),
            check=True,
            capture_output=True,
            text=True,
        )
        for module, (count, ms) in json.loads(done.stdout.splitlines()[-1]).items():
            samples.setdefault(module, []).append(ms)
            counts[module] = count
    return {module: (counts[module], statistics.median(s)) for module, s in samples.items()}


def phases(python: str, plan: str, runs: int) -> dict[str, Any]:
    """Median ms of each phase over ``runs`` fresh processes, plus whole-command wall times."""
    samples: dict[str, list[float]] = {}
    walls: dict[str, list[float]] = {"python -c pass": [], "validate (whole command)": []}
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "validate (whole command)": [python, "-m", "massage_routines", "validate", plan],
    }
    for _ in range(runs):  # the three take turns, so a slow spell hits them alike
        done = subprocess.run(
            [python, "-c", PHASES_PROBE, plan],
            cwd=run.ROOT,
            env=run.child_env(),
            check=True,
            capture_output=True,
            text=True,
        )
        for name, seconds in json.loads(done.stdout):
            samples.setdefault(name, []).append(seconds * 1e3)
        for name, argv in commands.items():
            walls[name].append(run.run_child(argv)[0] * 1e3)
    return {
        "phases_ms": {name: statistics.median(s) for name, s in samples.items()},
        "wall_ms": {name: statistics.median(s) for name, s in walls.items()},
    }


def importtime(python: str, plan: str, runs: int) -> dict[str, dict[str, float]]:
    """Median self and cumulative microseconds of each module under ``-X importtime``."""
    self_us: dict[str, list[int]] = {}
    cumulative_us: dict[str, list[int]] = {}
    for _ in range(runs):
        done = subprocess.run(
            [python, "-X", "importtime", "-m", "massage_routines", "validate", plan],
            cwd=run.ROOT,
            env=run.child_env(),
            check=False,
            capture_output=True,
            text=True,
        )
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "[us]" in line:
                continue
            own, total, name = line.removeprefix("import time:").split("|")
            self_us.setdefault(name.strip(), []).append(int(own))
            cumulative_us.setdefault(name.strip(), []).append(int(total))
    return {
        name: {
            "self": statistics.median(self_us[name]),
            "cumulative": statistics.median(cumulative_us[name]),
        }
        for name in self_us
    }


def package_of(module: str) -> str:
    """The group a module's import time is summed under: ours by subpackage, others by top."""
    parts = module.split(".")
    if parts[0] == "massage_routines" and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def main() -> None:
    """Build or reuse the environment, re-run in it, and print the three views."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per view")
    parser.add_argument("--top", type=int, default=25, help="modules in the top list")
    parser.add_argument("--plan", type=Path, help="the plan (default the typical 20-step plan)")
    args = parser.parse_args()
    run.reexec_in_venv(__file__)
    run.import_peers()
    run.check_install()
    if args.plan is None and not (run.PLANS / "typical.yaml").exists():
        run.write_plans()
    plan = run.rel(args.plan or run.PLANS / "typical.yaml")
    python = sys.executable

    for _ in range(2):  # fill the bytecode cache (see run.child_env) before anything is timed
        run.run_child([python, "-m", "massage_routines", "validate", plan])
        run.run_child([python, "-c", PHASES_PROBE, plan])
    timed = phases(python, plan, args.runs)
    print(f"== phases of `validate {plan}` in a fresh process: ms, median of {args.runs} ==")
    total = 0.0
    for name, ms in timed["phases_ms"].items():
        if not name.startswith("[not"):
            total += ms
        print(f"{ms:8.1f}  {name}")
    print(f"{total:8.1f}  sum of the command's phases (after the interpreter started)")
    for name, ms in timed["wall_ms"].items():
        print(f"{ms:8.1f}  wall: {name}")

    modules = importtime(python, plan, args.runs)
    by_package: dict[str, float] = {}
    for name, figures in modules.items():
        key = package_of(name)
        by_package[key] = by_package.get(key, 0.0) + figures["self"]
    print(f"\n== -X importtime, self time summed by package: ms, median of {args.runs} ==")
    print(f"{sum(by_package.values()) / 1e3:8.1f}  all imports")
    for key, us in sorted(by_package.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{us / 1e3:8.1f}  {key}")

    print(f"\n== -X importtime, top {args.top} modules by cumulative time: ms (self ms) ==")
    ranked = sorted(modules.items(), key=lambda kv: -kv[1]["cumulative"])
    for name, figures in ranked[: args.top]:
        print(f"{figures['cumulative'] / 1e3:8.1f}  ({figures['self'] / 1e3:5.1f})  {name}")

    made = attrs_classes(python, plan, args.runs)
    classes = sum(n for n, _ in made.values())
    print(
        f"\n== attrs classes made while the command starts: {classes} classes, "
        f"{sum(ms for _, ms in made.values()):.1f} ms (median of {args.runs}) =="
    )
    for module, (count, ms) in sorted(made.items(), key=lambda kv: -kv[1][1]):
        print(f"{ms:8.1f}  {count:3d}  {module}")


if __name__ == "__main__":
    main()
