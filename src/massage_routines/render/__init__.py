"""What people see: a session sheet (HTML or Markdown) and pictures (SVG) of a routine.

- :func:`render_html`: one self-contained HTML page: the plan, the client in words, the
  timeline, where to turn the client, condition reminders, a body map and a pressure chart, and
  preparation and aftercare; a plan that fails the safety check gets a "Not safe as written"
  banner with its findings and is still drawn.
- :func:`render_markdown`: the same sheet as Markdown, without the pictures.
- :func:`render_svg`: the body map and the pressure chart as one SVG file.

Nothing here is imported by ``validate``: the command line loads this package only for
``render``. Modules: ``facts`` (what is derived from the plan), ``words`` (values in words),
``text`` (escaping), ``shapes`` (the body map's geometry, as data), ``palette`` (colours),
``bodymap``, ``chart``, ``sections``, ``css``, ``html``, ``markdown``, ``svg``, and ``advice``
(the preparation and aftercare a sheet shows: the plan's own, else the plugins').
"""

from __future__ import annotations

from massage_routines.render.advice import Advice, advice_for
from massage_routines.render.html import render_html
from massage_routines.render.markdown import render_markdown
from massage_routines.render.shapes import SHAPES, Shape
from massage_routines.render.svg import render_svg

__all__ = [
    "SHAPES",
    "Advice",
    "Shape",
    "advice_for",
    "render_html",
    "render_markdown",
    "render_svg",
]
