"""Built-in plugin ``sites``: the endangerment sites of domain.md section 2.

Places where careless pressure harms a nerve, vessel, organ or bone (Werner). They are not
forbidden: they take broad, light contact. A step on a site (or inside it) above its ``cap``, or
with a technique or family it forbids, is an error; a step on a larger region that holds the
site (``leg.left`` holds ``leg.left.knee_back``) gets a warning, so the therapist eases off or
skips the site while working the region.

``*`` in a region stands for one segment: ``leg.*.knee_back`` is the back of either knee.
Families: ``percussion`` is tapotement; ``deep`` is the deep-tissue techniques.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import SiteSpec

#: The endangerment sites, with their caps and the techniques or families not used on them.
SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        "anterior_neck",
        "neck.anterior",
        "carotid artery and sinus, jugular vein, trachea",
        cap=1,
        forbidden=("thumb_pressure", "trigger_point", "percussion"),
    ),
    SiteSpec(
        "popliteal_fossa",
        "leg.*.knee_back",
        "popliteal artery and vein, tibial nerve",
        cap=1,
    ),
    SiteSpec(
        "axilla",
        "arm.*.axilla",
        "brachial plexus, axillary vessels, lymph nodes",
        cap=2,
    ),
    SiteSpec(
        "abdomen",
        "abdomen",
        "liver, spleen, xiphoid tip, hernia",
        cap=2,
        forbidden=("percussion",),
    ),
    SiteSpec(
        "kidneys",
        "back.lower",
        "kidneys and floating ribs",
        forbidden=("percussion",),
    ),
    SiteSpec(
        "sternum",
        "chest",
        "sternum",
        forbidden=("percussion",),
    ),
    SiteSpec(
        "face",
        "head.face",
        "facial bones and the eyes",
        forbidden=("percussion",),
    ),
)


@hookimpl
def massage_sites() -> tuple[SiteSpec, ...]:
    """The endangerment sites: :data:`SITES`."""
    return SITES
