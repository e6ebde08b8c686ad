"""Text handling shared by every renderer: sandboxed Jinja and Markdown → a small block model.

User strings (a municipality's name, a venue) are always passed to Jinja as *data*: they are never
parsed as templates, and they are Markdown-escaped on the way in, so ``<b>``, ``*`` or ``{{ x }}``
in a name come out exactly as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on first use: the renderers need only the text model
    from jinja2.sandbox import SandboxedEnvironment
    from markdown_it import MarkdownIt

MAX_OUTPUT_CHARS = 200_000
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")


@dataclass(frozen=True)
class Span:
    """A run of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of styled text."""

    spans: Inline


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; every item is one run of styled text."""

    items: tuple[Inline, ...]
    ordered: bool = False


Block = Paragraph | ListBlock


def plain(spans: Inline) -> str:
    """The text of some spans without styling."""
    return "".join(span.text for span in spans)


def markdown_escape(value: Any) -> str:
    """Backslash-escape Markdown punctuation, so a value is read back as literal text."""
    if value is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


@cache
def environment() -> SandboxedEnvironment:
    """The one Jinja environment for exercise and background bodies: sandboxed, strict."""
    from jinja2 import StrictUndefined, pass_context
    from jinja2.sandbox import SandboxedEnvironment

    from .bodytext import duration

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                               finalize=markdown_escape, keep_trailing_newline=True)

    @pass_context
    def title_of(context: Any, exercise_id: object) -> str:
        return str(context.get("titles", {}).get(exercise_id, exercise_id))

    env.filters["duur"] = duration
    env.filters["titel"] = title_of
    return env


@lru_cache(maxsize=1024)  # a pack checks ~60 texts, the same ones for every municipality
def check_template_source(source: str, allowed: frozenset[str], *, conditions: bool = False,
                          filters: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    """None if ``source`` only substitutes allowed variables, else (line, message).

    Exercise bodies and text templates are content, not programs: ``{{ municipality }}`` is
    allowed (and, with ``conditions``, ``{% if venue %}…{% endif %}``); loops, calls, attribute
    access and filters are not. A template that cannot loop cannot hang or blow up, and one
    that cannot reach attributes cannot escape the sandbox.
    """
    if "{" not in source:  # every Jinja tag starts with a brace: plain text, nothing to check
        return None
    from jinja2 import TemplateSyntaxError, nodes

    conditional = (nodes.If, nodes.Const, nodes.Not, nodes.And, nodes.Or, nodes.Compare,
                   nodes.Operand)
    try:
        tree = environment().parse(source)
    except TemplateSyntaxError as exc:
        return (exc.lineno or 1, f"template error: {exc.message}")
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.Template | nodes.Output | nodes.TemplateData):
            continue
        if conditions and isinstance(node, conditional):
            continue
        if isinstance(node, nodes.Filter) and not node.args and not node.kwargs:
            if node.name in filters:
                continue
            return (node.lineno, f"unknown filter `| {node.name}`; allowed: "
                    + (", ".join(sorted(filters)) or "none"))
        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name not in allowed:
                return (node.lineno, f"unknown variable `{{{{ {node.name} }}}}`; "
                        f"allowed: {', '.join(sorted(allowed))}")
            continue
        what = "`{{ variable }}` and `{% if %}`" if conditions else "`{{ variable }}`"
        return (node.lineno, f"only {what} is allowed here, not {type(node).__name__.lower()}")
    return None


@cache
def _compiled(source: str) -> Any:
    return environment().from_string(source)


def render(source: str, variables: Mapping[str, Any]) -> str:
    """Render template source (already checked) with user values as escaped data."""
    if "{" not in source:  # nothing to fill in
        return source
    out = _compiled(source).render(**variables)
    if len(out) > MAX_OUTPUT_CHARS:
        raise ValueError("rendered text is too long")
    return str(out)


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False})


def _inline(token: Any) -> Inline:
    spans: list[Span] = []
    bold = italic = False
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bold, italic))
        elif kind in ("text", "code_inline", "html_inline"):
            spans.append(Span(child.content, bold, italic))
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        elif span.text:
            merged.append(span)
    return tuple(merged)


@lru_cache(maxsize=512)  # a pack parses ~100 texts; a batch row adds ~10 new ones
def parse_markdown(source: str) -> tuple[Block, ...]:
    """Markdown → paragraphs and flat lists (nested lists are flattened into their parent).

    Remembered: a batch composes the same exercise texts for every municipality, and the
    result is immutable (frozen dataclasses in tuples)."""
    blocks: list[Block] = []
    items: list[Inline] | None = None
    ordered = False
    depth = 0
    item_parts: list[Inline] = []
    heading = False
    for token in _markdown().parse(source):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 1:
                items, ordered = [], kind == "ordered_list_open"
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items is not None:
                blocks.append(ListBlock(tuple(items), ordered))
                items = None
        elif kind == "list_item_open" and depth == 1:
            item_parts = []
        elif kind == "list_item_close" and depth == 1 and items is not None:
            joined: list[Span] = []
            for part in item_parts:
                if joined:
                    joined.append(Span(" "))
                joined.extend(part)
            items.append(tuple(joined))
        elif kind == "heading_open":
            heading = True
        elif kind == "inline":
            if items is not None:
                item_parts.append(_inline(token))
            elif heading:  # a `### Kop` inside a text: a paragraph in bold
                blocks.append(Paragraph(tuple(Span(s.text, True, s.italic)
                                              for s in _inline(token))))
                heading = False
            else:
                blocks.append(Paragraph(_inline(token)))
        elif kind in ("fence", "code_block"):
            blocks.append(Paragraph((Span(token.content.strip()),)))
    return tuple(blocks)


def sections(source: str) -> list[tuple[str, int, str]]:
    """Split Markdown at level-2 headings: (heading, 1-based line of heading, body source)."""
    lines = source.split("\n")
    found: list[tuple[str, int, list[str]]] = []
    in_fence = False
    preamble: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and re.match(r"^## +\S", line):
            found.append((line[3:].strip().rstrip("#").strip(), number, []))
        elif found:
            found[-1][2].append(line)
        else:
            preamble.append(line)
    # Leading blank lines stay, so that line n of a body is line heading + n of the file.
    result = [(title, number, "\n".join(body).rstrip()) for title, number, body in found]
    if any(text.strip() for text in preamble):
        result.insert(0, ("", 1, "\n".join(preamble).strip()))
    return result
