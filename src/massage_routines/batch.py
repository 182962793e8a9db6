"""Checking a large collection of plans beyond one process: a Dask bag of reports.

``pip install massage_routines[dask]``, then::

    from massage_routines.batch import validate_bag

    reports = validate_bag(paths, npartitions=8).compute(scheduler="processes")
    invalid = [r.file for r in reports if not r.valid]

Each partition is checked by :func:`validate_paths` in one worker, with the worker's own
registry (built once per process), so only file names go out and :class:`~massage_routines.
findings.Report` objects come back: both pickle, as do findings, routines and the library's
errors. The same bag runs on a cluster with ``dask.distributed`` (the files must be readable
where the workers run). See ``docs/scale.md``.

Dask is imported only by :func:`validate_bag`; this module costs nothing without it.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import dask.bag

    from massage_routines.findings import Report


def validate_paths(
    paths: Iterable[str | os.PathLike[str]], *, budget: float | None = None
) -> list[Report]:
    """Check each plan file in this process, in order: one report each.

    The registry is the default one (the installed plugins, loaded once per process).
    ``budget``: seconds the rules may take on each plan (see
    :func:`~massage_routines.validation.engine.run_rules`). A file that cannot be read raises
    ``OSError`` (it pickles, so Dask passes it back to the caller).
    """
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation.engine import validate_file

    registry = default_registry()
    return [validate_file(path, registry, budget=budget) for path in paths]


def validate_bag(
    paths: Sequence[str | os.PathLike[str]],
    *,
    npartitions: int | None = None,
    budget: float | None = None,
) -> dask.bag.Bag:
    """A Dask bag of the reports of ``paths`` (lazy: call ``.compute()``), in their order.

    ``npartitions``: how many pieces the work is cut into (by default about 100 files each,
    at least one per file up to 100 pieces). Run it with ``.compute(scheduler="processes")`` on
    one machine, or on a ``dask.distributed`` cluster. Needs the ``dask`` extra
    (``pip install massage_routines[dask]``).
    """
    try:
        import dask.bag as db
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("validate_bag needs Dask: pip install 'massage_routines[dask]'") from exc
    names = [os.fspath(p) for p in paths]
    if npartitions is None:
        npartitions = max(1, min(100, -(-len(names) // 100)))
    bag = db.from_sequence(names, npartitions=max(1, min(npartitions, len(names) or 1)))
    return bag.map_partitions(functools.partial(validate_paths, budget=budget))
