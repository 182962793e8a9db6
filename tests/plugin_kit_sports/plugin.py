"""The ``sports`` plugin of the tests: one style whose shape depends on ``timing``.

Before an event the session is brisk (tapotement and compression on the legs); after it, slow
(long effleurage and petrissage). The legs block of each timing says ``when=`` it applies; the
back block is common to both. It builds on the built-in ``swedish`` strokes and declares so.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    Block,
    DurationRange,
    Move,
    PressureRange,
    SessionShape,
    StyleOption,
    StyleSpec,
)

massage_routines_api = ">=1,<2"
massage_routines_requires = ("swedish",)

PRE = (
    Move("effleurage", PressureRange(1, 2)),
    Move("tapotement", PressureRange(2, 3), weight=2),
    Move("vibration", PressureRange(1, 2)),
)
POST = (
    Move("effleurage", PressureRange(1, 2), weight=2),
    Move("petrissage", PressureRange(2, 3), weight=2),
    Move("effleurage", PressureRange(1, 2)),
)


@hookimpl
def massage_styles() -> list[StyleSpec]:
    return [
        StyleSpec(
            "sports",
            positions=("prone", "supine"),
            session_length=DurationRange("15m", "90m"),
            techniques=("effleurage", "petrissage", "tapotement", "vibration"),
            shape=SessionShape(
                blocks=(
                    Block("leg", 3, moves=PRE, when={"timing": "pre_event"}),
                    Block("leg", 3, moves=POST, when={"timing": "post_event"}),
                    Block("back", 1, moves=POST),
                ),
            ),
            options=(
                StyleOption(
                    "timing",
                    ("pre_event", "post_event"),
                    "post_event",
                    "before the client's event (brisk) or after it (slow)",
                ),
            ),
            description="sports massage, before or after an event",
        )
    ]
