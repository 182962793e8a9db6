#!/usr/bin/env python3
"""Measure massage_routines beside the peer validators, against the speed targets.

    python3 bench/run.py [--quick] [--out FILE]

Needs only Python 3 (3.11 or newer). On first use it builds a virtual environment (``bench/.venv``,
or ``$MR_BENCH_VENV``) with the peers' pinned requirements (``../shared/peers/requirements.txt``)
and this project installed editable (its plugins are found through entry points, so it must be
installed, not put on ``sys.path``), rebuilt whenever the requirements, ``pyproject.toml`` or the
Python version change, and re-runs itself there. It regenerates the plans with the peers'
``gen_plans.write_suite`` into ``bench/results/plans/`` (git-ignored), checks which bad plans each
validator catches, then, in one run, times us and the peers with the jobs taking turns, and
prints medians, ratios (ours / peer) and PASS/FAIL for each target (see ``bench/README.md``).
The raw figures go to ``bench/results/bench-DATE.json`` (``--out`` to put them elsewhere).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PEERS = Path(os.environ.get("MR_PEERS") or Path(__file__).resolve().parents[2] / "shared" / "peers")
REQUIREMENTS = PEERS / "requirements.txt"
SCHEMA = PEERS / "peers" / "plan.schema.json"
VENV = Path(os.environ.get("MR_BENCH_VENV") or BENCH / ".venv")
RESULTS = BENCH / "results"
PLANS = RESULTS / "plans"
PYCACHE = RESULTS / "pycache"
STAMP_NAME = ".massage-bench-stamp"
PACKAGES = [
    "massage_routines",
    "attrs",
    "cattrs",
    "pluggy",
    "PyYAML",
    "pydantic",
    "pydantic-core",
    "msgspec",
    "jsonschema",
    "check-jsonschema",
    "ruamel.yaml",
]

#: (quick, full): in-process samples, runs of a one-plan command, runs of the batch command.
SETTINGS = {
    True: {
        "inproc_repeat": 3,
        "cli_runs": 5,
        "cli_warmup": 1,
        "batch_runs": 2,
        "batch_warmup": 1,
        "big_runs": 1,
    },
    False: {
        "inproc_repeat": 15,
        "cli_runs": 41,
        "cli_warmup": 2,
        "batch_runs": 9,
        "batch_warmup": 1,
        "big_runs": 3,
    },
}

# The targets of the issue "Speed: a benchmark beside the peers, and the targets it must meet".
TARGET_CLI_VS_PYDANTIC = 0.70
TARGET_CLI_VS_CHECK_JSONSCHEMA = 0.40
TARGET_BATCH_VS_PYDANTIC = 1.00
TARGET_BATCH_RSS = 1.10  # peak RSS on 1000 plans / on one plan: plans are checked one at a time
TARGET_TEXT_VS_CSAFELOADER = 1.00
TARGET_CHECK_VS_PYDANTIC = 0.75
TARGET_SCALING = 1.30  # per-step cost at 2000 steps / per-step cost at 20 steps
TARGET_COMPOSE_MS = 5.0
TARGET_JOBS = 0.60  # wall time of `validate -j 2` / `-j 1` on the batch (2 cores)
TARGET_10K_RSS = 1.10  # peak RSS on 10,000 plans / on 1,000 (flat: one plan at a time)
#: How many times the batch is copied for the 10,000-plan run.
BIG_COPIES = 10


# ---------------------------------------------------------------- the environment


def _stamp() -> str:
    """What the environment is built from: when it changes, the environment is rebuilt."""
    digest = hashlib.sha256()
    for part in (REQUIREMENTS.read_bytes(), (ROOT / "pyproject.toml").read_bytes()):
        digest.update(part)
    digest.update(f"{ROOT}\0{sys.version}\0{sys.executable}".encode())
    return digest.hexdigest()


def bench_python() -> Path:
    """The benchmark environment's python, built (or rebuilt) when its stamp is out of date."""
    python = VENV / "bin" / "python"
    stamp = VENV / STAMP_NAME
    wanted = _stamp()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"building {VENV} (peers' pins + this project, editable) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    install = [str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS), "-e", str(ROOT)]
    done = subprocess.run(install, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit(f"bench: could not install into {VENV} (exit {done.returncode})")
    stamp.write_text(wanted)
    return python


def in_bench_venv() -> bool:
    """Whether this process runs in the benchmark environment."""
    return Path(sys.prefix).resolve() == VENV.resolve()


def reexec_in_venv(script: str) -> None:
    """Re-run ``script`` with this process's arguments in the benchmark environment."""
    if in_bench_venv():
        return
    if not REQUIREMENTS.exists():
        sys.exit(f"bench: the peers are not at {PEERS} (set MR_PEERS to their directory)")
    python = bench_python()
    os.execv(python, [str(python), script, *sys.argv[1:]])


def import_peers() -> None:
    """Put the peers (gen_plans, run_peers and the peer modules) on ``sys.path``."""
    sys.path[:0] = [str(PEERS), str(PEERS / "peers")]


def check_install() -> None:
    """This clone's package, with its plugins found through entry points, is what runs."""
    import massage_routines
    from massage_routines.plugins.discovery import entry_points

    where = Path(massage_routines.__file__).resolve()
    if not where.is_relative_to(ROOT / "src"):
        sys.exit(f"bench: massage_routines comes from {where}, not from {ROOT / 'src'}")
    if not entry_points():
        sys.exit("bench: no massage_routines entry points: the project is not installed")


def write_plans() -> None:
    """Regenerate the peers' plan suite (typical, 200, 2000 steps, the batch, the bad plans)."""
    import gen_plans

    shutil.rmtree(PLANS, ignore_errors=True)
    gen_plans.write_suite(PLANS)


def child_env() -> dict[str, str]:
    """The environment of every command measured: bytecode cached for all of them alike.

    Python compiles a module from source on every start when it may not write its ``.pyc``
    (``PYTHONDONTWRITEBYTECODE``, or a read-only directory such as the peers'), which would
    charge start-up with compiling. So every command writes and reads its bytecode under one
    prefix (``bench/results/pycache/``), filled by the warm-up runs: each command is measured
    as an installed package runs. The default plugin selection is measured.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MASSAGE_ROUTINES_PLUGINS", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def rel(path: Path) -> str:
    """``path`` relative to the project root, where every command runs."""
    return os.path.relpath(path, ROOT)


# ---------------------------------------------------------------- measuring


def spread(samples: list[float], scale: float = 1.0) -> dict[str, Any]:
    """Median, min, max and count of ``samples`` times ``scale``."""
    s = sorted(x * scale for x in samples)
    return {"median": statistics.median(s), "min": s[0], "max": s[-1], "n": len(s)}


# A small process that starts the command and reports its wall time, exit status, peak RSS and
# CPU time.
# The command is not started from this (large) process: Linux counts in a child's peak RSS the
# memory of whatever process forked it (the pre-exec image), so a child of this process would
# report this process's 50+ MiB. The launcher is a bare ``python -S`` (~8 MiB, less than any
# command measured), and its start-up is outside the time it reports.
LAUNCHER = """
import json, os, sys, time
null = os.open(os.devnull, os.O_RDWR)
actions = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1),
           (os.POSIX_SPAWN_DUP2, null, 2)]
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps([elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss, cpu]))
"""


def run_child(argv: list[str]) -> tuple[float, int, int, float]:
    """Run one command: wall seconds, exit status, peak RSS (KiB), CPU seconds (user + system)."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *argv],
        cwd=ROOT,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, code, maxrss, cpu = json.loads(done.stdout)
    return elapsed, code, maxrss, cpu


