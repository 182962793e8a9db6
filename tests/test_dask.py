"""Checking plans with Dask (the ``dask`` extra): a bag of reports, across processes.

Skipped only when Dask is not installed (``pip install 'massage_routines[dask]'``); CI
(``.ci/run``) installs the extra, so there it always runs.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from massage_routines import PlanError, load_routine, validate_file
from massage_routines.batch import validate_paths
from tests.strategies_rules import registry

db = pytest.importorskip("dask.bag", reason="dask is not installed: pip install '.[dask]'")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> list[str]:
    """The example plans, valid and invalid, several times over (48 files)."""
    folder = tmp_path_factory.mktemp("plans")
    sources = sorted((EXAMPLES / "plans").glob("*.yaml")) + sorted(
        (EXAMPLES / "invalid").glob("*.yaml")
    )
    out = []
    for n in range(3):
        for source in sources:
            target = folder / f"{n}-{source.name}"
            shutil.copy(source, target)
            out.append(str(target))
    return out


def test_a_bag_on_processes_gives_the_reports_of_one_process(plans) -> None:
    from massage_routines.batch import validate_bag

    bag = validate_bag(plans, npartitions=4)
    assert bag.npartitions == 4
    reports = bag.compute(scheduler="processes", num_workers=2)
    expected = [validate_file(p, registry()) for p in plans]
    assert [r.file for r in reports] == plans
    assert reports == expected
    assert [f.path_parts for r in reports for f in r.findings] == [
        f.path_parts for r in expected for f in r.findings
    ]
    assert any(not r.valid for r in reports) and any(r.valid for r in reports)


def test_a_summary_stays_in_the_workers(plans) -> None:
    from massage_routines.batch import validate_bag

    counts = dict(
        validate_bag(plans, npartitions=3)
        .map(lambda r: r.valid)
        .frequencies()
        .compute(scheduler="processes", num_workers=2)
    )
    expected = [validate_file(p, registry()).valid for p in plans]
    assert counts == {True: expected.count(True), False: expected.count(False)}


def test_an_unreadable_file_comes_back_as_its_error(plans, tmp_path) -> None:
    from massage_routines.batch import validate_bag

    missing = str(tmp_path / "gone.yaml")
    with pytest.raises(FileNotFoundError):
        validate_bag([plans[0], missing]).compute(scheduler="processes", num_workers=2)


def test_what_crosses_processes_pickles(plans) -> None:
    reports = validate_paths(plans)
    assert pickle.loads(pickle.dumps(reports)) == reports
    routine = load_routine(EXAMPLES / "plans" / "swedish-back.yaml")
    assert pickle.loads(pickle.dumps(routine)) == routine
    try:
        load_routine(EXAMPLES / "invalid" / "typos.yaml")
    except PlanError as error:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is PlanError and again.findings == error.findings
    else:
        raise AssertionError("typos.yaml loaded")
