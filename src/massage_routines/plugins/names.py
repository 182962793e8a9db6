"""How plugin records are named: one way to write each kind of name, and what names compare as.

Names of techniques, families, styles, conditions, sites, rules and advice are lower_snake ASCII
(``hot_stone``), regions dotted lower_snake (``back.upper.rhomboids``), finding codes upper-case
letters and digits (``HS001``). A name written any other way (``Osteoporosis``, a Cyrillic
``оsteoporosis``, ``osteoporosis ``) would name nothing the other records know, so the registry
does not use it (see :mod:`massage_routines.plugins.coherence`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from massage_routines.model.regions import is_region_name

if TYPE_CHECKING:
    from massage_routines.plugins.records import Kind

#: A name of a technique, family, style, condition, site, rule or piece of advice.
_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")
#: A finding code.
_CODE = re.compile(r"[A-Z][A-Z0-9]*\Z")


def canonical(name: str) -> str:
    """``name`` as compared for clashes: NFKC-normalised, case-folded, trimmed.

    Cyrillic letters that look Latin stay themselves (``оsteoporosis`` is not ``osteoporosis``):
    such a name is caught by :func:`name_problem`, which allows ASCII only.
    """
    return unicodedata.normalize("NFKC", name).casefold().strip()


def name_problem(kind: Kind | str, name: object) -> str | None:
    """Why ``name`` cannot name a record of ``kind`` (``"family"`` too); ``None`` if it can."""
    if not isinstance(name, str) or not name:
        return f"{kind} {name!r} has no name"
    if kind == "region":
        if is_region_name(name):
            return None
        return f"region {name!r} is not a region name (lower-case words joined by dots)"
    if _NAME.match(name):
        return None
    return f"{kind} {name!r} is not a lower_snake ASCII name (lower-case a-z, digits, '_')"


def replaces_problem(kind: Kind | str, name: object, replaces: object) -> str | None:
    """Why a record's ``replaces`` is not the name of a plugin; ``None`` if it is (or unset)."""
    if replaces is None or (isinstance(replaces, str) and replaces.strip() == replaces != ""):
        return None
    return (
        f"{kind} {name!r}: replaces={replaces!r} is not the name of the plugin whose record it "
        "replaces"
    )


def code_problem(code: object) -> str | None:
    """Why ``code`` cannot be a finding code; ``None`` if it can."""
    if isinstance(code, str) and _CODE.match(code):
        return None
    return f"the code {code!r} is not upper-case letters and digits (such as 'HS001')"


def reserved_codes() -> dict[str, str]:
    """The codes the host gives itself (engine and reader), which no rule may declare."""
    from massage_routines.planfile.codes import READER_CODES
    from massage_routines.validation.codes import ENGINE_CODES

    return {
        **dict.fromkeys(ENGINE_CODES, "the rule engine"),
        **dict.fromkeys(READER_CODES, "the plan reader"),
    }