def wall(commands: dict[str, list[str]], runs: int, warmup: int) -> dict[str, Any]:
    """Wall time, CPU time and peak RSS of each command, run by run; the commands take turns."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    codes: dict[str, set[int]] = {name: set() for name in commands}
    for i in range(warmup + runs):
        for name, argv in commands.items():
            elapsed, code, maxrss, cpu = run_child(argv)
            codes[name].add(code)
            if i >= warmup:
                times[name].append(elapsed)
                cpus[name].append(cpu)
                rss[name].append(maxrss)
    return {
        name: spread(times[name])
        | {
            "cpu_s": spread(cpus[name]),
            "rss_kib": spread(rss[name]),
            "exit": sorted(codes[name]),
            "argv0": argv[:4],
        }
        for name, argv in commands.items()
    }


# ---------------------------------------------------------------- verdicts


def verdicts(bin_dir: Path) -> dict[str, Any]:
    """Which bad plans each validator rejects; and that we reject no good plan."""
    import jsonschema_peer
    import msgspec_peer
    import pydantic_peer
    from gen_plans import bad_plans

    from massage_routines import validate_file

    peers = {"pydantic": pydantic_peer, "msgspec": msgspec_peer, "jsonschema": jsonschema_peer}
    ours_cli = [sys.executable, "-m", "massage_routines", "validate"]
    check_jsonschema = [str(bin_dir / "check-jsonschema"), "--schemafile", rel(SCHEMA)]
    table: dict[str, Any] = {}
    env = child_env()
    for name, (why, _) in bad_plans().items():
        path = PLANS / "bad" / name
        report = validate_file(path)
        errors = sorted({f.code for f in report.errors})
        row: dict[str, Any] = {
            "why": why,
            "ours": {"rejected": not report.valid, "codes": errors},
        }
        done = subprocess.run(
            [*ours_cli, rel(path)], check=False, cwd=ROOT, env=env, capture_output=True, text=True
        )
        row["ours CLI"] = {"rejected": done.returncode != 0, "exit": done.returncode}
        for peer, module in peers.items():
            found = module.validate_file(path)
            row[peer] = {"rejected": bool(found), "first": found[0] if found else None}
        done = subprocess.run(
            [*check_jsonschema, rel(path)],
            check=False,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        row["check-jsonschema"] = {"rejected": done.returncode != 0, "exit": done.returncode}
        table[name] = row
    good = [
        PLANS / "typical.yaml",
        PLANS / "steps-200.yaml",
        PLANS / "steps-2000.yaml",
        *sorted((PLANS / "batch").glob("*.yaml")),
    ]
    rejected, warned = [], {}
    for path in good:
        report = validate_file(path)
        if not report.valid:
            rejected.append({"plan": rel(path), "codes": sorted({f.code for f in report.errors})})
        for finding in report.warnings:
            warned[finding.code] = warned.get(finding.code, 0) + 1
    return {
        "bad": table,
        "good_plans": len(good),
        "good_rejected": rejected,
        "good_warnings_by_code": dict(sorted(warned.items())),
    }


# ---------------------------------------------------------------- in process


def compose_setup() -> tuple[Any, dict[str, Any]]:
    """The compose job (or ``None``) and what is known about it: available, valid, or why not."""
    try:
        from massage_routines import (
            Client,
            ComposeRequest,
            Condition,
            Duration,
            compose,
            validate,
        )
    except (ImportError, AttributeError) as exc:
        return None, {"available": False, "why": f"{type(exc).__name__}: {exc}"}
    request = ComposeRequest(
        style="swedish",
        duration=Duration.parse("60m"),
        client=Client(
            conditions=(
                Condition("osteoporosis"),
                Condition("varicose_veins"),
                Condition("hypertension", cleared=True),
            )
        ),
    )
    try:
        routine = compose(request)
        report = validate(routine)
    except Exception as exc:  # a composer still being written may fail in any way
        return None, {"available": False, "why": f"{type(exc).__name__}: {exc}"}
    info = {
        "available": True,
        "steps": len(routine.steps),
        "valid": report.valid,
        "findings_by_code": dict(Counter(report.codes())),
        "error_codes": sorted({f.code for f in report.errors}),
    }
    return (lambda: compose(request)), info


def in_process(repeat: int) -> dict[str, Any]:
    """The in-process figures: every job in one ``per_call_us`` call, so they take turns."""
    import msgspec_peer
    import pydantic_peer
    import yaml
    from run_peers import per_call_us

    from massage_routines import read_plan_text, validate, validate_text
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation.engine import validate_read

    assert yaml.__with_libyaml__, "PyYAML without libyaml: CSafeLoader is missing"
    registry = default_registry()
    jobs: dict[str, Any] = {}
    plans: dict[int, Any] = {}
    for steps in (20, 2000):
        text = (PLANS / ("typical.yaml" if steps == 20 else f"steps-{steps}.yaml")).read_text()
        result = read_plan_text(text)
        report = validate_text(text)
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        assert result.routine is not None and len(result.routine.steps) == steps, result.findings
        assert pydantic_peer.validate_data(data) == [], "pydantic rejects a good plan"
        plans[steps] = {  # a good plan that we reject is in the verdicts; timed all the same
            "valid": report.valid,
            "findings_by_code": dict(Counter(report.codes())),
        }
        jobs[f"validate_text@{steps}"] = lambda t=text: validate_text(t)
        jobs[f"validate_read@{steps}"] = lambda r=result: validate_read(r, registry)
        jobs[f"CSafeLoader@{steps}"] = lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader)
        jobs[f"pydantic dict@{steps}"] = lambda d=data: pydantic_peer.validate_data(d)
        if steps == 20:
            jobs["msgspec dict@20"] = lambda d=data: msgspec_peer.validate_data(d)
            jobs["validate(routine)@20"] = lambda r=result.routine: validate(r, registry)
    compose_job, compose_info = compose_setup()
    if compose_job is not None:
        jobs["compose"] = compose_job
    figures = per_call_us(jobs, repeat)
    return {"us": figures, "plans": plans, "compose": compose_info}


# ---------------------------------------------------------------- commands


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(rounds: int = 3) -> float:
    """What the machine gives two processes now: the wall time of two pure-CPU tasks in two
    processes over the same two in one (0.5 on two idle cores, 1.0 when one core is taken).

    The ``-j`` row is read against it: on a shared machine whose other core is busy, no
    ``-j 2`` can reach its target.
    """
    from concurrent.futures import ProcessPoolExecutor

    n = 3_000_000
    ratios = []
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1, 1]))  # the workers started before timing
        for _ in range(rounds):
            start = time.perf_counter()
            _burn(n)
            _burn(n)
            serial = time.perf_counter() - start
            start = time.perf_counter()
            list(pool.map(_burn, [n, n]))
            ratios.append((time.perf_counter() - start) / serial)
    return statistics.median(ratios)


def has_jobs() -> bool:
    """Whether our ``validate`` has ``-j/--jobs`` (the option may not be merged yet)."""
    done = subprocess.run(
        [sys.executable, "-m", "massage_routines", "validate", "--help"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return "--jobs" in done.stdout


def jobs_commands(files: list[str]) -> dict[str, list[str]]:
    """``validate -j 1`` and ``-j 2`` on the batch (only when the option exists)."""
    py = sys.executable
    return {
        f"ours -j {n}": [py, "-m", "massage_routines", "validate", "-j", str(n), *files]
        for n in (1, 2)
    }


def write_big(batch: list[str]) -> list[str]:
    """The batch copied :data:`BIG_COPIES` times (10,000 plans), for the flat-memory row."""
    folder = PLANS / "big"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(BIG_COPIES):
        for name in batch:
            target = folder / f"{n}-{Path(name).name}"
            shutil.copyfile(ROOT / name, target)
            out.append(rel(target))
    return out


def big_commands(batch: list[str], big: list[str]) -> dict[str, list[str]]:
    """Our command on the folder of 1,000 plans and on the folder of 10,000: a folder, so that
    the argument list (which Python copies several times) does not grow with the plans."""
    py = sys.executable
    return {
        "ours 1000": [py, "-m", "massage_routines", "validate", str(Path(batch[0]).parent)],
        "ours 10000": [py, "-m", "massage_routines", "validate", str(Path(big[0]).parent)],
    }


def commands(bin_dir: Path, files: list[str], *, batch: bool) -> dict[str, list[str]]:
    """The commands to time on ``files``: ours and the peers' (references only on one plan)."""
    py = sys.executable
    peers = PEERS / "peers"
    # `python -c pass` gets the files too: on the batch it shows what 1000 arguments alone cost
    out: dict[str, list[str]] = {"python -c pass": [py, "-c", "pass", *files]}
    if not batch:
        out["python -c 'import yaml'"] = [py, "-c", "import yaml"]
    out["ours"] = [py, "-m", "massage_routines", "validate", *files]
    out["pydantic_cli.py"] = [py, str(peers / "pydantic_cli.py"), *files]
    out["msgspec_cli.py"] = [py, str(peers / "msgspec_cli.py"), *files]
    if not batch:  # ~12 s a run on the batch: its figure is in the peers' own results
        schema = ["--schemafile", str(SCHEMA)]
        out["check-jsonschema"] = [str(bin_dir / "check-jsonschema"), *schema, *files]
    return out


