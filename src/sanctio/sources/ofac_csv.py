"""OFAC legacy CSV: the SDN list (``ofac-sdn``) and the Consolidated non-SDN list (``ofac-cons``).

Files (no header row, ``-0-`` means empty, ASCII/Windows-1252, a Ctrl-Z byte ends the file):

- ``SDN.CSV`` / ``CONS_PRIM.CSV``, 12 columns: ent_num (the id), name, type, programmes, title,
  call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks. The type is
  ``individual`` (Person), ``vessel``, ``aircraft`` or ``-0-`` (Organization). Programmes read
  ``SDGT] [IRGC``. Individuals' names are ``LAST, First``: the parts fill last/first name.
  Title and the vessel columns become properties (``title``, ``vessel_type``, ``tonnage``,
  ``gross_registered_tonnage``, ``vessel_flag`` also a country, ``vessel_owner``) and a
  ``call_sign`` identifier.
- ``ALT.CSV`` / ``CONS_ALT.CSV``, 5 columns: ent_num, alt_num, ``aka``/``fka``/``nka``, name,
  remarks: the strong aliases (qualifier ``a.k.a.``, ``f.k.a.``, ``n.k.a.``).
- ``ADD.CSV`` / ``CONS_ADD.CSV``, 6 columns: ent_num, add_num, street, "city/state/postal code"
  (one field, kept as ``city``), country, remarks. Rows whose parts are all ``-0-`` are skipped.
- ``SDN_COMMENTS.CSV`` / ``CONS_COMMENTS.CSV``, 2 columns: ent_num and the rest of a remarks
  field: OFAC cuts the remarks column at 1,000 characters and continues it here, mid-word.
  A companion file holding nothing but the Ctrl-Z is fine; an empty primary file is an error.

The remarks column carries most of the data, with or without the companion files: items
separated by ``; ``, the whole ending with ``.`` (which OFAC does not double when the last item
ends with one: ``Linked To: KPD S.A.``); a repeated kind is prefixed ``alt.``. Items read:
``a.k.a./f.k.a./n.k.a. 'X'`` (single quotes: weak alias; double quotes: strong), ``DOB``
(exact, ``circa``, ``1960 to 1965``, month or year only, several), ``POB``, ``nationality``,
``citizen``, ``Gender``, ``Linked To: NAME`` (a relationship by name: the file gives no id),
``Digital Currency Address - XBT ...`` (wallets), ``Vessel Registration Identification IMO
...``, ``MMSI``, ``SWIFT/BIC``, documents ``LABEL NUMBER (Country) issued DATE expires DATE`` for
the ~120 document labels OFAC uses (a second bracket, a US state, joins the note), aircraft
serial and tail numbers, ``Nationality of Registration`` and ``Other Vessel Flag`` (countries),
and as properties: ``Email Address``, ``Website``, ``Phone Number``, vessel and aircraft
details, and sanction notes (``Additional Sanctions Information - ...``, ``Secondary sanctions
risk: ...``, directive and CMIC dates ...) keyed by their label in snake case. Items not
recognised (positions, free notes) become ``remarks``. Strong aliases come from ALT.CSV where
it is present; a weak alias in the remarks that ALT.CSV also lists is kept once. Without
SDN_COMMENTS.CSV a remark cut at 1,000 characters keeps its cut last item as text, with a warning.

Recognition: the column count and the shape of the first rows tell the four kinds of file
apart. SDN and Consolidated files look the same, so the official file names (``CONS_*`` versus
``SDN*``) decide the source; for a primary file named neither way its programme tags do
(Consolidated entries carry non-SDN list tags); ALT/ADD/COMMENTS named neither way are SDN.
The files state no date: ``as_of`` is None. Beside the primary name, names, identifiers,
addresses, relationships, properties and programmes are sorted, so that one version read from
CSV and from XML compare equal where their content does. The feature tables and
:class:`OfacDraft` here also serve :mod:`sanctio.sources.ofac_xml`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from sanctio.errors import ParseError
from sanctio.model import (
    Address,
    Entity,
    Identifier,
    IdType,
    Name,
    NameKind,
    Relationship,
    RelationshipKind,
    Schema,
)
from sanctio.sources._common import (
    EntityDraft,
    ParsedList,
    clean,
    country_code,
    parse_date,
    read_text,
    slugify,
    unique,
)

__all__ = [
    "FORMAT",
    "OfacDraft",
    "address_of",
    "parse",
    "sniff",
    "source_for",
]

FORMAT = "ofac-csv"

_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_COLUMNS = {"main": 12, "alt": 5, "add": 6, "comments": 2}
_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "": Schema.ORGANIZATION,  # -0-
}
_ALIAS_TYPES = {"aka": "a.k.a.", "fka": "f.k.a.", "nka": "n.k.a."}
# The labels of the primary file's columns 5 to 11, as the XML formats name them.
_COLUMN_LABELS = (
    "Title",
    "Call Sign",
    "Vessel Type",
    "Vessel Tonnage",
    "Vessel Gross Registered Tonnage",
    "Vessel Flag",
    "Vessel Owner",
)
_REMARKS_LIMIT = 1000
_COMPANION_NAME = re.compile(r"(alt|add|comments)\.csv$", re.I)
_NON_SDN_TAGS = re.compile(r"^(NS-|FSE-|CMIC|561-|CAPTA|UKRAINE-EO13662$)")


# ---------------------------------------------------------------------------------------------
# Feature labels shared by the remarks column, the classic XML <idList> and the Enhanced XML.

_ID_LABELS: dict[str, IdType] = {
    label.lower(): kind
    for kind, labels in {
        IdType.PASSPORT: (
            "Passport",
            "Diplomatic Passport",
            "British National Overseas Passport",
            "Stateless Person Passport",
            "Travel Document Number",
            "Passport Booklet",
        ),
        IdType.NATIONAL_ID: (
            "National ID No.",
            "National Foreign ID Number",
            "Identification Number",
            "Cedula No.",
            "D.N.I.",
            "C.U.R.P.",
            "SSN",
            "Personal ID Card",
            "Bosnian Personal ID No.",
            "Kenyan ID No.",
            "Moroccan Personal ID No.",
            "Tazkira National ID Card",
            "Turkish Identification Number",
            "UAE Identification",
            "Citizen's Card Number",
            "CNP (Personal Numerical Code)",
            "Numero de Identidad",
            "C.I.N.",
            "N.I.E.",
            "Credencial electoral",
            "Electoral Registry No.",
            "I.F.E.",
            "Stateless Person ID Card",
            "Refugee ID Card",
        ),
        IdType.TAX_ID: (
            "Tax ID No.",
            "R.F.C.",
            "RFC",
            "NIT #",
            "RUC #",
            "RIF #",
            "C.U.I.T.",
            "C.I.F.",
            "N.I.F.",
            "V.A.T. Number",
            "Italian Fiscal Code",
            "Fiscal Code",
            "Paraguayan tax identification number",
            "US FEIN",
            "Romanian Tax Registration",
            "Numero Unico de Identificacao Tributaria (NUIT)",
            "RTN",
            "C.U.I.",
            "RSIN",
        ),
        IdType.REGISTRATION: (
            "Registration ID",
            "Registration Number",
            "Business Registration Document #",
            "Business Registration Number",
            "Company Number",
            "UK Company Number",
            "Commercial Registry Number",
            "C.R. No.",
            "Certificate of Incorporation Number",
            "Public Registration Number",
            "Chamber of Commerce Number",
            "Dubai Chamber of Commerce Membership No.",
            "Istanbul Chamber of Comm. No.",
            "Trade License No.",
            "Registration Certificate Number (Dubai)",
            "Matricula Mercantil No",
            "Folio Mercantil No.",
            "Romanian C.R.",
            "Government Gazette Number",
            "Legal Entity Number",
            "Enterprise Number",
            "Business Number",
            "Branch Unit Number",
            "Organization Code",
            "Unified Social Credit Code (USCC)",
            "United Social Credit Code Certificate (USCCC)",
            "Central Registration System Number",
            "Registered Charity No.",
            "MSB Registration Number",
            "LE Number",
            "D-U-N-S Number",
            "Economic Register Number (CBLS)",
            "License",
            "Tourism License No.",
            "Afghan Money Service Provider License Number",
            "Russian State Individual Business Registration Number Pattern (OGRNIP)",
            "Global Intermediary Identification Number",
            "File Number",
        ),
        IdType.MMSI: ("MMSI",),
        IdType.SWIFT_BIC: ("SWIFT/BIC",),
        IdType.CALL_SIGN: ("Call Sign", "Other Vessel Call Sign", "Vessel Call Sign"),
        IdType.AIRCRAFT_SERIAL: (
            "Aircraft Manufacturer's Serial Number (MSN)",
            "Aircraft Construction Number (also called L/N or S/N or F/N)",
            "Aircraft Serial Identification",
        ),
        IdType.AIRCRAFT_TAIL: ("Aircraft Tail Number", "Previous Aircraft Tail Number"),
        IdType.OTHER: (
            "ISIN",
            "BIK (RU)",
            "Chinese Commercial Code",
            "Driver's License No.",
            "Pilot License Number",
            "Residency Number",
            "Birth Certificate Number",
            "Cartilla de Servicio Militar Nacional",
            "Military Registration Number",
            "Romanian Permanent Resident",
            "Public Security and Immigration No.",
            "Immigration No.",
            "VisaNumberID",
            "C.U.I.P.",
            "Seafarer's Identification Document",
            "SRE Permit No.",
            "Permit Number",
            "Trademark number",
            "Serial No.",
            "Aircraft Mode S Transponder Code",
            "MICEX Code",
            "Tarjeta Profesional",
        ),
    }.items()
    for label in labels
}

# Labels kept as properties, under the key given (None: the label itself, slugified).
_PROPERTY_LABELS: dict[str, str | None] = {
    label.lower(): key
    for label, key in {
        "Website": "website",
        "Email Address": "email",
        "Phone Number": "phone",
        "Phone No.": "phone",
        "Phone": "phone",
        "Email": "email",
        "Telephone": "phone",
        "Telephone Number": "phone",
        "Fax": "fax",
        "Fax Number": "fax",
        "Title": "title",
        "Alternate Title": "title",
        "Position": "position",
        "UN/LOCODE": "un_locode",
        "Vessel Type": "vessel_type",
        "Other Vessel Type": "vessel_type",
        "Vessel Owner": "vessel_owner",
        "Vessel Tonnage": "tonnage",
        "Vessel Gross Registered Tonnage": "gross_registered_tonnage",
        "Vessel Year of Build": "vessel_build_year",
        "Former Vessel Flag": "former_vessel_flag",
        "Aircraft Model": "aircraft_model",
        "Aircraft Operator": "aircraft_operator",
        "Aircraft Manufacture Date": "aircraft_manufacture_date",
        "Organization Established Date": "organization_established_date",
        "Organization Type": "organization_type",
        "Target Type": "target_type",
        "Issuer Name": "issuer_name",
        "Equity Ticker": "equity_ticker",
        "Additional Sanctions Information": None,
        "Secondary sanctions risk": None,
        "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions": (
            None
        ),
        "CAATSA Section 235 Information": None,
        "IFCA Determination": None,
        "PEESA Information": None,
        "Executive Order 13662 Directive Determination": None,
        "Executive Order 13846 information": None,
        "Executive Order 14014 Directive Information": None,
        "Executive Order 14024 Directive Information": None,
        "Executive Order 14059 information": None,
        "Listing Date (CMIC)": None,
        "Effective Date (CMIC)": None,
        "Purchase/Sales For Divestment Date (CMIC)": None,
        "Listing Date (EO 14014 Directive 1)": None,
        "Effective Date (EO 14014 Directive 1)": None,
        "Listing Date (EO 14024 Directive 1a)": None,
        "Effective Date (EO 14024 Directive 1a)": None,
        "Listing Date (EO 14024 Directive 2)": None,
        "Effective Date (EO 14024 Directive 2)": None,
        "Listing Date (EO 14024 Directive 3)": None,
        "Effective Date (EO 14024 Directive 3)": None,
    }.items()
}

# Labels with their own meaning: the field of the entity they fill.
_SPECIAL_LABELS: dict[str, str] = {
    "dob": "birth_date",
    "birthdate": "birth_date",
    "pob": "birth_place",
    "place of birth": "birth_place",
    "nationality": "nationality",
    "nationality country": "nationality",
    "citizen": "citizenship",
    "citizenship country": "citizenship",
    "gender": "gender",
    "linked to": "linked_to",
    "nationality of registration": "country",
    "vessel flag": "vessel_flag",
    "other vessel flag": "other_vessel_flag",
    "vessel registration identification": "vessel_registration",
}

_ALL_LABELS = {**dict.fromkeys(_ID_LABELS, "id"), **dict.fromkeys(_PROPERTY_LABELS, "property")}
_ALL_LABELS.update(_SPECIAL_LABELS)
# Remark items are matched on their first word, then the longest label that starts them.
_LABELS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _label in sorted(_ALL_LABELS, key=len, reverse=True):
    _LABELS_BY_FIRST_WORD.setdefault(_label.split(" ", 1)[0], []).append(_label)

_LABEL_END = re.compile(r"\s*(?::|\s-)\s*$")
_VALUE_START = re.compile(r"^\s*(?::\s*|-\s+)?")
_ALIAS = re.compile(r"^([afn])\.k\.a\.,?\s+(.*)$", re.S)
_CRYPTO = re.compile(r"^Digital Currency Address - (\S+)\s+(.+)$")
_DOC_NOTE = re.compile(r"\s+((?:issued|expires|expired|valid)\b.*)$", re.I)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)$")
_YEAR_RANGE = re.compile(r"\b(\d{4})-(\d{4})\b")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]{1,4}\.[A-Za-z]{1,4}|\b(?:CO|LTD|INC|CORP|JR|SR|CIA|LTDA|BHD|PTE|PVT|BROS|"
    r"INTL|NO|ST|DR|Co|Ltd|Inc|Corp|Jr|Sr|Cia|Ltda|Bhd|Pte|Pvt))$"
)


@lru_cache(maxsize=1024)
def _normal_label(label: str) -> str:
    """A label as the tables key it: lower case, single spaces, no trailing ``:`` or `` -``."""
    return _LABEL_END.sub("", " ".join(label.split())).lower()


class OfacDraft(EntityDraft):
    """An entity being assembled from one OFAC record, in any of the OFAC formats: the
    shared draft, reading OFAC's labelled features and remarks. Remarks left as text are
    joined by ``; `` as OFAC writes them."""

    __slots__ = ()
    remarks_separator = "; "

    def add_ofac_name(
        self,
        full: str | None,
        kind: NameKind,
        qualifier: str | None = None,
        *,
        first: str | None = None,
        last: str | None = None,
    ) -> None:
        """A name as OFAC writes it; an individual's ``LAST, First`` is split into parts
        unless they are given."""
        full, first, last = clean(full), clean(first), clean(last)
        if full is None:
            return
        if first is None and last is None and self.schema is Schema.PERSON and ", " in full:
            last, first = (clean(part) for part in full.split(", ", 1))
        self.add_names(
            Name(full=full, kind=kind, first_name=first, last_name=last, qualifier=qualifier)
        )

    def add_feature(
        self, label: str, value: str | None, country: str | None = None, note: str | None = None
    ) -> bool:
        """Read one labelled OFAC feature (``Passport``, ``DOB``, ``Website``...).

        ``country`` is the issuing or related country as OFAC names it. Returns False where
        the label is not one OFAC is known to use (and the value is not empty), leaving the
        caller to keep it otherwise.
        """
        value = clean(value)
        if value is None:
            return True  # nothing to keep
        key = _normal_label(label)
        if wallet := _crypto_wallet(f"{' '.join(label.split())} {value}"):
            self.add_identifiers(wallet)
            return True
        kind = _ALL_LABELS.get(key)
        if kind is None:
            return False
        if kind == "id":
            self._add_identifier(_ID_LABELS[key], value, label, country, note)
        elif kind == "property":
            self.add_property(_PROPERTY_LABELS[key] or slugify(key), value)
        else:
            return self._add_special(kind, value, label, country, note)
        return True

    def _add_identifier(
        self, kind: IdType, value: str, label: str, country: str | None, note: str | None
    ) -> None:
        label = _LABEL_END.sub("", " ".join(label.split()))
        if country is None and value.endswith(")"):  # the XML at times has ``123 (Russia)``
            number, named, more = _split_document(value)
            if named and country_code(named):
                value, country, note = number, named, " ".join(filter(None, (more, note))) or None
        code = country_code(country)
        if country is not None and code is None:
            note = f"{country}; {note}" if note else country
        self.add_identifiers(Identifier(kind, value, country=code, label=label, note=note))

    def _add_special(
        self, kind: str, value: str, label: str, country: str | None, note: str | None
    ) -> bool:
        if kind == "birth_date":
            date = parse_date(_YEAR_RANGE.sub(r"\1 to \2", value))
            if date is None:
                return False
            self.add_birth_dates(date)
        elif kind == "birth_place":
            self.add_birth_places(value)
        elif kind in ("nationality", "citizenship", "country"):
            code = country_code(value)
            if code is None:
                return False
            {"nationality": self.add_nationalities, "citizenship": self.add_citizenships}.get(
                kind, self.add_countries
            )(code)
        elif kind == "gender":
            return self.add_gender(value)
        elif kind in ("vessel_flag", "other_vessel_flag"):
            self.add_property(kind, value)
            self.add_countries(country_code(value))
        elif kind == "linked_to":
            self.add_relationships(
                Relationship(RelationshipKind.LINKED_TO, target_name=value, role="Linked To")
            )
        elif kind == "vessel_registration":
            if value.upper().startswith("IMO"):
                self._add_identifier(IdType.IMO, value[3:].strip(), label, country, note)
            else:
                self._add_identifier(IdType.REGISTRATION, value, label, country, note)
        return True

    def read_remarks(
        self, text: str | None, *, cut: bool = False, known_names: frozenset[str] = frozenset()
    ) -> None:
        """Read a remarks field: items separated by ``; `` ending with ``.``.

        ``cut`` says the text was cut short by OFAC's 1,000-character limit: its last item is
        then kept as text, not read. ``known_names`` are primary names in the same list: a
        ``Linked To:`` name at the very end keeps its final period where it names one of them.
        """
        text = clean(text)
        if text is None:
            return
        if cut and text.endswith(";"):  # cut just after a whole item
            text, cut = text[:-1], False
        items = text.split("; ")
        if cut:
            self.add_remarks(items.pop())
        else:
            items[-1] = _strip_final_period(items[-1], known_names)
        for item in items:
            self._read_remark_item(item)

    def _read_remark_item(self, item: str) -> None:
        item = item.strip()
        if item.startswith("(") and item.endswith(")"):
            item = item[1:-1].strip()
        if item[:5].lower() == "alt. ":
            item = item[5:]
        if not item:
            return
        if alias := _ALIAS.match(item):
            if self._read_alias(alias.group(1), alias.group(2)):
                return
        elif self._read_labelled_item(item):
            return
        self.add_remarks(_strip_final_period(item, frozenset()))

    def _read_alias(self, letter: str, text: str) -> bool:
        text = text.strip()
        qualifier = f"{letter}.k.a."
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            kind = NameKind.WEAK if text[0] == "'" else NameKind.ALIAS
            text = text[1:-1]
        elif text.startswith(("'", '"')):
            return False
        else:
            kind = NameKind.ALIAS
        known = {n.full.lower() for n in self.names}
        if text.strip().lower() not in known:
            self.add_ofac_name(text, kind, qualifier)
        return True

    def _read_labelled_item(self, item: str) -> bool:
        if wallet := _crypto_wallet(item):
            self.add_identifiers(wallet)
            return True
        lowered = item.lower()
        for label in _LABELS_BY_FIRST_WORD.get(lowered.split(" ", 1)[0].rstrip(":"), ()):
            if not lowered.startswith(label):
                continue
            rest = item[len(label) :]
            if rest and rest[0] not in " :-":
                continue
            value = _VALUE_START.sub("", rest, count=1)
            country = note = None
            if _ALL_LABELS[label] == "id" or label == "vessel registration identification":
                value, country, note = _split_document(value)
            return self.add_feature(item[: len(label)], value, country, note)
        return False

    def build(self) -> Entity:
        """The finished entity, each value once. Beside the primary name, which stays first,
        lists whose order OFAC's formats do not agree on are sorted, so that one version
        read from CSV and from XML compare equal where their content is."""
        names = unique(self.names)
        aliases = sorted(names[1:], key=lambda n: (_NAME_ORDER[n.kind], n.script or "", n.full))
        self.names[:] = (*names[:1], *aliases)
        self.programs.sort()
        self.addresses.sort(key=lambda a: a.full)
        self.identifiers.sort(key=_identifier_order)
        self.relationships.sort(key=_relationship_order)
        self.properties.sort()
        return super().build()


_NAME_ORDER = {NameKind.PRIMARY: 0, NameKind.ALIAS: 1, NameKind.WEAK: 2}


def _identifier_order(identifier: Identifier) -> tuple[str, ...]:
    i = identifier
    return (i.type.value, i.value, i.country or "", i.label or "", i.note or "")


def _relationship_order(relationship: Relationship) -> tuple[str, ...]:
    r = relationship
    return (r.kind.value, r.target_name or "", r.target_id or "", r.role or "")


def _crypto_wallet(text: str) -> Identifier | None:
    """``Digital Currency Address - XBT 1AbC...`` as a wallet identifier."""
    match = _CRYPTO.match(text)
    if match is None:
        return None
    currency, address = match.groups()
    label = f"Digital Currency Address - {currency}"
    return Identifier(IdType.CRYPTO_WALLET, address, label=label)


def _split_document(text: str) -> tuple[str, str | None, str | None]:
    """``A123 (Iran) issued 2010`` → (``A123``, ``Iran``, ``issued 2010``); a state in a second
    bracket (``123 (Delaware) (United States)``) joins the note."""
    notes = []
    if match := _DOC_NOTE.search(text):
        notes.append(match.group(1))
        text = text[: match.start()]
    country = None
    if (match := _TRAILING_PAREN.search(text)) and match.start() > 0:
        country = match.group(1).strip() or None
        text = text[: match.start()]
        if (match := _TRAILING_PAREN.search(text)) and match.start() > 0:
            notes.insert(0, match.group(1).strip())
            text = text[: match.start()]
    return text.strip(), country, " ".join(notes) or None


def _strip_final_period(item: str, known_names: frozenset[str]) -> str:
    """The last remark item without the list's closing period, where that period is not
    part of the item itself (``KPD S.A.``, ``'SHAHIN CO.'``)."""
    if not item.endswith("."):
        return item
    body = item[:-1]
    if body.endswith(("'", '"', ".")):
        return body
    if item.startswith(("Linked To: ", "(Linked To: ")):
        name = item.split(": ", 1)[1]
        if name in known_names:
            return item
        if name[:-1] in known_names:
            return body
    return item if _ABBREVIATION.search(body) else body


def address_of(
    street: Sequence[str | None] = (),
    city: str | None = None,
    region: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
) -> Address | None:
    """An address from OFAC's parts; ``full`` reads as the CSV writes it
    (``street, city, region postal code, country``). None where every part is empty."""
    streets = [s for s in (clean(s) for s in street) if s]
    city, region, postal_code, country = map(clean, (city, region, postal_code, country))
    locality = ", ".join(p for p in (city, region) if p)
    locality = " ".join(p for p in (locality, postal_code) if p)
    full = ", ".join(p for p in (*streets, locality, country) if p)
    if not full:
        return None
    return Address(
        full=full,
        street=", ".join(streets) or None,
        city=city,
        region=region,
        postal_code=postal_code,
        country=country_code(country),
    )


def _programmes_of(text: str | None) -> list[str]:
    """``SDGT] [IRGC`` → ``["SDGT", "IRGC"]``."""
    text = clean(text)
    if text is None:
        return []
    return [p for p in (clean(p.strip("[] ")) for p in re.split(r"\]\s*\[", text)) if p]


def source_for(path: Path, programmes: Iterable[Sequence[str]] = ()) -> str:
    """``ofac-cons`` or ``ofac-sdn`` for a file of either list.

    The official file names decide (``CONS_*`` versus ``SDN*``); for a file named neither
    way, the entries' programme tags do: most Consolidated entries carry a non-SDN list tag
    (``NS-PLC``, ``FSE-*``, ``CMIC-*``, ``UKRAINE-EO13662`` ...), SDN entries almost never.
    """
    name = path.name.lower()
    if "cons" in name:
        return "ofac-cons"
    if "sdn" in name:
        return "ofac-sdn"
    tagged = [any(_NON_SDN_TAGS.match(p) for p in entry) for entry in programmes]
    return "ofac-cons" if tagged and sum(tagged) * 2 > len(tagged) else "ofac-sdn"


# ---------------------------------------------------------------------------------------------
# The CSV files.

_Row = tuple[int, list[str]]


def _csv_rows(text: str, path: Path) -> list[_Row]:
    """(line number, fields) for each record, blank lines and the final Ctrl-Z skipped."""
    reader = csv.reader(text.splitlines(), strict=True)
    rows = []
    try:
        for fields in reader:
            if not fields or (len(fields) == 1 and not fields[0].strip("\x1a \t")):
                continue
            rows.append((reader.line_num, fields))
    except csv.Error as error:  # a quoted field left open: the file ends mid-record
        raise ParseError(f"{path}: line {reader.line_num}: {error} (a truncated file?)") from error
    return rows


def _kind_of(rows: Sequence[_Row]) -> str | None:
    """Which of the four OFAC CSV files these first rows come from, or None."""
    if not rows:
        return None
    width = len(rows[0][1])
    sample = [fields for _, fields in rows[:50] if len(fields) == width]  # others: see parse
    if any(not f[0].strip().isdigit() for f in sample):
        return None
    first = sample[0]  # the other rows' types are checked, line by line, when parsed
    if width == _COLUMNS["main"] and (clean(first[2]) or "").lower() in _SCHEMAS:
        return "main"
    if (
        width == _COLUMNS["alt"]
        and all(f[1].strip().isdigit() for f in sample)
        and (first[2].strip().lower() in _ALIAS_TYPES)
    ):
        return "alt"
    if width == _COLUMNS["add"] and all(f[1].strip().isdigit() for f in sample):
        return "add"
    if width == _COLUMNS["comments"]:
        return "comments"
    return None


def sniff(path: Path, head: bytes) -> str | None:
    """The source id if ``head`` starts one of the OFAC CSV files, else None."""
    lines = head.decode("latin-1").splitlines()
    if lines and not head.endswith((b"\n", b"\x1a")):
        lines.pop()  # the head may end mid-line
    try:
        rows = _csv_rows("\n".join(lines[:50]), path)
    except ParseError:
        return None
    kind = _kind_of(rows)
    if kind is None or (kind == "comments" and "comment" not in path.name.lower()):
        return None
    programmes = [_programmes_of(fields[3]) for _, fields in rows] if kind == "main" else []
    return source_for(path, programmes)


def _read_table(path: Path) -> tuple[str, list[_Row]]:
    """The kind and the rows of one file, every row checked for its column count."""
    text = read_text(path, _ENCODINGS)
    rows = _csv_rows(text, path)
    if not rows and _COMPANION_NAME.search(path.name):
        return "empty", rows  # ALT, ADD or COMMENTS with nothing to add: only a Ctrl-Z
    if not rows:
        raise ParseError(f"{path}: empty file, no OFAC CSV records")
    kind = _kind_of(rows[:50])
    if kind is None:
        line, fields = rows[0]
        raise ParseError(
            f"{path}: line {line}: not an OFAC CSV file (a record of {len(fields)} fields "
            f"starting {fields[0][:40]!r}; expected 12 (SDN.CSV), 5 (ALT.CSV), 6 (ADD.CSV) "
            "or 2 (SDN_COMMENTS.CSV) fields and a numeric ent_num)"
        )
    width = _COLUMNS[kind]
    for line, fields in rows:
        if len(fields) != width:
            raise ParseError(
                f"{path}: line {line}: {len(fields)} fields where this file has {width} "
                "(a row cut short, or the columns changed)"
            )
        if not fields[0].strip().isdigit():
            raise ParseError(f"{path}: line {line}: ent_num {fields[0]!r} is not a number")
        if kind == "alt" and fields[2].strip().lower() not in _ALIAS_TYPES:
            raise ParseError(f"{path}: line {line}: unknown alias type {fields[2].strip()!r}")
    return kind, rows


def parse(files: Sequence[Path]) -> ParsedList:
    """Read one version of the SDN or Consolidated list from its CSV files."""
    tables: dict[str, tuple[Path, list[_Row]]] = {}
    for path in files:
        kind, rows = _read_table(path)
        if kind == "empty":
            continue
        if kind in tables:
            raise ParseError(f"{path}: a second {kind} file besides {tables[kind][0]}")
        tables[kind] = (path, rows)
    if "main" not in tables:
        names = ", ".join(str(p) for p in files) or "no files"
        raise ParseError(f"no primary OFAC CSV file (SDN.CSV or CONS_PRIM.CSV) among {names}")
    main_path, main_rows = tables["main"]
    head = main_rows[:50]  # as sniff() judges it
    source = source_for(main_path, [_programmes_of(fields[3]) for _, fields in head])
    warnings: list[str] = []

    drafts = [_draft_of(main_path, line, fields, source) for line, fields in main_rows]
    by_id: dict[str, OfacDraft] = {}
    for draft in drafts:
        by_id.setdefault(draft.id, draft)

    def owner(kind: str, line: int, fields: list[str]) -> OfacDraft | None:
        draft = by_id.get(f"{source}:{fields[0].strip()}")
        if draft is None:
            warnings.append(
                f"{tables[kind][0]}: line {line}: ent_num {fields[0].strip()} is not in "
                f"{main_path.name}; row ignored"
            )
        return draft

    for line, fields in tables.get("alt", (None, []))[1]:
        if draft := owner("alt", line, fields):
            qualifier = _ALIAS_TYPES[fields[2].strip().lower()]
            draft.add_ofac_name(fields[3], NameKind.ALIAS, qualifier)
    for line, fields in tables.get("add", (None, []))[1]:
        if (draft := owner("add", line, fields)) and (
            address := address_of([fields[2]], fields[3], country=fields[4])
        ):
            draft.add_addresses(address)
    continued: dict[str, str] = {}
    for line, fields in tables.get("comments", (None, []))[1]:
        if draft := owner("comments", line, fields):
            continued[draft.id] = continued.get(draft.id, "") + fields[1]

    known_names = frozenset(d.names[0].full for d in drafts)
    cut = 0
    for draft, (_, fields) in zip(drafts, main_rows, strict=True):
        remarks = fields[11] if clean(fields[11]) else ""
        remarks += continued.pop(draft.id, "")
        is_cut = len(remarks) >= _REMARKS_LIMIT and not remarks.rstrip().endswith(".")
        cut += is_cut
        draft.read_remarks(remarks, cut=is_cut, known_names=known_names)
    if cut:
        warnings.append(
            f"{main_path}: the remarks of {cut} entries are cut at {_REMARKS_LIMIT} characters "
            "(SDN_COMMENTS.CSV continues them); their last item is kept as text"
        )
    return ParsedList(
        source=source,
        format=FORMAT,
        entities=[d.build() for d in drafts],
        files=[path for path, _ in tables.values()],
        warnings=warnings,
    )


def _draft_of(path: Path, line: int, fields: list[str], source: str) -> OfacDraft:
    """An entity's primary file row: name, type, programmes and the vessel columns."""
    ent_num, name, sdn_type, programmes = fields[:4]
    schema = _SCHEMAS.get((clean(sdn_type) or "").lower())
    if schema is None:
        raise ParseError(f"{path}: line {line}: unknown SDN type {sdn_type.strip()!r}")
    if clean(name) is None:
        raise ParseError(f"{path}: line {line}: ent_num {ent_num.strip()} has no name")
    draft = OfacDraft(id=f"{source}:{ent_num.strip()}", source=source, schema=schema)
    draft.add_ofac_name(name, NameKind.PRIMARY)
    draft.add_programs(*_programmes_of(programmes))
    for label, value in zip(_COLUMN_LABELS, fields[4:11], strict=True):
        draft.add_feature(label, value)
    return draft
