"""The small picture of an exposure section's paths: well-formed, escaped, self-contained."""

from __future__ import annotations

from lxml import etree

from sanctio.exposure import Exposure, Stake, customer_node, exposure_svg
from sanctio.model import RelationshipKind
from tests.exposure.conftest import structure
from tests.factory import person

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def test_the_picture_draws_each_party_of_the_paths_once_with_labelled_edges() -> None:
    exposure = structure(
        ("X", "A", 50), ("A", "B", 60), links=[("B", "Y", RelationshipKind.FAMILY)]
    )
    root = parse(exposure_svg(exposure.party("B")))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for caption in ("B", "A", "Blocked Person X", "Blocked Person Y"):
        assert texts.count(caption) == 1
    assert "ownership 50%" in texts and "ownership 60%" in texts and "family" in texts
    assert len(list(root.iter(f"{SVG}rect"))) == 4


def test_captions_and_ids_are_escaped_and_nothing_external_is_referenced() -> None:
    name = '<script>alert("x")</script> & Sons'
    entities = [person("sdn", "X", "Blocked Person X")]
    stake = Stake("sdn:X", customer_node('C"1<'), 30, owned_caption=name)
    svg = exposure_svg(Exposure.from_entities(entities, [stake]).party('customer:C"1<'))
    root = parse(svg)  # well-formed despite the markup in the name
    assert "<script" not in svg
    assert name[:20] in "".join(root.itertext())
    assert "href" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_a_party_without_paths_is_drawn_alone() -> None:
    root = parse(exposure_svg(structure(("A", "B", 10)).party("A")))
    assert len(list(root.iter(f"{SVG}rect"))) == 1


def test_paths_beyond_the_limit_are_counted_not_drawn() -> None:
    entities = [person("sdn", str(i), f"Listed Person {i}") for i in range(20)]
    stakes = [Stake(f"sdn:{i}", customer_node("A"), 1) for i in range(20)]
    svg = exposure_svg(Exposure.from_entities(entities, stakes).party("A"), max_paths=5)
    assert len(list(parse(svg).iter(f"{SVG}rect"))) == 6
    assert "and 15 more path(s) not drawn" in svg


def test_pictures_of_different_parties_use_different_marker_ids() -> None:
    exposure = structure(("X", "A", 10), ("X", "B", 10))
    first, second = exposure_svg(exposure.party("A")), exposure_svg(exposure.party("B"))
    marker = parse(first).find(f".//{SVG}marker").get("id")
    assert marker not in second
