"""Endangerment sites: places that take only broad, light contact (E001-E003).

domain.md section 2: a step on a site or inside it, above the site's cap or with a technique (or
family) the site forbids, is an error; a step on a larger region that holds a site is fine, with
a reminder to ease off or skip the site (a step on ``leg.left`` at 3 and the back of the knee).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, Severity
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.validation.rules._index import index_of
from massage_routines.validation.rules.examples import plan, step_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.plugins.records import SiteSpec, TechniqueSpec
    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.rules._index import RegistryIndex, Verdict

SITE_CAP = "E001"
SITE_FORBIDS = "E002"
SITE_INSIDE = "E003"


def _forbids(site: SiteSpec, technique: TechniqueSpec) -> str | None:
    if technique.name in site.forbidden:
        return technique.name
    if technique.family is not None and technique.family in site.forbidden:
        return f"{technique.name} (family {technique.family})"
    return None


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Each step against the sites it is on, inside, or holds."""
    index = index_of(ctx.registry)
    if not index.sites:
        return
    verdicts = index.site_verdicts
    for i, step in enumerate(ctx.routine.steps):
        key = (step.region.name, step.technique, step.pressure)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = _verdict(index, key)
        if verdict:
            for code, severity, field, message in verdict:
                yield ctx.finding(code, severity, message, ctx.step_path(i, field))


def _verdict(index: RegistryIndex, key: tuple[str, str, int]) -> Verdict:
    """What the sites say of a step on ``region`` with ``technique`` at ``pressure``.

    Kept per registry for known regions and techniques (a bounded set), so that a plan pays
    for each combination once.
    """
    region, name, pressure = key
    technique = index.techniques.get(name)
    spec = technique.spec if technique is not None else None
    at = index.sites_at(region)
    out: list[tuple[str, Severity, str, str]] = []
    if at is not None:
        out += _inside(region, int(pressure), at.inside, spec)
        out += _within(region, int(pressure), at.within, spec)
    verdict = tuple(out)
    if technique is not None and region in index.region_names:
        index.site_verdicts[key] = verdict
    return verdict


def _inside(
    region: str, pressure: int, sites: tuple[SiteSpec, ...], technique: TechniqueSpec | None
) -> Iterator[tuple[str, Severity, str, str]]:
    for site in sites:
        where = region if region == site.region else f"{region}, inside {site.region},"
        if site.cap is not None and pressure > site.cap:
            yield (
                SITE_CAP,
                Severity.ERROR,
                "pressure",
                f"pressure {pressure} on {where} is above {int(site.cap)}, the most the site "
                f"takes ({site.at_risk} at risk); use {int(site.cap)} or less",
            )
        what = _forbids(site, technique) if technique is not None else None
        if what is not None:
            yield (
                SITE_FORBIDS,
                Severity.ERROR,
                "technique",
                f"{what} is not used on {where} ({site.at_risk} at risk); use broad, light "
                "strokes there",
            )


def _within(
    region: str, pressure: int, sites: tuple[SiteSpec, ...], technique: TechniqueSpec | None
) -> Iterator[tuple[str, Severity, str, str]]:
    for site in sites:
        over = site.cap is not None and pressure > site.cap
        what = _forbids(site, technique) if technique is not None else None
        if not over and what is None:
            continue
        asks = []
        if over:
            asks.append(f"at most {int(site.cap)}")  # type: ignore[arg-type]
        if what is not None:
            asks.append(f"no {what}")
        yield (
            SITE_INSIDE,
            Severity.WARNING,
            "region",
            f"{region} holds {site.region} ({site.at_risk} at risk), which takes "
            f"{' and '.join(asks)}: ease off or skip it while working {region}",
        )


def _legs(region: str) -> str:
    return plan(
        step_text("effleurage", "leg.left.thigh"),
        step_text("effleurage", region),
        name="Legs",
        position="supine",
    )


def _front(technique: str, region: str, pressure: int) -> str:
    return plan(
        step_text("effleurage", "chest"),
        step_text(technique, region, pressure, "3m"),
        step_text("effleurage", "chest", duration="7m"),
        name="Neck and chest",
        position="supine",
    )


CODES = (
    CodeSpec(
        SITE_CAP,
        "site-cap",
        Severity.ERROR,
        "A step on an endangerment site (or inside one) is above the pressure the site takes: "
        "1 on the front of the neck and the back of the knee, 2 in the armpit and on the "
        "abdomen.",
        "domain.md section 2: careless pressure there harms a nerve, vessel, organ or bone; "
        "the sites take broad, light contact.",
        fails=_front(technique="effleurage", region="neck.anterior", pressure=2),
        passes=_front(technique="effleurage", region="neck.anterior", pressure=1),
    ),
    CodeSpec(
        SITE_FORBIDS,
        "site-forbids-technique",
        Severity.ERROR,
        "A step on an endangerment site (or inside one) uses a technique the site rules out: "
        "point pressure on the front of the neck, tapotement on the abdomen, kidneys, sternum "
        "or face.",
        "domain.md section 2, the 'rule' column.",
        fails=_front(technique="tapotement", region="chest", pressure=2),
        passes=_front(technique="vibration", region="chest", pressure=2),
    ),
    CodeSpec(
        SITE_INSIDE,
        "site-inside-region",
        Severity.WARNING,
        "A step on a larger region that holds an endangerment site is above the site's cap or "
        "uses a technique the site rules out: a reminder to ease off or skip the site.",
        "domain.md section 2: 'a step on leg.left at 3 is fine, with a reminder about the back "
        "of the knee'.",
        fails=_legs(region="leg.left"),
        passes=_legs(region="leg.left.calf"),
    ),
)

RULE = RuleSpec("sites", check, CODES, "Endangerment sites take only broad, light contact.")
