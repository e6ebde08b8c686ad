"""Build templates/deck/default.pptx: opvoedkit's calm 16:9 house style.

Starts from python-pptx's default template, sets 16:9, rewrites theme, master and layouts as XML
(placeholders at the boxes in opvoedkit.geometry.DEFAULT_FRAMES, so measuring and drawing
agree) and deletes the layouts we do not use. Run from the repository root:

    python scripts/make_deck_template.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from opvoedkit.geometry import (
    DEFAULT_FRAMES,
    DEFAULT_TITLE_PT,
    LAYOUT_NAMES,
    SLIDE_SIZE,
    TITLE_PT,
    Box,
)
from opvoedkit.render.deck import DARK, DEFAULT_ACCENT, LIGHT, contrast, reproducible_zip

OUT = Path(__file__).resolve().parent.parent / "templates" / "deck" / "default.pptx"
STAMP = dt.datetime(2017, 1, 1, 8, 0, 0)
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
MUTED = "3C4A55"      # secondary text: 9.1:1 on white
SOFT = "5C6873"       # slide numbers: 5.7:1 on white
COLOURS = {"dk1": DARK, "lt1": LIGHT, "dk2": MUTED, "lt2": "EDF2F4", "accent1": DEFAULT_ACCENT,
           "accent2": "C4622D", "accent3": "5B8C3A", "accent4": "7A5195", "accent5": "2F6FA8",
           "accent6": "A67C00", "hlink": "0B5C8F", "folHlink": "6B4E9B"}
DECORATIVE = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
              'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
              "</a:ext></a:extLst>")
NUMBER_BOX = Box.inches(11.33, 6.88, 1.25, 0.4)
# Which layout part of python-pptx's default becomes which of ours (the rest are deleted).
REUSE = {"title": 0, "content": 1, "section": 2, "two-column": 3, "exercise": 4, "agenda": 5,
         "closing": 6}
LAYOUT_TYPE = {"title": "title", "content": "obj", "section": "secHead", "two-column": "twoObj"}


def xfrm(box: Box) -> str:
    """An a:xfrm for a box."""
    return (f'<a:xfrm><a:off x="{box.left}" y="{box.top}"/>'
            f'<a:ext cx="{box.width}" cy="{box.height}"/></a:xfrm>')


def rect(shape_id: int, name: str, box: Box, colour: str = "accent1") -> str:
    """A decorative filled rectangle (marked decorative for screen readers)."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}">{DECORATIVE}</p:cNvPr>'
            '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
            '</p:spPr><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p>'
            '<a:endParaRPr lang="nl-NL"/></a:p></p:txBody></p:sp>')


def placeholder(shape_id: int, name: str, ph: str, box: Box, *, anchor: str = "t",
                level: str = "", prompt: str = "", geometry: str = "") -> str:
    """A placeholder with its box, anchor, first-level style and prompt text."""
    body = (f'<a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
            f'rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>')
    style = f"<a:lstStyle>{level}</a:lstStyle>" if level else "<a:lstStyle/>"
    text = (f'<a:r><a:rPr lang="nl-NL"/><a:t>{prompt}</a:t></a:r>' if prompt else "")
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f"<p:spPr>{xfrm(box)}{geometry}</p:spPr><p:txBody>{body}{style}<a:p>{text}"
            '<a:endParaRPr lang="nl-NL"/></a:p></p:txBody></p:sp>')


def slide_number(shape_id: int) -> str:
    """The slide number placeholder, bottom right."""
    level = (f'<a:lvl1pPr algn="r"><a:defRPr sz="1200"><a:solidFill><a:srgbClr val="{SOFT}"/>'
             "</a:solidFill></a:defRPr></a:lvl1pPr>")
    ph = '<p:ph type="sldNum" sz="quarter" idx="12"/>'
    sp = placeholder(shape_id, "Dianummer", ph, NUMBER_BOX, anchor="ctr", level=level)
    return sp.replace("<a:p><a:endParaRPr", '<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-'
                      '634DDDAF4B2B}" type="slidenum"><a:rPr lang="nl-NL"/><a:t>‹#›</a:t>'
                      "</a:fld><a:endParaRPr", 1)


