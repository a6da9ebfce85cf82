"""The registry of sources and formats: which parser reads a file, and where each list lives.

Files are recognised by their content (each format module's ``sniff``), grouped into
bundles (the files of one source in one folder form one version), and dated: the date
the file states, else a date in its folder or file name, else the import time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, cast

from sanctio.errors import ParseError, UnknownFormatError
from sanctio.sources import (
    custom_csv,
    eu_fsf,
    ftm,
    ofac_csv,
    ofac_xml,
    uk_fcdo,
    uk_ofsi,
    un_xml,
    us_csl,
    us_dpl,
)
from sanctio.sources._common import ParsedList

__all__ = [
    "FILE_SET_FORMATS",
    "FORMATS",
    "SOURCES",
    "Bundle",
    "SourceInfo",
    "date_from_path",
    "find_bundles",
    "identify",
    "parse_bundle",
    "version_date",
]

SNIFF_BYTES = 64 * 1024


class FormatModule(Protocol):
    """What every module in ``sanctio.sources`` provides."""

    FORMAT: str

    def sniff(self, path: Path, head: bytes) -> str | None: ...

    def parse(self, files: Sequence[Path]) -> ParsedList: ...


# Order matters only where two formats could both accept a file: the specific before the general.
FORMATS: tuple[FormatModule, ...] = tuple(
    cast(FormatModule, m)
    for m in (
        ofac_xml,
        ofac_csv,
        un_xml,
        eu_fsf,
        uk_fcdo,
        uk_ofsi,
        us_csl,
        us_dpl,
        ftm,
        custom_csv,
    )
)


# Formats whose one version spans several files (SDN.CSV + ALT.CSV + ...): the files of
# such a format in one folder form one bundle. Every other file is a version by itself.
FILE_SET_FORMATS = frozenset({"ofac-csv", "custom-csv"})


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A list Sanctio knows how to fetch: its official addresses form one version together."""

    id: str
    title: str
    publisher: str
    urls: tuple[str, ...]
    default: bool = True  # fetched by a plain `sanctio update`
    note: str = ""


_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

SOURCES: dict[str, SourceInfo] = {
    s.id: s
    for s in (
        SourceInfo(
            "ofac-sdn",
            "Specially Designated Nationals and Blocked Persons List (SDN)",
            "US Treasury, OFAC",
            tuple(_OFAC + f for f in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")),
        ),
        SourceInfo(
            "ofac-cons",
            "Consolidated Sanctions List (non-SDN lists)",
            "US Treasury, OFAC",
            tuple(
                _OFAC + f
                for f in ("CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV")
            ),
        ),
        SourceInfo(
            "un",
            "UN Security Council Consolidated List",
            "United Nations Security Council",
            ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
        ),
        SourceInfo(
            "uk-fcdo",
            "UK Sanctions List",
            "UK Foreign, Commonwealth & Development Office",
            ("https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",),
        ),
        SourceInfo(
            "us-csl",
            "Consolidated Screening List",
            "US International Trade Administration",
            (
                "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
            ),
        ),
        SourceInfo(
            "eu-fsf",
            "EU Consolidated Financial Sanctions List",
            "European Commission (FISMA)",
            (
                "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
                "content?token={SANCTIO_EU_TOKEN}",
            ),
            default=False,
            note="needs the public token from the EU data portal in SANCTIO_EU_TOKEN",
        ),
        SourceInfo(
            "uk-ofsi",
            "OFSI Consolidated List of Financial Sanctions Targets",
            "UK HM Treasury, OFSI",
            (),
            default=False,
            note="no longer updated since 28 January 2026; import archived files with --from",
        ),
        SourceInfo(
            "us-dpl",
            "Denied Persons List",
            "US Commerce, BIS",
            (),
            default=False,
            note="also part of us-csl; import the BIS file with --from",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Bundle:
    """The files of one source found in one folder: one version of one list."""

    source: str
    format: FormatModule
    files: tuple[Path, ...]

    @property
    def label(self) -> str:
        """The files, for messages."""
        return ", ".join(str(f) for f in self.files)


def identify(path: Path) -> tuple[FormatModule, str] | None:
    """The format module and source id that read ``path``, judged by content."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        return None
    for module in FORMATS:
        source = module.sniff(path, head)
        if source is not None:
            return module, source
    return None


def find_bundles(root: Path) -> tuple[list[Bundle], list[Path]]:
    """Every list file under ``root`` (a folder or one file), grouped into bundles: the
    files of a multi-file format in one folder together, every other file alone.

    Returns the bundles and the files no format recognised.
    """
    if not root.exists():
        raise UnknownFormatError(f"{root}: no such file or folder")
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    groups: dict[tuple[Path, str, str], list[Path]] = {}
    modules: dict[str, FormatModule] = {}
    unknown: list[Path] = []
    for path in paths:
        if path.name.startswith(".") or path.suffix.lower() in {".md", ".txt~"}:
            continue
        found = identify(path)
        if found is None:
            unknown.append(path)
            continue
        module, source = found
        modules[module.FORMAT] = module
        where = path.parent if module.FORMAT in FILE_SET_FORMATS else path
        groups.setdefault((where, module.FORMAT, source), []).append(path)
    bundles = [
        Bundle(source, modules[fmt], tuple(files)) for (_, fmt, source), files in groups.items()
    ]
    return bundles, unknown


def parse_bundle(bundle: Bundle) -> ParsedList:
    """Parse one bundle; any unexpected failure becomes a ParseError naming the files."""
    try:
        parsed = bundle.format.parse(bundle.files)
    except ParseError:
        raise
    except Exception as exc:  # a parser bug or a file shaped in a way no check caught
        raise ParseError(f"{bundle.label}: cannot read as {bundle.format.FORMAT}: {exc}") from exc
    if parsed.source != bundle.source:
        raise ParseError(f"{bundle.label}: parsed as {parsed.source}, expected {bundle.source}")
    return parsed


_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?!\d)")


def version_date(bundle: Bundle, parsed: ParsedList) -> tuple[str, str]:
    """A version's as-of date and where it came from: the date the file states (``file``),
    else a date in its file or folder name (``path``), else today (``import``)."""
    if parsed.as_of:
        return parsed.as_of, "file"
    from_name = date_from_path(bundle.files[0])
    if from_name is not None:
        return from_name, "path"
    return datetime.now(UTC).date().isoformat(), "import"


def date_from_path(path: Path) -> str | None:
    """A date in a file or folder name (``sdn-2021-07``, ``consolidated-2026-02-27.xml``).

    The file name is tried first, then its folders from the nearest up. A month alone
    is read as the first of that month.
    """
    for part in [path.name, *(p.name for p in path.parents)]:
        if m := _PATH_DATE.search(part):
            year, month, day = m.groups()
            return f"{year}-{month}-{day or '01'}"
    return None
