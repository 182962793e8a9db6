"""``compose --style STYLE --duration D [--focus REGION ...] [--client C.yaml] [-o PLAN.yaml]``.

(Being written: the composer's own command.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``compose``."""
    parser.add_argument("--style", required=True)
    parser.add_argument("--duration", required=True)


def run(args: argparse.Namespace) -> int:
    """Compose and write the plan."""
    raise NotImplementedError("compose is not written yet")
