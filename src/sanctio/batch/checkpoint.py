"""Checkpoints of a batch run: one part file per screened chunk, and a manifest.

The checkpoint folder sits beside the output (``hits.csv.checkpoint/``). Its manifest
records what the run is over: the input file's hash, the options that change results and
the list versions. Each chunk's result is written as its own part file, atomically, in
input order, named after the data rows it covers; so after a kill or Ctrl-C the parts
present are exactly the rows done, and a rerun continues after the last one: no duplicate,
no gap. A rerun over a different input, options or lists is refused (or, when asked,
starts over).
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from sanctio.batch.chunk import ChunkResult, ErrorRow, HitRow
from sanctio.batch.errors import BatchError, ResumeError
from sanctio.batch.output import atomic_write_bytes

__all__ = ["Checkpoint", "PartSummary"]

MANIFEST = "manifest.json"
_PART = re.compile(r"^part-(\d{8})\.rows-(\d+)-(\d+)\.json$")


@dataclass(frozen=True, slots=True)
class PartSummary:
    """One saved chunk: its place and the data rows it covers."""

    index: int
    first_row: int
    last_row: int
    path: Path


class Checkpoint:
    """The checkpoint folder of one run. Open it with :meth:`open`."""

    def __init__(self, folder: Path, parts: list[PartSummary]) -> None:
        self.folder = folder
        self.parts = parts

    @classmethod
    def open(cls, folder: Path, fingerprint: dict[str, Any], *, restart: bool) -> Checkpoint:
        """The checkpoint of a run with this ``fingerprint``: the one left by an earlier
        run over the same input, options and lists, else a new one. A checkpoint of a
        different run raises :class:`ResumeError`, or is discarded when ``restart``."""
        manifest = folder / MANIFEST
        if folder.exists() and restart:
            shutil.rmtree(folder)
        if manifest.exists():
            try:
                earlier = orjson.loads(manifest.read_bytes())
            except (OSError, orjson.JSONDecodeError) as exc:
                raise ResumeError(
                    f"{manifest} is unreadable ({exc}); rerun with --restart to start over"
                ) from None
            differences = _differences(earlier.get("fingerprint", {}), fingerprint)
            if differences:
                raise ResumeError(
                    f"{folder} holds an unfinished run over a different "
                    f"{'; '.join(differences)}: rerun with the same input and options to "
                    "finish it, or with --restart to discard it and start over"
                )
            return cls(folder, _contiguous_parts(folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BatchError(f"cannot create {folder}: {exc.strerror or exc}") from None
        created = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        atomic_write_bytes(
            manifest,
            orjson.dumps(
                {"created_at": created, "fingerprint": fingerprint}, option=orjson.OPT_INDENT_2
            ),
        )
        return cls(folder, [])

    @property
    def rows_done(self) -> int:
        """Data rows already screened (the last row of the last part)."""
        return self.parts[-1].last_row if self.parts else 0

    def save(self, result: ChunkResult, first_row: int, last_row: int) -> None:
        """Save the result of the chunk that follows the last saved one."""
        if first_row != self.rows_done + 1:
            raise BatchError(f"chunk from row {first_row} does not follow row {self.rows_done}")
        index = len(self.parts)
        path = self.folder / f"part-{index:08d}.rows-{first_row}-{last_row}.json"
        atomic_write_bytes(
            path,
            orjson.dumps(
                {
                    "rows": result.rows,
                    "alert_rows": result.alert_rows,
                    "hits": [h.to_dict() for h in result.hits],
                    "errors": [e.to_dict() for e in result.errors],
                }
            ),
        )
        self.parts.append(PartSummary(index, first_row, last_row, path))

    def results(self) -> Iterator[ChunkResult]:
        """The saved chunk results, in input order."""
        for part in self.parts:
            data = orjson.loads(part.path.read_bytes())
            yield ChunkResult(
                rows=data["rows"],
                alert_rows=data["alert_rows"],
                hits=[HitRow(**h) for h in data["hits"]],
                errors=[ErrorRow(**e) for e in data["errors"]],
            )

    def remove(self) -> None:
        """Delete the checkpoint (once the output is in place)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _contiguous_parts(folder: Path) -> list[PartSummary]:
    """The saved parts from the first row on without a gap; anything after a gap (or a
    leftover temporary file) is deleted, to be screened again."""
    found: dict[int, PartSummary] = {}
    for path in folder.iterdir():
        if match := _PART.match(path.name):
            index, first, last = (int(g) for g in match.groups())
            found[index] = PartSummary(index, first, last, path)
        elif path.name != MANIFEST:
            path.unlink(missing_ok=True)
    parts: list[PartSummary] = []
    for index in sorted(found):
        part = found[index]
        expected_first = parts[-1].last_row + 1 if parts else 1
        if index == len(parts) and part.first_row == expected_first:
            parts.append(part)
        else:
            part.path.unlink(missing_ok=True)
    return parts


def _differences(earlier: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What changed between two fingerprints, in words."""
    out = []
    for key in sorted(set(earlier) | set(now)):
        old, new = earlier.get(key), now.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
            out.append(f"{key} ({', '.join(changed)})")
        else:
            out.append(key)
    return out