# ---------------------------------------------------------------- the targets


def _row(
    what: str,
    ours: float | None,
    peer: float | None,
    *,
    vs: str,
    unit: str,
    target: float,
    absolute: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """A row of the target table. The target bounds ``ours / peer``, or ``ours`` if ``absolute``.

    ``ours`` is ``None`` when there is nothing to measure (yet): the verdict is then ``n/a``.
    """
    ratio = ours / peer if ours is not None and peer else None
    value = ours if absolute else ratio
    verdict = "n/a" if value is None else "PASS" if value <= target else "FAIL"
    return {
        "what": what,
        "ours": ours,
        "peer": peer,
        "peer_name": vs,
        "unit": unit,
        "ratio": ratio,
        "target": target,
        "absolute": absolute,
        "verdict": verdict,
        "note": note,
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per target: our median, the peer's, the ratio, the target and PASS/FAIL."""
    one, batch = results["cli_one_plan"], results["cli_batch"]
    us = {key: fig["median"] for key, fig in results["in_process"]["us"].items()}
    ms = {name: fig["median"] * 1e3 for name, fig in one.items()}
    cpu = {name: fig["cpu_s"]["median"] for name, fig in one.items()}
    batch_cpu = {name: fig["cpu_s"]["median"] for name, fig in batch.items()}
    rss_mib = {name: fig["rss_kib"]["median"] / 1024 for name, fig in one.items()}
    batch_rss_mib = {name: fig["rss_kib"]["median"] / 1024 for name, fig in batch.items()}
    argv_mib = batch_rss_mib["python -c pass"] - rss_mib["python -c pass"]
    per_step = {key: us[f"{key}@2000"] / 2000 for key in ("validate_text", "validate_read")}
    per_step_20 = {key: us[f"{key}@20"] / 20 for key in ("validate_text", "validate_read")}
    rows = [
        _row(
            "(c) one command, typical.yaml",
            ms["ours"],
            ms["pydantic_cli.py"],
            vs="pydantic_cli.py",
            unit="ms",
            target=TARGET_CLI_VS_PYDANTIC,
            note=f"CPU time ratio {cpu['ours'] / cpu['pydantic_cli.py']:.2f}",
        ),
        _row(
            "(c) one command, typical.yaml",
            ms["ours"],
            ms["check-jsonschema"],
            vs="check-jsonschema",
            unit="ms",
            target=TARGET_CLI_VS_CHECK_JSONSCHEMA,
            note=f"CPU time ratio {cpu['ours'] / cpu['check-jsonschema']:.2f}",
        ),
        _row(
            f"(d) one command, {results['batch_files']} plans",
            batch["ours"]["median"],
            batch["pydantic_cli.py"]["median"],
            vs="pydantic_cli.py",
            unit="s",
            target=TARGET_BATCH_VS_PYDANTIC,
            note=f"CPU time ratio {batch_cpu['ours'] / batch_cpu['pydantic_cli.py']:.2f}",
        ),
        _row(
            "(d) peak RSS, ours: batch vs one plan",
            batch_rss_mib["ours"] - argv_mib,
            rss_mib["ours"],
            vs="ours, one plan",
            unit="MiB",
            target=TARGET_BATCH_RSS,
            note=f"batch {batch_rss_mib['ours']:.1f} MiB less +{argv_mib:.1f} MiB that "
            f"{results['batch_files']} arguments cost `python -c pass`",
        ),
        _row(
            "validate_text(typical) vs YAML load",
            us["validate_text@20"],
            us["CSafeLoader@20"],
            vs="yaml CSafeLoader",
            unit="us",
            target=TARGET_TEXT_VS_CSAFELOADER,
        ),
        _row(
            "validate_read(typical, read) vs dict",
            us["validate_read@20"],
            us["pydantic dict@20"],
            vs="pydantic dict",
            unit="us",
            target=TARGET_CHECK_VS_PYDANTIC,
        ),
    ]
    rows += [
        _row(
            f"scaling, {key}: 2000 vs 20 steps",
            per_step[key],
            per_step_20[key],
            vs="ours, 20 steps",
            unit="us/step",
            target=TARGET_SCALING,
        )
        for key in ("validate_text", "validate_read")
    ]
    rows += scale_rows(results)
    compose = results["in_process"]["compose"]
    if not compose["available"]:
        note = "not available: " + compose["why"]
    elif not compose["valid"]:
        note = "its routine does NOT validate: " + ", ".join(compose["error_codes"])
    else:
        note = ""
    rows.append(
        _row(
            "compose swedish 60m, 3 conditions",
            us["compose"] / 1e3 if compose["available"] else None,
            None,
            vs="-",
            unit="ms",
            target=TARGET_COMPOSE_MS,
            absolute=True,
            note=note,
        )
    )
    return rows


def scale_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """``-j 2`` against ``-j 1`` on the batch; peak RSS on 10,000 plans against 1,000."""
    jobs = results.get("cli_jobs")
    files = results["batch_files"]
    if jobs:
        one, two = jobs["ours -j 1"], jobs["ours -j 2"]
        note = (
            f"CPU time ratio {two['cpu_s']['median'] / one['cpu_s']['median']:.2f}; "
            f"{results['machine']['cpus']} cpus; the machine gives two processes "
            f"{results['parallel_capacity']:.2f} (0.50 when both cores are free)"
        )
        row = _row(
            f"validate -j 2 vs -j 1, {files} plans",
            two["median"],
            one["median"],
            vs="ours -j 1",
            unit="s",
            target=TARGET_JOBS,
            note=note,
        )
    else:
        row = _row(
            f"validate -j 2 vs -j 1, {files} plans",
            None,
            None,
            vs="ours -j 1",
            unit="s",
            target=TARGET_JOBS,
            note="not available: validate has no -j/--jobs yet",
        )
    big = results["cli_big"]
    mib = {name: fig["rss_kib"]["median"] / 1024 for name, fig in big.items()}
    return [
        row,
        _row(
            f"peak RSS, ours: {results['big_count']:,} vs {files:,} plans",
            mib["ours 10000"],
            mib["ours 1000"],
            vs=f"ours, {files:,} plans",
            unit="MiB",
            target=TARGET_10K_RSS,
            note="`validate FOLDER`: the arguments do not grow with the plans",
        ),
    ]


# ---------------------------------------------------------------- report


def _num(value: float) -> str:
    """A figure with about three significant digits."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def show(results: dict[str, Any]) -> None:
    """Print the verdicts, the target table and the reference figures."""
    m = results["machine"]
    print(
        f"\n{results['date']}  python {m['python']}  {m['cpus']} cpus  load "
        f"{m['loadavg_start'][0]:.2f} -> {m['loadavg_end'][0]:.2f}  "
        f"{'QUICK (smoke test, not figures)' if results['quick'] else 'full'}  "
        f"{len(results['rules'])} rules loaded"
    )

    v = results["verdicts"]
    cols = ["ours", "ours CLI", "pydantic", "msgspec", "jsonschema", "check-jsonschema"]
    print("\n== verdicts on the bad plans (caught = rejected; the control must be ok) ==")
    print(f"{'plan':34}" + "".join(f"{c:>17}" for c in cols) + "  our error codes")
    for name, row in v["bad"].items():
        bad = not name.startswith("good")
        cells = [
            ("caught" if row[c]["rejected"] else "MISSED")
            if bad
            else ("REJECTED" if row[c]["rejected"] else "ok")
            for c in cols
        ]
        codes = ",".join(row["ours"]["codes"]) or "-"
        print(
            f"{name.removesuffix('.yaml'):34}" + "".join(f"{x:>17}" for x in cells) + f"  {codes}"
        )
    caught = {
        c: sum(r[c]["rejected"] for n, r in v["bad"].items() if n.startswith("bad")) for c in cols
    }
    print(
        f"{'caught (of ' + str(len(v['bad']) - 1) + ')':34}"
        + "".join(f"{caught[c]:>17}" for c in cols)
    )
    warned = ", ".join(f"{code} x{n}" for code, n in v["good_warnings_by_code"].items()) or "none"
    for bad in v["good_rejected"][:10]:
        print(f"  REJECTED good plan {bad['plan']}: {', '.join(bad['codes'])}")
    print(
        f"good generated plans rejected by ours: {len(v['good_rejected'])} of {v['good_plans']}"
        f"  (warnings on them: {warned})"
    )  # fmt: skip

    print("\n== targets (medians of one run; ratio = ours / peer) ==")
    print(
        f"{'measure':42}{'ours':>14}{'peer':>14}  {'peer is':17}{'ratio':>6}{'target':>10}  result"
    )
    for row in results["targets"]:
        unit = row["unit"]
        limit = f"<={row['target']:g} {unit}" if row["absolute"] else f"<={row['target']:.2f}"
        ours = f"{_num(row['ours'])} {unit}" if row["ours"] is not None else "-"
        peer = f"{_num(row['peer'])} {unit}" if row.get("peer") is not None else "-"
        ratio = f"{row['ratio']:.2f}" if row.get("ratio") is not None else "-"
        result = row["verdict"] if row["verdict"] != "n/a" else ""
        note = f"  ({row['note']})" if row["note"] and result else row["note"]
        print(
            f"{row['what']:42}{ours:>14}{peer:>14}  {row['peer_name']:17}{ratio:>6}{limit:>10}"
            f"  {result}{note}"
        )

    print("\n== one command, one 20-step plan: wall ms (median [min-max]), CPU ms, peak RSS ==")
    for name, r in results["cli_one_plan"].items():
        wall_ms = f"{r['median'] * 1e3:.1f} [{r['min'] * 1e3:.1f}-{r['max'] * 1e3:.1f}]"
        print(
            f"{name:26}{wall_ms:>22}{r['cpu_s']['median'] * 1e3:8.1f} cpu"
            f"{r['rss_kib']['median'] / 1024:8.1f} MiB  exit {','.join(map(str, r['exit']))}"
        )
    n = results["batch_files"]
    print(f"\n== one command, {n} plans: wall s (median [min-max]), CPU s, peak RSS ==")
    for name, r in results["cli_batch"].items():
        marginal = (r["median"] - results["cli_one_plan"][name]["median"]) / (n - 1)
        wall_s = f"{r['median']:.2f} [{r['min']:.2f}-{r['max']:.2f}]"
        print(
            f"{name:26}{wall_s:>22}{r['cpu_s']['median']:8.2f} cpu"
            f"{r['rss_kib']['median'] / 1024:8.1f} MiB  marginal {marginal * 1e3:5.2f} ms/plan"
            f"  exit {','.join(map(str, r['exit']))}"
        )

    print("\n== in process: us per call (median [min-max]) ==")
    for name, r in results["in_process"]["us"].items():
        print(f"{name:26}{r['median']:12.1f}  [{r['min']:.1f}-{r['max']:.1f}]")
    failed = [r for r in results["targets"] if r["verdict"] == "FAIL"]
    print(
        f"\n{sum(r['verdict'] == 'PASS' for r in results['targets'])} PASS, {len(failed)} FAIL, "
        f"{sum(r['verdict'] == 'n/a' for r in results['targets'])} not available"
    )


# ---------------------------------------------------------------- main


def main() -> None:
    """Build or reuse the environment, re-run in it, measure, print and save."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke test")
    parser.add_argument(
        "--out", type=Path, help=f"results file (default {RESULTS}/bench-DATE.json)"
    )
    args = parser.parse_args()
    if sys.version_info < (3, 11):  # noqa: UP036 - python3 on a fresh machine may be older
        sys.exit("bench: massage_routines needs Python 3.11 or newer")

    reexec_in_venv(__file__)
    os.environ.pop("MASSAGE_ROUTINES_PLUGINS", None)  # the default selection, in process too
    import_peers()
    check_install()
    from massage_routines.plugins.registry import default_registry

    settings = SETTINGS[args.quick]
    started = time.perf_counter()
    print(f"writing the plans to {rel(PLANS)} ...", file=sys.stderr)
    write_plans()
    bin_dir = Path(sys.executable).parent
    batch = [rel(p) for p in sorted((PLANS / "batch").glob("*.yaml"))]
    typical = [rel(PLANS / "typical.yaml")]
    registry = default_registry()
    now = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {
        "date": now.isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "loadavg_start": os.getloadavg(),
        },
        "packages": {p: metadata.version(p) for p in PACKAGES},
        "settings": settings,
        "rules": [rule.name for rule in registry.rules],
        "plugin_problems": [p.message for p in registry.problems],
        "batch_files": len(batch),
    }
    print("checking verdicts ...", file=sys.stderr)
    results["verdicts"] = verdicts(bin_dir)
    print("timing in process ...", file=sys.stderr)
    results["in_process"] = in_process(settings["inproc_repeat"])
    print("timing commands on one plan ...", file=sys.stderr)
    results["cli_one_plan"] = wall(
        commands(bin_dir, typical, batch=False), settings["cli_runs"], settings["cli_warmup"]
    )
    print(f"timing commands on {len(batch)} plans ...", file=sys.stderr)
    results["cli_batch"] = wall(
        commands(bin_dir, batch, batch=True), settings["batch_runs"], settings["batch_warmup"]
    )
    results["parallel_capacity"] = parallel_capacity()
    if has_jobs():
        print(f"timing validate -j 1 and -j 2 on {len(batch)} plans ...", file=sys.stderr)
        results["cli_jobs"] = wall(
            jobs_commands(batch), settings["batch_runs"], settings["batch_warmup"]
        )
    else:
        results["cli_jobs"] = None
    big = write_big(batch)
    results["big_count"] = len(big)
    print(f"peak memory on {len(big)} plans ...", file=sys.stderr)
    results["cli_big"] = wall(big_commands(batch, big), settings["big_runs"], 0)
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = targets(results)

    out = args.out or RESULTS / f"bench-{now:%Y-%m-%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    show(results)
    print(f"\nwrote {rel(out)} ({results['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