def level1(size: int, *, bold: bool = False, colour: str = "tx1", bullet: bool = False) -> str:
    """A first-level paragraph style."""
    bullet_xml = ('<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
                  '<a:buChar char="•"/>' if bullet else "<a:buNone/>")
    margin = 'marL="342900" indent="-342900"' if bullet else 'marL="0" indent="0"'
    return (f'<a:lvl1pPr {margin} algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{round(size * 40)}"/></a:spcBef>{bullet_xml}'
            f'<a:defRPr sz="{size * 100}" b="{int(bold)}"><a:solidFill>'
            f'<a:schemeClr val="{colour}"/></a:solidFill></a:defRPr></a:lvl1pPr>')


def layout_xml(kind: str) -> str:
    """One of our seven layouts."""
    frame = DEFAULT_FRAMES[kind]
    title_size = TITLE_PT.get(kind, DEFAULT_TITLE_PT)
    inch = Box.inches
    shapes: list[str] = []
    if kind in ("title", "section", "closing"):  # a band down the left edge
        shapes.append(rect(10, "Accentband", inch(0, 0, 0.3, 7.5)))
    else:  # a thin bar along the top
        shapes.append(rect(10, "Accentbalk", inch(0, 0, 13.333, 0.12)))
    below = frame.title.top + frame.title.height
    shapes.append(rect(11, "Accentlijn", Box(frame.title.left + 91440, below + 60000,
                                             inch(0, 0, 1.3, 0).width, inch(0, 0, 0, 0.07).height)))
    title_ph = '<p:ph type="ctrTitle"/>' if kind == "title" else '<p:ph type="title"/>'
    shapes.append(placeholder(2, "Titel", title_ph, frame.title, anchor="b",
                              level=level1(title_size, bold=True), prompt="Titel"))
    if kind == "title":
        shapes.append(placeholder(3, "Ondertitel", '<p:ph type="subTitle" idx="1"/>',
                                  frame.bodies[0], level=level1(24, colour="tx2"),
                                  prompt="Gemeente, datum en plaats"))
    elif kind == "section":
        shapes.append(placeholder(3, "Tekst", '<p:ph type="body" idx="1"/>', frame.bodies[0],
                                  level=level1(24, colour="tx2"), prompt="Onderdeel en tijd"))
    else:
        bullets = kind != "agenda"
        for number, box in enumerate(frame.bodies, start=1):
            shapes.append(placeholder(2 + number, f"Inhoud {number}", f'<p:ph idx="{number}"/>',
                                      box, level=level1(24, bullet=bullets), prompt="Tekst"))
    if frame.badge:
        badge_level = ('<a:lvl1pPr marL="0" indent="0" algn="ctr"><a:buNone/>'
                       '<a:defRPr sz="1800" b="1"><a:solidFill><a:schemeClr val="bg1"/>'
                       "</a:solidFill></a:defRPr></a:lvl1pPr>")
        geometry = ('<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom><a:solidFill>'
                    '<a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln>')
        shapes.append(placeholder(5, "Tijd", '<p:ph type="body" sz="quarter" idx="13"/>',
                                  frame.badge, anchor="ctr", level=badge_level,
                                  prompt="45 min · in tweetallen", geometry=geometry))
    if kind != "title":
        shapes.append(slide_number(12))
    kind_attr = (f'type="{LAYOUT_TYPE[kind]}" preserve="1"' if kind in LAYOUT_TYPE
                 else 'preserve="1" userDrawn="1"')
    return (f'<p:sldLayout {NS} {kind_attr}><p:cSld name="{LAYOUT_NAMES[kind]}"><p:spTree>'
            '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
            '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
            + "".join(shapes) + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
            "</p:clrMapOvr></p:sldLayout>")


def master_tree() -> str:
    """The master's background and placeholders (layouts inherit text styles from it)."""
    content = DEFAULT_FRAMES["content"]
    footer = ('<a:lvl1pPr algn="l"><a:defRPr sz="1200"><a:solidFill><a:srgbClr val="'
              f'{SOFT}"/></a:solidFill></a:defRPr></a:lvl1pPr>')
    return (f"<p:cSld {NS}><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill>"
            "<a:effectLst/></p:bgPr></p:bg><p:spTree>"
            '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
            '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
            + placeholder(2, "Titel", '<p:ph type="title"/>', content.title, anchor="b",
                          prompt="Klik om de titel te bewerken")
            + placeholder(3, "Tekst", '<p:ph type="body" idx="1"/>', content.bodies[0],
                          prompt="Klik om de tekst te bewerken")
            + placeholder(4, "Datum", '<p:ph type="dt" sz="half" idx="2"/>',
                          Box.inches(0.75, 6.88, 3.0, 0.4), anchor="ctr", level=footer)
            + placeholder(5, "Voettekst", '<p:ph type="ftr" sz="quarter" idx="3"/>',
                          Box.inches(4.0, 6.88, 5.33, 0.4), anchor="ctr", level=footer)
            + slide_number(6).replace('idx="12"', 'idx="4"')
            + "</p:spTree></p:cSld>")


