"""Every use of python-docx internals, one named function each.

python-docx has no public API for a picture's alt text, a table's repeating header row, cell
shading, fields (page numbers, a table of contents), bookmarks and internal links, paragraph
borders, restarting a numbered list, the language of the styles, fonts without the theme's,
right-to-left runs, or the package's thumbnail and app properties. Each function below says
which private thing it touches (the ``_element`` behind a proxy, ``docx.oxml``);
tests/test_docx_adapter.py tests each one, so an upgrade of python-docx that moves one fails
there, by name. Tested with python-docx 1.2.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_RT_EXTENDED = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                "extended-properties")
_RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def element(proxy: Any) -> Any:
    """The lxml element behind a python-docx paragraph, run, table, row, cell, section or
    inline picture (its private ``_element``)."""
    return proxy._element


def _child(parent: Any, tag: str, **attributes: str) -> Any:
    """The child ``tag`` of ``parent``, made (at the end) when missing; attributes
    (``w:``-names without the prefix) set on it."""
    node = parent.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        parent.append(node)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def _first_child(parent: Any, tag: str) -> Any:
    """The child ``tag`` of ``parent``, made as its first child when missing."""
    node = parent.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        parent.insert(0, node)
    return node


def _ordered(parent: Any, node: Any, order: tuple[str, ...]) -> None:
    """Move ``node`` to its place among ``parent``'s children, as the schema orders them."""
    tag = node.tag
    rank = order.index(tag) if tag in order else len(order)
    parent.remove(node)
    for index, other in enumerate(parent):
        if other.tag in order and order.index(other.tag) > rank:
            parent.insert(index, node)
            return
    parent.append(node)


# The order of w:rPr's children in the schema (ECMA-376, CT_RPr), as far as we write them.
_RPR = tuple(qn(f"w:{t}") for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath"))
# The order of w:pPr's children (CT_PPrBase), as far as we write them.
_PPR = tuple(qn(f"w:{t}") for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _rpr(parent: Any) -> Any:
    """The ``w:rPr`` of a style, a run or the document defaults' ``w:rPrDefault``."""
    rpr = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        if parent.tag == qn("w:r"):
            parent.insert(0, rpr)
        elif parent.tag == qn("w:style"):
            # After pPr (if any): name, aliases, ..., pPr, rPr, tblPr, ...
            after = [c for c in parent if c.tag in (qn("w:pPr"),)] or \
                [c for c in parent if c.tag not in (qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr"),
                                                    qn("w:tblStylePr"))]
            if after:
                after[-1].addnext(rpr)
            else:
                parent.insert(0, rpr)
        else:
            parent.append(rpr)
    return rpr


def _set_rpr(rpr: Any, tag: str, **attributes: str) -> Any:
    node = _child(rpr, tag, **attributes)
    _ordered(rpr, node, _RPR)
    return node


def set_language(document: Any, language: str, complex_language: str) -> None:
    """Write ``w:lang`` (``val`` and ``bidi``) into the document defaults and every style's
    run properties, so that every run inherits the language, and set the settings' theme font
    language. Touches ``docx.oxml`` on ``styles.element`` and ``settings.element``."""
    styles = document.styles.element
    defaults = _child(_first_child(_first_child(styles, "w:docDefaults"), "w:rPrDefault"),
                      "w:rPr")
    targets = [defaults, *(_rpr(style) for style in styles.findall(qn("w:style"))
                           if style.get(qn("w:type")) in ("paragraph", "character"))]
    for rpr in targets:
        lang = _set_rpr(rpr, "w:lang", val=language, bidi=complex_language)
        lang.attrib.pop(qn("w:eastAsia"), None)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), language)
        theme.set(qn("w:bidi"), complex_language)
        theme.attrib.pop(qn("w:eastAsia"), None)


def set_fonts(document: Any, latin: str, complex_font: str) -> None:
    """Our fonts in the document defaults and wherever a style names fonts, instead of the
    theme's (a style's ``asciiTheme`` wins over its ``ascii``, and python-docx's ``font.name``
    leaves it); in ``styles.element``."""
    styles = document.styles.element
    defaults = _child(_first_child(_first_child(styles, "w:docDefaults"), "w:rPrDefault"),
                      "w:rPr")
    _set_rpr(defaults, "w:rFonts")
    for fonts in styles.iter(qn("w:rFonts")):
        for name in list(fonts.attrib):
            fonts.attrib.pop(name)
        for name, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", latin),
                            ("cs", complex_font)):
            fonts.set(qn(f"w:{name}"), value)


def set_right_to_left(run: Any, language: str, font: str | None = None) -> None:
    """Mark a run right-to-left (``w:rtl``) in a complex-script language (``w:lang w:bidi``),
    optionally with its complex-script font. Touches the run's ``_element``."""
    rpr = _rpr(element(run))
    _set_rpr(rpr, "w:rtl")
    _set_rpr(rpr, "w:lang", bidi=language)
    if font:
        _set_rpr(rpr, "w:rFonts", cs=font)


