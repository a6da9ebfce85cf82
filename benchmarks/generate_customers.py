"""A customer file for the batch benchmark: realistic multicultural customers with a known
set of planted list names, and the truth file saying where they are.

Run: .venv/bin/python benchmarks/generate_customers.py [--rows 1000000] [--planted 2000]
     [--seed 20261130] [--lists DIR] [--out benchmarks/out/customers.csv]

The same seed, lists and row count always give the same bytes. The file has the columns
``customer_id, customer_type, full_name, dob, nationality``:

- People (88%) from fourteen naming cultures (benchmarks/namepools.py), some with a
  second given name or a double family name, written "Given Family" or "FAMILY, Given";
  birth dates in ISO, day-first or year-only form, or missing; one or two nationalities
  ("GB;IN") matching the culture, or missing.
- Companies (12%): invented trade names with a legal form.
- A few bad rows (0.1%): an empty name, or a birth date no calendar has.
- ``--planted`` rows hold the name of a listed person or organisation from every list in
  the folder, exact (30%) or altered as customer files alter names: case, accents, word
  order, a dropped middle name, one typo, punctuation, transliteration (variations from
  benchmarks/quality_cases.py); with the listed birth date and nationality when the list
  gives them, half of the time each.

The truth file (``<out stem>.truth.csv``) lists each planted row: row number, customer
id, the listed entity id, the variation, the listed name and the name written.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from namepools import COMPANY_KINDS, COMPANY_WORDS, FAMILY, GIVEN, LEGAL_FORMS  # noqa: E402
from quality_cases import (  # noqa: E402
    case_change,
    diacritics,
    missing_middle,
    one_typo,
    punctuation,
    transliteration,
    word_order,
)

from sanctio.model import Entity, NameKind, Schema  # noqa: E402
from sanctio.text.scripts import detect_script  # noqa: E402

COLUMNS = ["customer_id", "customer_type", "full_name", "dob", "nationality"]
TRUTH_COLUMNS = ["row_number", "customer_id", "entity_id", "variation", "listed_name", "written"]
# Countries a culture's customers hold, most likely first.
COUNTRIES = {
    "english": ["GB", "US", "IE", "CA", "AU"],
    "spanish": ["ES", "MX", "AR", "CO", "CL"],
    "german": ["DE", "AT", "CH"],
    "french": ["FR", "BE", "CH", "CA"],
    "russian": ["RU", "UA", "BY", "KZ"],
    "chinese": ["CN", "TW", "SG", "HK"],
    "indian": ["IN", "GB", "AE"],
    "arabic": ["LB", "JO", "EG", "AE", "SA", "SY"],
    "turkish": ["TR", "DE", "CY"],
    "persian": ["IR", "AE", "DE"],
    "african": ["NG", "GH", "KE", "ZA", "SN"],
    "japanese": ["JP"],
    "korean": ["KR"],
    "vietnamese": ["VN", "FR", "US"],
}
Variation = Callable[[str, Schema, random.Random], "str | None"]
VARIATIONS: list[tuple[str, Variation | None, float]] = [
    ("exact", None, 0.30),
    ("case", case_change, 0.10),
    ("accents", diacritics, 0.10),
    ("word order", word_order, 0.15),
    ("missing middle name", missing_middle, 0.10),
    ("one typo", one_typo, 0.10),
    ("punctuation", punctuation, 0.10),
    ("transliteration", transliteration, 0.05),
]


def default_lists() -> Path:
    """$SANCTIO_LISTS_DIR, else ../shared/lists beside the repository."""
    return Path(os.environ.get("SANCTIO_LISTS_DIR") or REPO.parent / "shared" / "lists")


def plantable(entities: Sequence[Entity]) -> list[tuple[Entity, str]]:
    """Listed persons and organisations with a strong Latin name of two words or more,
    each with that name, in id order."""
    out = []
    for entity in sorted(entities, key=lambda e: e.id):
        if entity.schema not in (Schema.PERSON, Schema.ORGANIZATION):
            continue
        for name in entity.names:
            if (
                name.kind is not NameKind.WEAK
                and detect_script(name.full) == "Latn"
                and len(name.full.replace(",", " ").split()) >= 2
            ):
                out.append((entity, name.full))
                break
    return out


def _birth_date(rng: random.Random) -> str:
    year, month, day = rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)
    form = rng.random()
    if form < 0.10:
        return ""
    if form < 0.65:
        return f"{year}-{month:02d}-{day:02d}"
    if form < 0.90:
        return f"{day:02d}/{month:02d}/{year}"
    return str(year)


def _person(rng: random.Random, cultures: list[str]) -> tuple[str, str, str]:
    culture = rng.choice(cultures)
    given = rng.choice(GIVEN[culture].split())
    if rng.random() < 0.25:
        given += " " + rng.choice(GIVEN[culture].split())
    family = rng.choice(FAMILY[culture].split())
    if culture == "spanish" and rng.random() < 0.5:
        family += " " + rng.choice(FAMILY[culture].split())
    name = f"{given} {family}" if rng.random() < 0.85 else f"{family.upper()}, {given}"
    countries = COUNTRIES[culture]
    roll = rng.random()
    if roll < 0.15:
        nationality = ""
    elif roll < 0.90:
        nationality = countries[0] if rng.random() < 0.7 else rng.choice(countries)
    else:
        nationality = ";".join(rng.sample(list(dict.fromkeys([*countries, "GB", "US"])), 2))
    return name, _birth_date(rng), nationality


def _company(rng: random.Random) -> tuple[str, str, str]:
    name = (
        f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} "
        f"{rng.choice(COMPANY_KINDS)} {rng.choice(LEGAL_FORMS)}"
    )
    return name, "", rng.choice(["GB", "US", "DE", "NL", "SG", "AE", "HK", "CY", ""])


def _planted(entity: Entity, listed: str, rng: random.Random) -> tuple[str, str, str, str]:
    """(variation, written name, birth date, nationality) for one planted row."""
    choices = [v for v in VARIATIONS if entity.schema is Schema.PERSON or v[0] != "word order"]
    roll, total = rng.random() * sum(v[2] for v in choices), 0.0
    label, vary = "exact", None
    for name, variation, weight in choices:
        total += weight
        if roll < total:
            label, vary = name, variation
            break
    written = vary(listed, entity.schema, rng) if vary else listed
    if not written or written == listed:
        label, written = "exact", listed
    dates = [d.value for d in entity.birth_dates if len(d.value) == 10 and d.until is None]
    dob = rng.choice(dates) if dates and rng.random() < 0.5 else ""
    countries = [c.upper() for c in entity.nationalities or entity.countries]
    nationality = rng.choice(countries) if countries and rng.random() < 0.5 else ""
    return label, written, dob, nationality


def customer_rows(
    entities: Sequence[Entity], rows: int, planted: int, seed: int
) -> Iterator[tuple[list[str], list[str] | None]]:
    """(row, truth row or None) for each customer, in file order."""
    rng = random.Random(seed)
    pool = plantable(entities)
    chosen = rng.sample(pool, min(planted, len(pool)))
    positions = dict(zip(sorted(rng.sample(range(rows), len(chosen))), chosen, strict=True))
    cultures = sorted(GIVEN)
    for index in range(rows):
        customer_id = f"C{index + 1:07d}"
        if index in positions:
            entity, listed = positions[index]
            label, written, dob, nationality = _planted(entity, listed, rng)
            kind = "individual" if entity.schema is Schema.PERSON else "company"
            truth = [str(index + 1), customer_id, entity.id, label, listed, written]
            yield [customer_id, kind, written, dob, nationality], truth
            continue
        if rng.random() < 0.88:
            kind, (name, dob, nationality) = "individual", _person(rng, cultures)
        else:
            kind, (name, dob, nationality) = "company", _company(rng)
        bad = rng.random()
        if bad < 0.0005:
            name = ""
        elif bad < 0.001:
            dob = f"{rng.randint(1950, 1999)}-13-45"
        yield [customer_id, kind, name, dob, nationality], None


def generate(entities: Sequence[Entity], out: Path, *, rows: int, planted: int, seed: int) -> Path:
    """Write the customer file and its truth file; return the truth file's path."""
    truth_path = out.with_name(f"{out.stem}.truth.csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        out.open("w", encoding="utf-8", newline="") as handle,
        truth_path.open("w", encoding="utf-8", newline="") as truth_handle,
    ):
        writer, truth_writer = csv.writer(handle), csv.writer(truth_handle)
        writer.writerow(COLUMNS)
        truth_writer.writerow(TRUTH_COLUMNS)
        for row, truth in customer_rows(entities, rows, planted, seed):
            writer.writerow(row)
            if truth:
                truth_writer.writerow(truth)
    return truth_path


def load_entities(lists: Path) -> list[Entity]:
    """Every list in the folder, the newest version of each source (as the store holds)."""
    from sanctio import Screener

    return list(Screener.from_directory(lists).entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--planted", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--lists", type=Path, default=default_lists())
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "customers.csv")
    args = parser.parse_args()
    started = time.monotonic()
    truth = generate(
        load_entities(args.lists), args.out, rows=args.rows, planted=args.planted, seed=args.seed
    )
    seconds = time.monotonic() - started
    print(f"{args.rows:,} rows -> {args.out}, truth -> {truth} ({seconds:.0f} s)")


if __name__ == "__main__":
    main()
