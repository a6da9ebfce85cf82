"""A small picture of an exposure section's paths, as a self-contained SVG string.

The party sits in the left column; each path's nodes follow it column by column (a link
path outwards, an ownership path from the blocked owner inwards, drawn right to left so
the party stays on the left). Designated and blocked parties are red, possibly blocked and
caution orange, customers grey; each edge carries its kind and percentage, its arrow
pointing from owner to owned (director to organisation). Every text is escaped, the full
caption is a tooltip, and the picture uses no script, font or file from elsewhere, so a
page can embed it as it is.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

__all__ = ["MAX_DRAWN_PATHS", "exposure_svg"]

MAX_DRAWN_PATHS = 12
_BOX_W, _BOX_H = 176, 40
_COL_GAP, _ROW_GAP = 84, 18
_MARGIN = 12
_CAPTION_CHARS = 24

_FILL = {
    "listed": ("#fde2e1", "#c62828"),
    "blocked": ("#fde2e1", "#c62828"),
    "possibly_blocked": ("#fff1d6", "#d9822b"),
    "caution": ("#fff1d6", "#d9822b"),
}
_PLAIN = ("#ffffff", "#6b7280")
_CUSTOMER = ("#eef0f3", "#6b7280")
_PARTY_STROKE = "#1f5fbf"


def exposure_svg(section: dict[str, Any], *, max_paths: int = MAX_DRAWN_PATHS) -> str:
    """The paths of an exposure section (:meth:`Exposure.party`) drawn as an SVG string."""
    party = section["party"]
    paths = [p for link in section.get("links", []) for p in link["paths"]]
    owned_paths = [_reversed(p) for p in section.get("ownership", {}).get("paths", [])]
    # An ownership path and a link path along the same edges are one route.
    routes = {_route(p): p for p in owned_paths + paths}
    drawn = list(routes.values())[:max_paths]
    columns: dict[str, int] = {party["id"]: 0}
    nodes: dict[str, dict[str, Any]] = {party["id"]: party}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for path in drawn:
        for depth, node in enumerate(path["nodes"]):
            nodes.setdefault(node["id"], node)
            columns[node["id"]] = min(columns.get(node["id"], depth), depth)
        for edge in path["edges"]:
            edges.setdefault((edge["source"], edge["target"], edge["kind"]), edge)
    rows: dict[int, list[str]] = {}
    for node_id, column in columns.items():
        rows.setdefault(column, []).append(node_id)
    place: dict[str, tuple[float, float]] = {}
    for column, members in rows.items():
        for row, node_id in enumerate(members):
            x = _MARGIN + column * (_BOX_W + _COL_GAP)
            y = _MARGIN + row * (_BOX_H + _ROW_GAP)
            place[node_id] = (x, y)
    width = _MARGIN * 2 + (max(rows) + 1) * _BOX_W + max(rows) * _COL_GAP
    height = _MARGIN * 2 + max(len(m) for m in rows.values()) * (_BOX_H + _ROW_GAP) - _ROW_GAP
    hidden = len(routes) - len(drawn)
    if hidden > 0:
        height += 20
    # Pictures embedded side by side on one page must not share marker ids.
    marker = "sanctio-arrow-" + re.sub(r"[^A-Za-z0-9_-]", "-", party["id"])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="11">',
        f"<title>{escape('Exposure of ' + party['caption'])}</title>",
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#4b5563"/></marker></defs>',
    ]
    for edge in edges.values():
        out.append(_edge(edge, place, marker))
    for node_id, node in nodes.items():
        out.append(_node(node, place[node_id], is_party=node_id == party["id"]))
    if hidden > 0:
        out.append(
            f'<text x="{_MARGIN}" y="{height - 8}" fill="#4b5563">'
            f"{escape(f'and {hidden} more path(s) not drawn')}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _route(path: dict[str, Any]) -> frozenset[tuple[str, str, str]]:
    return frozenset((e["source"], e["target"], e["kind"]) for e in path["edges"])


def _reversed(path: dict[str, Any]) -> dict[str, Any]:
    """An ownership path (blocked owner first) with the party first, for the layout."""
    return {**path, "nodes": path["nodes"][::-1], "edges": path["edges"][::-1]}


def _node(node: dict[str, Any], at: tuple[float, float], *, is_party: bool) -> str:
    fill, stroke = _FILL.get(node.get("status", ""), _PLAIN)
    if node.get("kind") == "customer" and node.get("status") not in _FILL:
        fill, stroke = _CUSTOMER
    border = _PARTY_STROKE if is_party else stroke
    x, y = at
    caption = node.get("caption") or node["id"]
    short = caption if len(caption) <= _CAPTION_CHARS else caption[: _CAPTION_CHARS - 1] + "…"
    detail = node.get("status", "")
    if node.get("source"):
        detail = f"{node['source']} · {detail}"
    tip = f"{caption} [{node['id']}] {detail}".strip()
    width = 2.5 if is_party else 1.2
    return (
        f'<g><title>{escape(tip)}</title><rect x="{x}" y="{y}" width="{_BOX_W}" '
        f'height="{_BOX_H}" rx="6" fill="{fill}" stroke="{border}" stroke-width="{width}"/>'
        f'<text x="{x + 8}" y="{y + 16}" fill="#111827">{escape(short)}</text>'
        f'<text x="{x + 8}" y="{y + 31}" fill="{stroke}">{escape(detail.replace("_", " "))}</text>'
        "</g>"
    )


def _edge(edge: dict[str, Any], place: dict[str, tuple[float, float]], marker: str) -> str:
    (x1, y1), (x2, y2) = place[edge["source"]], place[edge["target"]]
    if x1 == x2:  # same column: join the right sides
        start, end = (x1 + _BOX_W, y1 + _BOX_H / 2), (x2 + _BOX_W, y2 + _BOX_H / 2)
    elif x1 < x2:
        start, end = (x1 + _BOX_W, y1 + _BOX_H / 2), (x2, y2 + _BOX_H / 2)
    else:
        start, end = (x1, y1 + _BOX_H / 2), (x2 + _BOX_W, y2 + _BOX_H / 2)
    label = edge["kind"].replace("_", " ")
    if edge.get("percent") is not None:
        label += f" {edge['percent']:g}%"
    elif edge["kind"] == "ownership":
        label += " ?%"
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2 - 4
    dash = ' stroke-dasharray="4 3"' if edge.get("ambiguous") else ""
    return (
        f'<line x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}" stroke="#4b5563" '
        f'stroke-width="1.3" marker-end="url(#{marker})"{dash}/>'
        f'<text x="{mx}" y="{my}" text-anchor="middle" fill="#374151">{escape(label)}</text>'
    )