def set_complex_bold(run: Any, bold: bool, italic: bool) -> None:
    """Bold and italic for the complex-script (Arabic) letters of a run too (``w:bCs``,
    ``w:iCs``); python-docx's ``cs_bold`` writes them out of schema order in some runs."""
    rpr = _rpr(element(run))
    if bold:
        _set_rpr(rpr, "w:bCs")
    if italic:
        _set_rpr(rpr, "w:iCs")


def repeat_header(row: Any) -> None:
    """Repeat a table row at the top of every page the table runs onto (``w:tblHeader``) and
    keep it in one piece; touches the row's ``_element``."""
    trpr = element(row).get_or_add_trPr()
    _child(trpr, "w:cantSplit")
    _child(trpr, "w:tblHeader")


def keep_row_together(row: Any) -> None:
    """A row never split over two pages (``w:cantSplit``)."""
    _child(element(row).get_or_add_trPr(), "w:cantSplit")


def shade(cell: Any, fill: str) -> None:
    """A cell's background colour (``w:shd``), ``fill`` as RRGGBB; touches ``_element``."""
    tcpr = element(cell).get_or_add_tcPr()
    node = _child(tcpr, "w:shd", val="clear", color="auto", fill=fill)
    order = tuple(qn(f"w:{t}") for t in ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge",
                                          "tcBorders", "shd", "noWrap", "tcMar",
                                          "textDirection", "tcFitText", "vAlign", "hideMark"))
    _ordered(tcpr, node, order)