def text_styles() -> str:
    """Master title and body styles: Arial via the theme, dark on light, bullets in accent."""
    levels = [level1(24, bullet=True)]
    for number, (size, margin) in enumerate([(20, 742950), (18, 1143000), (18, 1600200),
                                             (18, 2057400)], start=2):
        levels.append(f'<a:lvl{number}pPr marL="{margin}" indent="-285750" algn="l">'
                      f'<a:spcBef><a:spcPts val="{size * 40}"/></a:spcBef><a:buClr>'
                      '<a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
                      f'<a:buChar char="–"/><a:defRPr sz="{size * 100}"><a:solidFill>'
                      f'<a:schemeClr val="tx1"/></a:solidFill></a:defRPr></a:lvl{number}pPr>')
    title = level1(DEFAULT_TITLE_PT, bold=True).replace("<a:defRPr", '<a:defRPr kern="1200"')
    title = title.replace("</a:defRPr>", '<a:latin typeface="+mj-lt"/></a:defRPr>')
    return (f"<p:txStyles {NS}><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>"
            + "".join(levels).replace("</a:defRPr>", '<a:latin typeface="+mn-lt"/></a:defRPr>')
            + "</p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr lang=\"nl-NL\"/></a:lvl1pPr>"
            "</p:otherStyle></p:txStyles>")


def replace_children(element: etree._Element, xml: str) -> None:
    """Give an element the attributes and children of some XML, keeping the element itself
    (python-pptx caches its objects, so the element must stay the same)."""
    new = parse_xml(xml)
    element.attrib.clear()
    element.attrib.update(new.attrib)
    for child in list(element):
        element.remove(child)
    for child in list(new):
        element.append(child)


def theme(blob: bytes) -> bytes:
    """The theme with our colours and Arial for titles and text."""
    root = etree.fromstring(blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f".//{a}clrScheme")
    scheme.set("name", "opvoedkit")
    for name, value in COLOURS.items():
        slot = scheme.find(f"{a}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{a}srgbClr", val=value)
    fonts = root.find(f".//{a}fontScheme")
    fonts.set("name", "opvoedkit")
    for group in ("majorFont", "minorFont"):
        node = fonts.find(f"{a}{group}")
        for child in list(node):
            node.remove(child)
        for script in ("latin", "ea", "cs"):
            etree.SubElement(node, f"{a}{script}", typeface="Arial" if script == "latin" else "")
    root.set("name", "opvoedkit")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main() -> int:
    """Write the template and check its colours."""
    for text, background in ((DARK, LIGHT), (MUTED, LIGHT), (SOFT, LIGHT), (LIGHT, DEFAULT_ACCENT),
                             (COLOURS["hlink"], LIGHT)):
        assert contrast(text, background) >= 4.5, (text, background)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_SIZE
    size = prs.part._element.find("{*}sldSz")
    size.attrib.pop("type", None)  # "screen4x3" would contradict the new size
    for node in prs.part._element.iterfind(".//{*}defRPr[@lang]"):
        node.set("lang", "nl-NL")
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = theme(theme_part.blob)
    root = master._element
    replace_children(root.find("{*}cSld"), master_tree())
    replace_children(root.find("{*}txStyles"), text_styles())
    layouts = list(master.slide_layouts)
    for kind, index in REUSE.items():
        replace_children(layouts[index]._element, layout_xml(kind))
    for layout in layouts[len(REUSE):]:
        master.slide_layouts.remove(layout)
    # Our layouts in the order a facilitator meets them.
    order = ["title", "section", "content", "two-column", "exercise", "agenda", "closing"]
    id_list = root.find("{*}sldLayoutIdLst")
    entries = list(id_list)
    for kind in order:
        id_list.append(entries[REUSE[kind]])
    props = prs.core_properties
    props.title, props.author = "opvoedkit – standaardsjabloon", "opvoedkit"
    props.subject, props.language = "Diasjabloon voor bijeenkomsten", "nl-NL"
    props.last_modified_by, props.comments, props.revision = "opvoedkit", "", 1
    props.created = props.modified = props.last_printed = STAMP
    buffer = io.BytesIO()
    prs.save(buffer)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(reproducible_zip(buffer.getvalue(), STAMP))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
