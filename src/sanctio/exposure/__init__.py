"""Exposure: who is blocked by ownership (OFAC's 50 percent rule), and who is linked to
designated persons, over the relationships the lists publish and the firm's own data.

    from sanctio.exposure import Exposure, exposure_for_hits, exposure_svg

    exposure = Exposure.from_store()                  # current lists + imported ownership
    section = exposure.party("customer:C-1001")       # status, ownership paths, links
    result["exposure"] = exposure_for_hits(exposure, hits, max_hops=2)
    picture = exposure_svg(section)                   # a small SVG of the paths

See docs/exposure.md for the rule implemented and the file format of ownership data.
"""

from sanctio.exposure.analysis import DEFAULT_MAX_LINKS, Exposure, exposure_for_hits
from sanctio.exposure.firm import (
    OwnershipDataError,
    OwnershipImport,
    import_ownership,
    load_stakes,
    read_ownership_file,
)
from sanctio.exposure.graph import Edge, ExposureGraph, Node, Stake, customer_node, name_node
from sanctio.exposure.links import DEFAULT_HOPS, MAX_HOPS
from sanctio.exposure.ownership import THRESHOLD, OwnershipAnalysis, OwnershipStatus, Verdict
from sanctio.exposure.svg import exposure_svg

__all__ = [
    "DEFAULT_HOPS",
    "DEFAULT_MAX_LINKS",
    "MAX_HOPS",
    "THRESHOLD",
    "Edge",
    "Exposure",
    "ExposureGraph",
    "Node",
    "OwnershipAnalysis",
    "OwnershipDataError",
    "OwnershipImport",
    "OwnershipStatus",
    "Stake",
    "Verdict",
    "customer_node",
    "exposure_for_hits",
    "exposure_svg",
    "import_ownership",
    "load_stakes",
    "name_node",
    "read_ownership_file",
]
