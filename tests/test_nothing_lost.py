"""Nothing lost: writing a plan never leaves a half-written file, never overwrites without being
asked, and a failure at any point leaves the earlier file as it was.

``save_plan`` is tested directly, with the operating system failing at each step (the write
itself, ``fsync``, the rename, the link, an interrupt); ``compose -o`` is tested through the
command line.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from typing import TYPE_CHECKING, Any

import pytest

from massage_routines.cli.main import main
from massage_routines.model import Duration, Position, Pressure, Region, Routine, Step
from massage_routines.planfile.reader import read_plan_file
from massage_routines.planfile.writer import save_plan, write_plan
from massage_routines.validation.engine import validate_file
from tests.conftest import EXAMPLES

if TYPE_CHECKING:
    from pathlib import Path

ROUTINE = Routine(
    "Back",
    "swedish",
    (
        Step("effleurage", Region("back"), Pressure(2), Duration.parse("5m")),
        Step("petrissage", Region("back.lower"), Pressure(3), Duration.parse("10m"), notes="slow"),
        Step("effleurage", Region("back"), Pressure(2), Duration.parse("5m")),
    ),
    position=Position.PRONE,
)
EARLIER = b"# the therapist's own plan, which must survive\nname: mine\n"


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """An existing plan file that a failed save must leave as it was."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(EARLIER)
    return path


# ---------------------------------------------------------------- save_plan


def test_a_saved_plan_reads_back_and_leaves_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    save_plan(ROUTINE, path)
    assert listing(tmp_path) == ["plan.yaml"]
    result = read_plan_file(path)
    assert result.findings == () and result.routine == ROUTINE


def test_an_existing_file_is_not_overwritten_without_being_asked(earlier: Path) -> None:
    with pytest.raises(FileExistsError, match="--force"):
        save_plan(ROUTINE, earlier)
    assert earlier.read_bytes() == EARLIER
    assert listing(earlier.parent) == ["plan.yaml"]


def test_overwrite_replaces_the_file_whole(earlier: Path) -> None:
    save_plan(ROUTINE, earlier, overwrite=True)
    assert earlier.read_text(encoding="utf-8") == write_plan(ROUTINE)
    assert listing(earlier.parent) == ["plan.yaml"]


