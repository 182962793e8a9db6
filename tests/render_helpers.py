"""Helpers of the render tests: reading a sheet back as a person's tools would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"


class SheetParser(HTMLParser):
    """Collects the timeline's step rows (their cells' text), the banner and the SVGs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.row_regions: list[str] = []
        self.banner = False
        self.sections: list[str] = []
        self._cell: list[str] | None = None
        self._in_step = False
        self.scripts = 0
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key):
                self.fetches.append(str(a[key]))
        if tag == "section":
            self.sections.append(str(a.get("class")))
            if a.get("id") == "not-safe":
                self.banner = True
        if tag == "tr" and a.get("class") == "step":
            self._in_step = True
            self.rows.append([])
        if tag == "td" and self._in_step:
            self._cell = []
            if a.get("data-region"):
                self.row_regions.append(str(a["data-region"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr":
            self._in_step = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_sheet(text: str) -> SheetParser:
    parser = SheetParser()
    parser.feed(text)
    parser.close()
    return parser


def svg_elements(text: str, css_class: str) -> ET.Element:
    """The ``<svg class=css_class>`` element of a page or an SVG document, parsed as XML."""
    match = re.search(rf'<svg [^>]*class="{css_class}".*?</svg>', text, re.S)
    assert match is not None, f"no <svg class={css_class}> in the page"
    return ET.fromstring(match.group(0))


def drawn_regions(svg: ET.Element) -> dict[str, int]:
    """For each ``data-region`` group, how many shapes it holds (its own and its children's)."""
    out: dict[str, int] = {}
    for group in svg.iter(f"{SVG}g"):
        name = group.get("data-region")
        if name is None:
            continue
        shapes = sum(
            1 for e in group.iter() if e.tag in (f"{SVG}rect", f"{SVG}ellipse", f"{SVG}path")
        )
        out[name] = out.get(name, 0) + shapes
    return out


def unshaped_regions(svg: ET.Element) -> set[str]:
    """The regions the figure lists as having no shape."""
    return {
        str(e.get("data-region"))
        for e in svg.iter(f"{SVG}text")
        if e.get("class") == "unshaped-region"
    }
