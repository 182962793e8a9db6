"""The HTML sheet's stylesheet: readable on screen, and on one or more A4 or Letter pages."""

from __future__ import annotations

#: Inline CSS of the sheet. ``@page`` sets margins only, so the printer's paper (A4 or
#: Letter) decides the size; the sheet is never wider than the narrower of the two.
STYLESHEET = """
@page { margin: 12mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f0f0f0; color: #111; font: 14px/1.45 system-ui, -apple-system,
  "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main.sheet { max-width: 186mm; margin: 0 auto; padding: 18px 22px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 18px 0 6px; border-bottom: 2px solid #111; padding-bottom: 2px; }
h3 { font-size: 14px; margin: 10px 0 4px; }
p, ul { margin: 4px 0; }
ul { padding-left: 20px; }
.meta { color: #333; }
.banner { border: 5px solid #000; background: #ffe14d; padding: 10px 14px; margin: 12px 0; }
.banner h2 { border: 0; margin: 0 0 4px; font-size: 22px; text-transform: uppercase;
  letter-spacing: 0.04em; }
.banner .code, .reminders .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.checked { border-left: 5px solid #2171b5; padding: 4px 10px; background: #eef4fa; }
dl.client { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 4px 0; }
dl.client dt { font-weight: bold; }
dl.client dd { margin: 0; }
table.timeline { width: 100%; border-collapse: collapse; font-size: 13px; }
table.timeline th, table.timeline td { border-bottom: 1px solid #bbb; padding: 3px 5px;
  text-align: left; vertical-align: top; }
table.timeline th { background: #e8e8e8; }
table.timeline td.num { text-align: right; white-space: nowrap; }
table.timeline td.nowrap { white-space: nowrap; }
table.timeline tr.turn td { background: #eef4fa; font-weight: bold; border-top: 2px solid #111; }
.figures figure { margin: 8px 0; }
.figures svg { max-width: 100%; height: auto; display: block; }
.advice h3 { margin-top: 8px; }
.source { color: #555; font-size: 12px; }
footer { margin-top: 18px; color: #555; font-size: 12px; border-top: 1px solid #bbb;
  padding-top: 4px; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main.sheet { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, figure, .banner, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .banner, .checked, table.timeline th, table.timeline tr.turn td {
    print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""
