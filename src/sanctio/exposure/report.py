"""Exposure sections as text, for the command line."""

from __future__ import annotations

from typing import Any

__all__ = ["format_section"]


def format_section(section: dict[str, Any]) -> str:
    """An exposure section as readable text."""
    party = section["party"]
    lines = [f"{party['caption']}  [{party['id']}]  {party['kind']}"]
    ownership = section["ownership"]
    lines.append(f"  ownership: {ownership['summary']}")
    for stake in ownership["stakes"]:
        share = "?" if stake["percent"] is None else f"{stake['percent']:g}"
        owner = stake["owner"]
        lines.append(
            f"    {share:>6}%  held by {owner['caption']} [{owner['id']}], "
            f"{stake['owner_status'].replace('_', ' ')}"
        )
    for path in ownership["paths"]:
        lines.append(f"    path: {path['text']}")
    if ownership["paths_total"] > len(ownership["paths"]):
        lines.append(
            f"    ... and {ownership['paths_total'] - len(ownership['paths'])} more path(s)"
        )
    total = section["links_total"]
    lines.append(f"  links to designated persons within {section['max_hops']} hop(s): {total}")
    for link in section["links"]:
        target = link["target"]
        programs = ", ".join(target.get("programs", []))
        hops = f"{link['hops']} hop" + ("s" if link["hops"] > 1 else "")
        lines.append(f"    {hops:<7} {target['caption']} [{target['id']}] {programs}".rstrip())
        for path in link["paths"]:
            lines.append(f"            {path['text']}")
    if total > len(section["links"]):
        lines.append(f"    ... and {total - len(section['links'])} more")
    return "\n".join(lines)
