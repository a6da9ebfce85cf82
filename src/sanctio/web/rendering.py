"""Server-side HTML: one Jinja2 environment with autoescaping on, and the page helpers.

Every value reaches the page escaped unless a template marks it safe, which none does
with list or customer data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

__all__ = ["TEMPLATES_DIR", "environment", "page_path", "render"]

TEMPLATES_DIR = Path(__file__).parent / "templates"
SCRIPT_LABELS = {
    "Latn": "Latin",
    "Arab": "Arabic",
    "Cyrl": "Cyrillic",
    "Hani": "Chinese",
    "Hang": "Korean",
    "Hira": "Japanese",
    "Kana": "Japanese",
    "Grek": "Greek",
    "Hebr": "Hebrew",
    "Thai": "Thai",
    "Geor": "Georgian",
    "Armn": "Armenian",
    "Deva": "Devanagari",
    "Ethi": "Ethiopic",
}


def page_path(
    request: Request, name: str, /, query: dict[str, Any] | None = None, **params: Any
) -> str:
    """The path of a named page of the UI, under wherever the UI is mounted, with a query."""
    quoted = {k: quote(str(v), safe="/:@") for k, v in params.items()}
    path = request.scope.get("root_path", "") + str(request.app.url_path_for(name, **quoted))
    kept = {k: v for k, v in (query or {}).items() if v not in (None, "")}
    return f"{path}?{urlencode(kept, doseq=True)}" if kept else path


@jinja2.pass_context
def _path(context: jinja2.runtime.Context, name: str, /, **params: Any) -> str:
    query = params.pop("_query", None)
    return page_path(context["request"], name, query, **params)


@jinja2.pass_context
def _with_query(context: jinja2.runtime.Context, **changes: Any) -> str:
    """The current page's path and query with some parameters changed (sorting, paging)."""
    request: Request = context["request"]
    query = {**request.query_params, **{k: str(v) for k, v in changes.items()}}
    kept = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{request.url.path}?{urlencode(kept)}"


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _upper(values: Any) -> str:
    if isinstance(values, str):
        return values.upper()
    return ", ".join(str(v).upper() for v in values if v)


def _script_label(code: str | None) -> str:
    return SCRIPT_LABELS.get(code or "Latn", code or "Latin")


def _stamp(value: str | None) -> str:
    """An ISO timestamp shortened to the minute, in UTC: ``2026-05-03 14:07 UTC``."""
    if not value:
        return ""
    text = value.replace("T", " ")
    if len(text) >= 16 and text[10] == " ":
        return text[:16] + " UTC"
    return text


def environment() -> jinja2.Environment:
    """The template environment: autoescape always on, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["path"] = _path
    env.globals["with_query"] = _with_query
    env.filters["score"] = _score
    env.filters["upper_codes"] = _upper
    env.filters["script_label"] = _script_label
    env.filters["stamp"] = _stamp
    return env


_ENV = environment()


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template into an HTML response."""
    html = _ENV.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)
