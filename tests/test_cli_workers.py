"""``validate -j N`` in worker processes: forked copies of this process on Linux, a pool of
spawned processes elsewhere. Both give every outcome, in order; a worker that dies loses no file
silently; an abandoned run leaves no process behind; spawned workers use the same plugins."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from massage_routines.cli import checking, workers
from massage_routines.findings import Severity
from massage_routines.plugins.registry import default_registry, select_plugins
from massage_routines.validation.codes import INTERNAL_ERROR
from tests.conftest import EXAMPLES

forking = pytest.mark.skipif(not workers.can_fork(), reason="forked workers are Linux-only")
PLANS = sorted(str(p) for p in (EXAMPLES / "plans").glob("*.yaml"))
INVALID = sorted(str(p) for p in (EXAMPLES / "invalid").glob("*.yaml"))


def _echo(chunk):
    return [(path, os.getpid()) for path in chunk]


def _lost(path, why):
    return (path, why)


@pytest.mark.parametrize("count", [0, 1, 7, 64, 1000, 100_000, 1_000_000])
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_chunks_cover_the_files_shrink_and_fit_the_pipe(count, jobs) -> None:
    paths = [str(n) for n in range(count)]
    chunks = workers.chunked(paths, jobs)
    assert [p for chunk in chunks for p in chunk] == paths
    assert len(chunks) <= workers.MAX_CHUNKS
    assert workers.MAX_CHUNKS * workers._TOKEN <= 4096  # written at once, into any pipe
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)  # the small ones last
    floor = max(1, -(-count // workers.MAX_CHUNKS))  # so many files, so many per chunk
    if count:
        assert max(sizes) <= max(workers.MAX_CHUNK, floor) and sizes[-1] <= floor
    if count > jobs * workers.SHARE * workers.MAX_CHUNK and count <= workers.MAX_CHUNKS:
        assert sizes[0] == workers.MAX_CHUNK


@forking
def test_forked_workers_give_every_outcome_in_order_from_several_processes() -> None:
    chunks = [[f"{n}.{i}" for i in range(3)] for n in range(40)]
    got = list(workers.in_parallel(chunks, _slow_echo, 3, lost=_lost, fork=True))
    assert [path for path, _ in got] == [p for chunk in chunks for p in chunk]
    assert os.getpid() in {pid for _, pid in got}  # this process takes chunks too
    assert len({pid for _, pid in got}) >= 2


def _slow_echo(chunk):
    time.sleep(0.002)  # long enough that every process gets chunks
    return _echo(chunk)


@forking
def test_no_more_copies_than_chunks_to_take() -> None:
    forked = workers._Forked([["a"], ["b"]], _echo, 8, _lost)
    assert len(forked.copies) == 1  # this process and one copy, not eight processes
    assert [path for path, _ in forked.outcomes()] == ["a", "b"]


@forking
def test_a_worker_that_dies_loses_no_file_silently(tmp_path) -> None:
    parent = os.getpid()
    dead = tmp_path / "dead"

    def dies_in_a_copy(chunk):
        if os.getpid() != parent:  # a copy: dies on the first chunk it takes
            dead.write_text("")
            os.kill(os.getpid(), signal.SIGKILL)
        for _ in range(2000):  # this process waits until the copy is gone
            if dead.exists():
                break
            time.sleep(0.005)
        return _echo(chunk)

    chunks = [["a1", "a2"], ["b1", "b2"]]
    got = list(workers.in_parallel(chunks, dies_in_a_copy, 2, lost=_lost, fork=True))
    assert [item[0] for item in got] == ["a1", "a2", "b1", "b2"]
    lost = [item for item in got if isinstance(item[1], str)]
    kept = [item for item in got if item[1] == parent]
    assert len(lost) == len(kept) == 2
    assert all("killed by signal 9" in why for _, why in lost)


@forking
def test_a_run_abandoned_midway_leaves_no_process_behind() -> None:
    chunks = [[f"{n}"] for n in range(200)]
    outcomes = workers.in_parallel(chunks, _slow_echo, 3, lost=_lost, fork=True)
    assert next(outcomes)[0] == "0"
    outcomes.close()  # as when the output pipe closes: the copies are ended and reaped


def test_a_lost_file_is_an_error_in_the_report() -> None:
    report, problem = checking._not_checked("p.yaml", "a worker died", stdin_name=None)
    assert problem is None and report is not None
    (finding,) = report.findings
    assert (finding.code, finding.severity) == (INTERNAL_ERROR, Severity.ERROR)
    assert not report.passes(strict=False)
    named, _ = checking._not_checked("-", "a worker died", stdin_name="in.yaml")
    assert named is not None and named.file == "in.yaml"


@pytest.mark.parametrize("fork", [True, False] if workers.can_fork() else [False])
def test_both_ways_check_the_files_as_one_process_does(fork, monkeypatch) -> None:
    files = [*PLANS, *INVALID] * 2
    monkeypatch.setattr(workers, "can_fork", lambda: fork)
    one = list(checking.check_files(files, None, None, jobs=1))
    two = list(checking.check_files(files, None, None, jobs=2))
    assert two == one
    assert any(report is not None and not report.passes(strict=False) for report, _ in two)


def test_spawned_workers_use_the_plugin_selection_of_the_command(monkeypatch) -> None:
    swedish = [p for p in PLANS if "style: swedish" in Path(p).read_text(encoding="utf-8")]
    assert swedish
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    select_plugins(["no:swedish"])
    try:
        alone = list(checking.check_files(swedish[:1] * 8, None, None, jobs=1))
        spawned = list(checking.check_files(swedish[:1] * 8, None, None, jobs=2))
    finally:
        select_plugins(())
    assert spawned == alone
    report = spawned[0][0]
    assert report is not None and not report.passes(strict=False)  # no Swedish: not valid
    assert default_registry().styles.get("swedish") is not None


def _children() -> set[int]:
    """This process's child processes (Linux; unreaped ones too), but multiprocessing's
    resource tracker, which lives as long as the process that started it."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read()
        except OSError:  # ended meanwhile
            continue
        parent = stat.rsplit(b")", 1)[1].split()[1]  # after "(name)": the state, then the ppid
        if int(parent) == me and b"resource_tracker" not in command:
            found.add(int(entry))
    return found


@pytest.fixture(autouse=True)
def _no_process_left_behind():
    before = _children() if workers.can_fork() else set()
    yield
    if workers.can_fork():
        assert _children() - before == set()


def test_exit_now_runs_the_exit_functions_and_flushes() -> None:

    code = (
        "import atexit\n"
        "from massage_routines.cli.main import exit_now\n"
        "atexit.register(lambda: print('at exit'))\n"
        "print('out', end=' ')\n"
        "exit_now(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert (done.returncode, done.stdout) == (3, "out at exit\n")
