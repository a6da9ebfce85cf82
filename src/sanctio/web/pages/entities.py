"""A listed entity's full record."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from sanctio.exposure import exposure_svg
from sanctio.exposure.cache import exposure_of
from sanctio.web.auth import Viewer, web_context
from sanctio.web.entity_view import captions, names_by_script
from sanctio.web.rendering import render

router = APIRouter()


@router.get("/entities/{entity_id:path}", name="entity")
def entity_page(
    request: Request, session: Viewer, entity_id: str, version: str | None = None
) -> Response:
    """Everything a list says about one entity: names in every script, dates, identifiers,
    programmes, addresses, the links it records; the current version or ``?version=``. For the
    current version, its exposure: paths to designated persons and ownership, drawn."""
    context = web_context(request)
    with context.store() as store:
        shown = store.resolve_version(entity_id.split(":", 1)[0], version)
        entity = store.entity(entity_id, shown.id)
        versions = store.versions(shown.source)
    screener = context.screener()
    exposure = None
    if shown.is_current:
        section = exposure_of(screener, context.database).party(entity.id)
        exposure = {"section": section, "picture": Markup(exposure_svg(section))}
    return render(
        request,
        "entity.html",
        session=session,
        section="screen",
        entity=entity,
        name_groups=names_by_script(entity),
        version=shown,
        versions=versions,
        captions=captions(screener),
        exposure=exposure,
    )
