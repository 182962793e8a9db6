"""``load_routine``: a plan's text or file → a routine, or every problem as a :class:`PlanError`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.errors import PlanError
from massage_routines.planfile.reader import read_plan_file, read_plan_text

if TYPE_CHECKING:
    import os

    from massage_routines.model.routine import Routine


def load_routine(source: str | os.PathLike[str], *, text: bool = False) -> Routine:
    """Read a routine from a file path (or, with ``text=True``, from plan text).

    Only the plan's format is checked here (structure and values); check its safety with
    :func:`massage_routines.validate`. Raises :class:`PlanError` with every located finding.
    """
    result = read_plan_text(str(source)) if text else read_plan_file(source)
    if result.routine is None or result.findings:
        raise PlanError(result.findings)
    return result.routine