def test_a_file_that_appears_meanwhile_is_not_overwritten(
    earlier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program creates the file between the check and the write: the link refuses."""
    real = os.path.exists
    monkeypatch.setattr(os.path, "exists", lambda path: path != str(earlier) and real(path))
    with pytest.raises(FileExistsError):
        save_plan(ROUTINE, earlier)
    monkeypatch.undo()
    assert earlier.read_bytes() == EARLIER
    assert listing(earlier.parent) == ["plan.yaml"]


class FailingFile:
    """A text file that writes ``keep`` characters, then fails (the disk is full)."""

    def __init__(self, handle: Any, keep: int, target: Path) -> None:
        self.handle = handle
        self.keep = keep
        self.target = target
        self.seen_during_write: bytes | None = None

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, text: str) -> int:
        self.handle.write(text[: self.keep])
        self.handle.flush()
        # What a reader of the target sees while the plan is being written.
        self.seen_during_write = self.target.read_bytes() if self.target.exists() else None
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def fail_the_write(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[FailingFile]:
    made: list[FailingFile] = []
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> FailingFile:
        made.append(FailingFile(real(fd, *args, **kwargs), 20, target))
        return made[-1]

    monkeypatch.setattr(os, "fdopen", fdopen)
    return made


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_write_that_fails_midway_leaves_the_earlier_file(
    earlier: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool
) -> None:
    target = earlier if overwrite else earlier.with_name("new.yaml")
    made = fail_the_write(monkeypatch, target)
    with pytest.raises(OSError, match="No space left"):
        save_plan(ROUTINE, target, overwrite=overwrite)
    assert made and made[0].seen_during_write == (EARLIER if overwrite else None)
    assert earlier.read_bytes() == EARLIER
    assert not (earlier.parent / "new.yaml").exists()
    assert listing(earlier.parent) == ["plan.yaml"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("step", "overwrite"),
    [("fsync", False), ("fsync", True), ("replace", True), ("link", False)],
)
def test_a_failure_at_each_later_step_leaves_the_earlier_file(
    earlier: Path, monkeypatch: pytest.MonkeyPatch, step: str, overwrite: bool
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EIO, f"{step} failed")

    monkeypatch.setattr(os, step, fail)
    target = earlier if overwrite else earlier.with_name("new.yaml")
    with pytest.raises(OSError, match=f"{step} failed"):
        save_plan(ROUTINE, target, overwrite=overwrite)
    monkeypatch.undo()
    assert earlier.read_bytes() == EARLIER
    assert listing(earlier.parent) == ["plan.yaml"]


def test_an_interrupt_midway_leaves_the_earlier_file(
    earlier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the write (a ``BaseException``): the temporary file goes too."""

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_plan(ROUTINE, earlier, overwrite=True)
    monkeypatch.undo()
    assert earlier.read_bytes() == EARLIER
    assert listing(earlier.parent) == ["plan.yaml"]


def test_a_missing_directory_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        save_plan(ROUTINE, tmp_path / "no" / "such" / "plan.yaml")
    assert listing(tmp_path) == []


# ---------------------------------------------------------------- compose -o


def run_main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


COMPOSE = ("compose", "--style", "swedish", "--duration", "30m")


def test_compose_o_writes_a_plan_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    code, out, _ = run_main(*COMPOSE, "-o", str(path))
    assert (code, out) == (0, "")
    assert validate_file(path).valid
    assert listing(tmp_path) == ["plan.yaml"]


def test_compose_o_does_not_overwrite_without_force(earlier: Path) -> None:
    code, _, err = run_main(*COMPOSE, "-o", str(earlier))
    assert code == 2 and "--force" in err
    assert earlier.read_bytes() == EARLIER
    assert listing(earlier.parent) == ["plan.yaml"]

    code, _, _ = run_main(*COMPOSE, "-o", str(earlier), "--force")
    assert code == 0
    assert validate_file(earlier).valid
    assert listing(earlier.parent) == ["plan.yaml"]


def test_compose_o_that_fails_midway_leaves_the_earlier_file(
    earlier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_the_write(monkeypatch, earlier)
    code, out, err = run_main(*COMPOSE, "-o", str(earlier), "--force")
    assert code == 2 and out == ""
    assert "cannot write" in err and "Traceback" not in err
    assert earlier.read_bytes() == EARLIER
    assert listing(earlier.parent) == ["plan.yaml"]


def test_compose_o_with_no_safe_plan_writes_nothing(tmp_path: Path, earlier: Path) -> None:
    client = EXAMPLES / "clients" / "fever.yaml"
    new = tmp_path / "new.yaml"
    for target in (new, earlier):
        code, out, err = run_main(*COMPOSE, "--client", str(client), "-o", str(target), "--force")
        assert code == 1 and out == "" and "no safe plan" in err
    assert not new.exists()
    assert earlier.read_bytes() == EARLIER


def test_compose_o_into_a_missing_directory_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run_main(*COMPOSE, "-o", str(tmp_path / "no" / "plan.yaml"))
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    assert listing(tmp_path) == []


def test_save_plan_works_without_hard_links(tmp_path, monkeypatch) -> None:
    """On file systems without hard links the plan is still written, and still not over a file."""
    import os

    from massage_routines.planfile import writer
    from massage_routines.planfile.reader import read_plan_text

    def no_links(src: str, dst: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    routine = read_plan_text((EXAMPLES / "plans" / "chair-15min.yaml").read_text()).routine
    assert routine is not None
    target = tmp_path / "plan.yaml"
    writer.save_plan(routine, target)
    assert read_plan_text(target.read_text()).routine == routine
    with pytest.raises(FileExistsError):
        writer.save_plan(routine, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


@pytest.mark.parametrize(
    "command",
    [
        ("compose", "--style", "chair", "--duration", "15m", "-o", "{out}"),
        ("validate", str(EXAMPLES / "plans" / "swedish-back.yaml"), "-o", "{out}"),
        ("render", str(EXAMPLES / "plans" / "swedish-back.yaml"), "-o", "{out}"),
    ],
    ids=["compose", "validate", "render"],
)
def test_written_files_get_the_usual_mode_not_mkstemps_0600(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "written"
    umask = os.umask(0o022)
    try:
        code, _, err = run_main(*(part.format(out=out) for part in command))
    finally:
        os.umask(umask)
    assert code == 0, err
    assert out.stat().st_mode & 0o777 == 0o644
    assert listing(tmp_path) == ["written"]