# The order of w:tblPr's children (CT_TblPr).
_TBLPR = tuple(qn(f"w:{t}") for t in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"))


def _run(paragraph_element: Any, *children: Any) -> Any:
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    paragraph_element.append(run)
    return run


def _fld_char(kind: str) -> Any:
    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    return node


def begin_field(paragraph: Any, instruction: str) -> None:
    """Open a field (``w:fldChar`` begin, ``w:instrText``, separate) at the end of a paragraph;
    what follows until :func:`end_field` is its last computed result."""
    _field_runs(element(paragraph), instruction)


def _field_runs(target: Any, instruction: str) -> None:
    _run(target, _fld_char("begin"))
    text = OxmlElement("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    _run(target, text)
    _run(target, _fld_char("separate"))


def end_field(paragraph: Any) -> None:
    """Close the field opened by :func:`begin_field` (it may span paragraphs)."""
    _run(element(paragraph), _fld_char("end"))


def add_field(paragraph: Any, instruction: str, result: str, *, into: Any = None) -> None:
    """A field (``PAGE``, ``NUMPAGES``, ``PAGEREF``) with ``result`` shown until Word computes
    it, at the end of a paragraph or of ``into`` (a hyperlink element inside it)."""
    target = element(paragraph) if into is None else into
    _field_runs(target, instruction)
    if result:
        text = OxmlElement("w:t")
        text.text = result
        _run(target, text)
    _run(target, _fld_char("end"))


def add_bookmark(paragraph: Any, name: str, number: int) -> None:
    """A bookmark around a paragraph's content (a target for links and the contents)."""
    p = element(paragraph)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def add_internal_link(paragraph: Any, bookmark: str) -> Any:
    """An empty ``w:hyperlink`` to a bookmark at the end of a paragraph; returns it, to put
    runs into (see :func:`move_runs`)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    element(paragraph).append(link)
    return link


def move_runs(runs: Iterable[Any], target: Any) -> None:
    """Move python-docx runs into ``target`` (a hyperlink element)."""
    for run in runs:
        target.append(element(run))


def clear_borders(style: Any) -> None:
    """Remove a paragraph style's borders (``w:pBdr`` in ``style.element``)."""
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def table_borders(table: Any, colour: str, size: int) -> None:
    """Every line of a table (outside and inside) in one colour and width (eighths of a point);
    touches the table's ``_element``."""
    tblpr = element(table).tblPr
    borders = _child(tblpr, "w:tblBorders")
    _ordered(tblpr, borders, _TBLPR)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}", val="single", sz=str(size), space="0", color=colour)


def next_paragraph(paragraph: Any) -> Any:
    """The paragraph right after ``paragraph`` in its story, or None (a table or the end);
    python-docx only appends, or inserts before a paragraph it hands out. Touches ``_p`` and
    ``_parent``."""
    from docx.text.paragraph import Paragraph

    following = paragraph._p.getnext()
    if following is None or following.tag != qn("w:p"):
        return None
    return Paragraph(following, paragraph._parent)


def paragraph_border(paragraph: Any, *sides: str, colour: str, size: int,
                     space: int = 1) -> None:
    """Lines along a paragraph's sides (``w:pBdr``: ``top``, ``bottom``, ``between``);
    ``size`` in eighths of a point."""
    ppr = element(paragraph).get_or_add_pPr()
    border = _child(ppr, "w:pBdr")
    _ordered(ppr, border, _PPR)
    for side in sides:
        _child(border, f"w:{side}", val="single", sz=str(size), space=str(space), color=colour)


def restart_numbering(document: Any, paragraph: Any) -> int:
    """Give a paragraph of a numbered list style a list of its own that starts at 1 (a new
    ``w:num`` on the style's abstract numbering, with a start override); returns its id.
    Touches ``numbering_part`` and the style's ``_element``."""
    numbering = document.part.numbering_part.element
    style = document.styles[paragraph.style.name]
    num_pr = element(style).pPr.numPr
    base = numbering.num_having_numId(num_pr.numId.val)
    number = numbering.add_num(base.abstractNumId.val)
    number.add_lvlOverride(ilvl=0).add_startOverride(1)
    return _use_numbering(paragraph, int(number.numId))


def continue_numbering(paragraph: Any, number: int) -> None:
    """Put a paragraph into the numbered list ``number`` (from :func:`restart_numbering`)."""
    _use_numbering(paragraph, number)


def _use_numbering(paragraph: Any, number: int) -> int:
    num_pr = element(paragraph).get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = number
    return number


def set_alt_text(picture: Any, text: str, name: str) -> None:
    """A picture's alt text: ``descr`` of its ``wp:docPr`` (python-docx has no API for it), and
    ``name`` instead of the file name python-docx writes into ``pic:cNvPr``. Touches the
    inline shape's ``_inline``."""
    inline = picture._inline
    inline.docPr.set("descr", text)
    inline.docPr.set("name", name)
    for node in inline.iter(qn("pic:cNvPr")):
        node.set("name", name)
        node.set("descr", text)


def alt_text(picture: Any) -> str | None:
    """A picture's alt text (``descr`` of its ``wp:docPr``, through ``_inline``)."""
    value = picture._inline.docPr.get("descr")
    return None if value is None else str(value)


def drop_template_parts(document: Any) -> list[str]:
    """Drop what python-docx's default template carries that our files never need: its
    thumbnail (a picture of an empty page), its custom XML (bibliography sources) and the
    copy of its styles for Word 2010 (``stylesWithEffects``, which Word makes again when it
    saves); returns their targets. Pops from ``OpcPackage.rels`` and ``Part.rels`` (dicts,
    that python-docx itself only adds to)."""
    package = document.part.package
    dropped = []
    for rid, rel in list(package.rels.items()):
        if rel.reltype == _RT_THUMBNAIL:
            dropped.append(rel.target_ref)
            package.rels.pop(rid)
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype in (_RT_CUSTOM_XML, _RT_STYLES_WITH_EFFECTS):
            dropped.append(rel.target_ref)
            document.part.rels.pop(rid)
    return dropped


def keep_styles(document: Any, style_ids: Iterable[str]) -> int:
    """Remove every style definition but ``style_ids`` (and the styles they are based on or
    linked to) from ``styles.element``; returns how many went. The default template defines
    ~160 styles, and python-docx looks through all of them whenever a paragraph gets a style.
    Word still offers its built-in styles (they are listed as latent styles)."""
    styles = document.styles.element
    style_tag, id_attribute = qn("w:style"), qn("w:styleId")
    by_id = {style.get(id_attribute): style for style in styles.iterchildren(style_tag)}
    keep: set[str] = set()
    todo = [i for i in style_ids if i in by_id]
    while todo:
        style_id = todo.pop()
        if style_id in keep:
            continue
        keep.add(style_id)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[style_id].find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in by_id:
                todo.append(ref.get(qn("w:val")))
    doomed = [index for index, child in enumerate(styles)
              if child.tag == style_tag and child.get(id_attribute) not in keep]
    # Deleted by position once no Python object refers to them: lxml frees such an element
    # at once, but first moves one that has a proxy into a document of its own (4x slower).
    del by_id
    for index in reversed(doomed):
        del styles[index]
    return len(doomed)


def set_app_properties(document: Any, xml: bytes) -> None:
    """Replace ``docProps/app.xml`` (the template's says "Microsoft Macintosh Word"); touches
    the package's part ``_blob``."""
    for rel in document.part.package.rels.values():
        if rel.reltype == _RT_EXTENDED:
            rel.target_part._blob = xml
            return


# The order of w:settings' children (CT_Settings) up to the ones we set.
_SETTINGS = tuple(qn(f"w:{t}") for t in (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
    "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
    "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
    "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults",
    "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator"))


def settings_flag(document: Any, tag: str) -> None:
    """Switch on a document setting (e.g. ``w:updateFields``, which makes Word offer to update
    the fields, the table of contents among them, on opening) in ``settings.element``."""
    settings = document.settings.element
    node = _child(settings, tag, val="true")
    _ordered(settings, node, _SETTINGS)
