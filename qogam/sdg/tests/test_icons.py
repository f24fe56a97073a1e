"""The 17 goal tiles: one well-formed SVG each, in the goal's colour, with a white glyph."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation

from qogam.sdg.goals import GOALS, goal_colour, goal_title

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {f"{SVG}{name}" for name in ("rect", "circle", "ellipse", "path", "polygon", "line")}
WHITE = "#fff"


def render(template: str, **context) -> str:
    return Template("{% load sdg %}" + template).render(Context(context))


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup.strip())  # noqa: S314 (our own template)


@pytest.mark.parametrize("number", GOALS)
def test_each_goal_renders_one_coloured_tile_with_a_white_glyph(number):
    with translation.override("en"):
        markup = render("{% sdg_icon n 48 %}", n=number)
    root = parse(markup)  # raises if the tile is not one well-formed element
    colour = goal_colour(number)

    assert root.tag == f"{SVG}svg"
    assert (root.get("class"), root.get("width"), root.get("height")) == ("sdg-icon", "48", "48")
    assert (root.get("viewBox"), root.get("role")) == ("0 0 64 64", "img")

    tile, number_text, glyph = list(root)
    assert (tile.tag, tile.get("width"), tile.get("height")) == (f"{SVG}rect", "64", "64")
    assert tile.get("fill") == colour
    assert number_text.tag == f"{SVG}text"
    assert number_text.text == str(number)
    assert glyph.tag == f"{SVG}g"
    assert glyph.get("fill") == WHITE

    shapes = [el for el in glyph.iter() if el.tag in SHAPES]
    assert shapes, f"goal {number} has no glyph"
    # Every shape is painted white, or in the tile's own colour to cut lines out of white.
    paints = {el.get(attr) for el in glyph.iter() for attr in ("fill", "stroke") if el.get(attr)}
    assert paints <= {WHITE, "none", colour}, paints
    assert any(
        el.get("stroke") == WHITE or el.get("fill", "inherited") in (WHITE, "inherited")
        for el in shapes
    ), f"goal {number} draws nothing in white"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_label_names_the_goal_in_the_readers_language(language):
    with translation.override(language):
        for number in GOALS:
            root = parse(render("{% sdg_icon n 24 %}", n=number))
            assert root.get("aria-label") == f"{number} · {goal_title(number, language)}"
    with translation.override("en"):
        assert parse(render("{% sdg_icon 7 %}")).get("aria-label") == (
            "7 · Affordable and clean energy"
        )
    with translation.override("ru"):
        assert parse(render("{% sdg_icon 4 %}")).get("aria-label") == (
            "4 · Качественное образование"
        )
    with translation.override("kk"):
        assert parse(render("{% sdg_icon 4 %}")).get("aria-label") == "4 · Сапалы білім беру"


@pytest.mark.parametrize("number", GOALS)
def test_tiles_carry_no_script_style_or_outside_reference(number):
    root = parse(render("{% sdg_icon n %}", n=number))
    assert root.get("width") == "32"  # the default size
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject")
        assert "style" not in element.attrib
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert not name.endswith("href"), (name, value)
            assert "url(" not in value


def test_each_glyph_is_its_own_fragment_file():
    sources = {}
    for number in GOALS:
        path = Path(get_template(f"sdg/icons/goal_{number}.svg").origin.name)
        source = path.read_text()
        assert "<svg" not in source and "<script" not in source and "style=" not in source
        # A fragment of shapes: wrapped in a root it parses.
        assert len(ET.fromstring(f"<g>{source}</g>")) >= 1  # noqa: S314
        sources[number] = source
    assert len(set(sources.values())) == len(GOALS), "two goals share a glyph"
