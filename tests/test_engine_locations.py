"""Findings about the client keep their places when bad flags or conditions are left out."""

from __future__ import annotations

from massage_routines import validate_text

PLAN = """\
name: x
style: swedish
position: prone
client:
  flags:
    - Bad Region
    - back.lower
  conditions:
    - {name: pregnancy, trimester: 7}
    - fever
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
  - technique: petrissage
    region: back.upper
    pressure: 2
    duration: 10m
"""


def test_paths_and_lines_follow_the_file_not_the_kept_items() -> None:
    report = validate_text(PLAN)
    found = {f.code: (f.path, f.line, f.column) for f in report.findings}
    assert found["R110"] == ("client.flags[0]", 6, 7)
    assert found["R111"] == ("client.conditions[0].trimester", 9, 36)
    assert found["C001"] == ("client.conditions[1]", 10, 7)
    assert found["F001"] == ("steps[0].region", 13, 13)
    (flag,) = [f for f in report.findings if f.code == "F001"]
    assert "client.flags[1]" in flag.message
    assert not report.valid
