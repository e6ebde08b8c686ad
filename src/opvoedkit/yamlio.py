"""Reading YAML that people wrote by hand: safely, with positions, in YAML 1.2 spirit.

PyYAML alone follows YAML 1.1, where ``09:30`` is the integer 570, ``no`` is False and ``010`` is 8;
it expands aliases (a few hundred bytes can become gigabytes), merges duplicate keys silently and
recurses on deep nesting. This module checks the event stream first (aliases, tags, depth), then
composes nodes with YAML 1.2 core resolvers and turns them into plain Python values while keeping
the line and column of every value and key.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .errors import InputError, Problem
from .i18n import N_, _

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 100_000

Path_ = tuple[str | int, ...]


class _Yaml12Resolver(Resolver):
    """The YAML 1.2 core schema: true/false only, decimal/0o/0x ints, no sexagesimal, no dates."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012  (PyYAML reads it per class)


_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, _Yaml12Resolver):
    """A composer-only loader: we build Python values ourselves from the nodes."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Yaml12Resolver.__init__(self)


try:  # libyaml's C parser is ~10x faster; errors are re-parsed in Python for their messages
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _CLoader(CParser, SafeConstructor, _Yaml12Resolver):
        """The same loader on libyaml's parser and composer."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _Yaml12Resolver.__init__(self)

    _FAST: type | None = _CLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FAST = None


_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map", "!", "!!str", "!!int", "!!float", "!!bool", "!!null",
}


class YamlFloat(float):
    """A float as YAML read it, with the text that was typed: ``start: 9.30`` is the float 9.3,
    and only the text tells 9.30 (half past nine) from 9.3."""

    text: str

    def __new__(cls, value: float, text: str) -> YamlFloat:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (YamlFloat, (float(self), self.text))


@dataclass
class Located:
    """Plain data from a YAML document plus where each piece stood in the file."""

    data: Any
    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at ``path``, else of its nearest ancestor."""
        table = self.keys if key else self.values
        probe = tuple(path)
        if key and probe in table:
            return table[probe]
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def _mark(node_or_mark: Any) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return (mark.line + 1, mark.column + 1)


def not_a_file(path: Path) -> str | None:
    """None if ``path`` is a regular file, else what it is instead ("not found", "a named
    pipe", …). Asks the file system only: opening a named pipe would wait for a writer forever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return NOT_FOUND
    except OSError as exc:
        return _("not readable ({reason})").format(reason=exc.strerror)
    return None if stat.S_ISREG(mode) else _kind_of(mode)


NOT_FOUND = "not found"  # what not_a_file says of a path that is not there (callers test it)
# The names of the files callers read, marked for translation ("session file not found").
_WHAT = (N_("file"), N_("session file"), N_("base session file"), N_("batch file"),
         N_("exercise file"), N_("background file"), N_("text template"))


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO), not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device, not a file")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a file")
    return _("not a regular file")


def read_bytes(path: Path, *, what: str = "file", limit: int = MAX_BYTES,
               hint: str | None = None) -> bytes:
    """The bytes of a user's file, refusing anything but a regular file of at most ``limit``."""
    name = str(path)
    thing = _(what) if what in _WHAT else what
    problem = not_a_file(path)
    if problem == NOT_FOUND:
        raise InputError.single(name, _("{what} not found").format(what=thing),
                                _("check the spelling and the folder you run opvoedkit from"))
    if problem:
        raise InputError.single(name, _("{what} is {problem}").format(what=thing,
                                                                       problem=problem),
                                _("give the path of the file itself"))
    try:
        # Non-blocking, and checked again once open: the name may have been swapped meanwhile.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) |
                             getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError.single(name, _("cannot read {what}: {reason}").format(
            what=thing, reason=exc.strerror)) from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError.single(name, _("{what} is {problem}").format(
                what=thing, problem=_kind_of(info.st_mode)), _("give the path of the file itself"))
        if info.st_size > limit:
            raise InputError.single(
                name, _("{what} is {size} bytes; the limit is {limit}").format(
                    what=thing, size=f"{info.st_size:,}", limit=f"{limit:,}"),
                hint or _("a session file is a few dozen lines; is this the right file?"),
                line=1, column=1)
        return handle.read(limit + 1)


def read_text(path: Path, *, what: str = "file") -> str:
    """Read a user file as UTF-8 text, refusing huge files, binary data and bad encodings."""
    return decode_text(read_bytes(path, what=what), str(path))


def _position(data: bytes | str, index: int) -> tuple[int, int]:
    """(line, column), 1-based, of byte or character ``index`` of ``data``."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, index) + 1, index - (data.rfind(newline, 0, index) + 1) + 1  # type: ignore[arg-type]


def _undecodable(raw: bytes, exc: UnicodeDecodeError, name: str, message: str,
                 hint: str) -> InputError:
    """The byte that ``exc`` could not decode, at its line and column."""
    line, column = _position(raw, exc.start)
    return InputError.single(name, message.format(byte=f"0x{raw[exc.start]:02x}"), hint,
                             line=line, column=column)


def decode_text(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) and reject NUL bytes, with the position of the fault."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _undecodable(
            raw, exc, name, _("the file is not valid UTF-8 (byte {byte})"),
            _("save the file as UTF-8 (in Notepad: 'Opslaan als' → Codering: UTF-8)")) from None
    nul = text.find("\0")
    if nul >= 0:
        line, column = _position(text, nul)
        raise InputError.single(name, _("the file contains a NUL byte; it looks binary"),
                                _("open it in a text editor and save it as plain text"),
                                line=line, column=column)
    return text


def decode_spreadsheet(raw: bytes, name: str) -> tuple[str, str]:
    """Decode a file a spreadsheet wrote: UTF-8 (with or without BOM), else Windows-1252 (what
    Dutch Excel writes as 'CSV (gescheiden door lijstscheidingsteken)'). Returns the text and the
    encoding used. UTF-8 is tried strictly first: Windows-1252 text is almost never valid UTF-8."""
    try:
        return decode_text(raw, name), "UTF-8"
    except InputError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:  # five bytes that Windows-1252 leaves undefined
            raise _undecodable(
                raw, exc, name, _("the file is not valid UTF-8, nor Windows-1252 (byte {byte})"),
                _("save it from Excel as 'CSV UTF-8 (door komma's gescheiden)'")) from None
    return decode_text(text.encode("utf-8"), name), "Windows-1252"  # the NUL check


def _check_events(text: str, name: str, line_offset: int, loader: type) -> None:
    """Walk the event stream once: no aliases, no custom tags, bounded depth and size."""
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=loader), start=1):
        line, column = _mark(event)
        line += line_offset
        if isinstance(event, yaml.AliasEvent):
            raise InputError.single(name, _("YAML aliases ({alias}) are not supported").format(
                alias=f"*{event.anchor}"), _("write the value out in full instead of referring "
                                             "to an anchor"), line=line, column=column)
        tag = getattr(event, "tag", None)
        if tag and tag not in _STANDARD_TAGS:
            raise InputError.single(name, _("YAML tag {tag} is not allowed").format(tag=repr(tag)),
                                    _("remove the tag; opvoedkit reads plain values only"),
                                    line=line, column=column)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError.single(name, _("the file is nested more than {depth} levels "
                                                "deep").format(depth=MAX_DEPTH),
                                        _("a session file needs at most three levels"),
                                        line=line, column=column)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if count > MAX_NODES:
            raise InputError.single(name, _("the file has more than {count} values").format(
                count=f"{MAX_NODES:,}"), line=line, column=column)


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag.endswith(":null") and not node.style:  # plain: None in PyYAML, "" in libyaml
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if tag.endswith(":float"):
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return YamlFloat(float(value), value)
    return value


def load_yaml(text: str, name: str, *, line_offset: int = 0) -> Located:
    """Parse one YAML document into plain values with positions; raise InputError on any fault.

    ``line_offset`` shifts reported lines, for YAML embedded in a larger file (front matter).
    """
    try:
        root = _compose(text, name, line_offset, _FAST or _Loader)
    except yaml.YAMLError:
        # Parse again in pure Python: its messages and marks are the ones users can act on.
        try:
            root = _compose(text, name, line_offset, _Loader)
        except yaml.YAMLError as exc:
            _raise_syntax_error(exc, text, name, line_offset)
    located = Located(data=None, file=name)
    if root is None:
        located.data = None
        return located
    problems: list[Problem] = []
    located.data = _build(root, (), located, problems, line_offset)
    if problems:
        raise InputError(problems)
    return located


def _compose(text: str, name: str, line_offset: int, loader_class: type) -> Node | None:
    _check_events(text, name, line_offset, loader_class)
    loader = loader_class(text)
    try:
        node: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


# PyYAML's problems that people meet most, marked for translation (others stay as PyYAML says)
_PROBLEMS = (N_("found unexpected end of stream"), N_("could not find expected ':'"),
             N_("mapping values are not allowed here"),
             N_("found character '\\t' that cannot start any token"))
# ... and those that name what was found: (PyYAML's wording, ours with its placeholders)
_FOUND = (
    (re.compile(r"^expected <block end>, but found (.+)$"),
     N_("expected the end of this block (check the indentation), but found {found}")),
    (re.compile(r"^expected ',' or ('[\]}]'), but got (.+)$"),
     N_("expected ',' or {closing}, but found {found}")),
)
_FLOWS = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _problem_text(problem: str) -> str:
    """PyYAML's description of a syntax error, in the user's language where we know it."""
    if problem in _PROBLEMS:
        return _(problem)
    for pattern, ours in _FOUND:
        match = pattern.match(problem)
        if match:
            *closing, found = match.groups()
            return _(ours).format(found=found, closing=closing[0] if closing else "")
    return problem


def _raise_syntax_error(exc: yaml.YAMLError, text: str, name: str, line_offset: int) -> NoReturn:
    """A YAML syntax error at the place a person must look: where the quote that never closes
    opens, or the line that lacks its ``- ``, rather than where PyYAML gave up."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        raise InputError.single(name, _("YAML error: {error}").format(error=exc)) from None
    problem = exc.problem or exc.context or "YAML syntax error"
    mark = exc.problem_mark or exc.context_mark
    message = _("YAML syntax error: {problem}").format(problem=_problem_text(problem))
    hint = _syntax_hint(problem)
    if exc.context in _FLOWS and exc.context_mark is not None:  # `audience: [a, b` unclosed
        opening, closing = _FLOWS[exc.context]
        hint = _("close the {opening} that opens on line {line} with {closing}").format(
            opening=opening, line=exc.context_mark.line + line_offset + 1, closing=closing)
    quote = _open_quote(exc, text)
    if quote is not None:
        mark, character, closes = quote
        if closes is None:
            message = _("YAML syntax error: the quote {quote} that opens here is never "
                        "closed").format(quote=character)
        else:
            message = _("YAML syntax error: the quote {quote} that opens here closes only on "
                        "line {line}").format(quote=character, line=closes + line_offset + 1)
        hint = (_("put {quote} at the end of the text too; a name that starts with ' (such as "
                  "'s-Gravenhage) goes between double quotes:  {line}").format(
                      quote=character, line="municipality: \"'s-Gravenhage\"")
                if character == "'" else
                _("put {quote} at the end of the text too, for example  {line}").format(
                    quote=character, line='title: "Samen sterk"'))
    elif "could not find expected ':'" in problem and exc.context_mark is not None:
        mark = exc.context_mark  # the line that has neither `key:` nor `- `
        hint = _missing_dash_hint(text, mark.line) or hint
    line, column = _mark(mark) if mark else (0, 0)
    raise InputError.single(name, message, hint, line=line + line_offset if line else 0,
                            column=column) from None


def _open_quote(exc: yaml.MarkedYAMLError, text: str) -> tuple[Any, str, int | None] | None:
    """(mark, quote character, line it closes on or None) when a quoted scalar is to blame:
    one still open at the end of the file, or one that spans lines and is followed by more
    text (``'s-Gravenhage`` unquoted, closed by the apostrophe of ``'t Hoekje`` lines later)."""
    context = exc.context_mark
    if (exc.context == "while scanning a quoted scalar" and context is not None
            and "end of stream" in (exc.problem or "")):
        return context, text[context.index:context.index + 1], None
    problem = exc.problem_mark
    if problem is None:
        return None
    last = None
    scanner = _Loader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()  # type: ignore[no-untyped-call]
            if token.start_mark.index >= problem.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if (isinstance(last, yaml.ScalarToken) and last.style in ("'", '"')
            and last.start_mark.line != last.end_mark.line
            and last.end_mark.line == problem.line):
        return last.start_mark, last.style, last.end_mark.line
    return None


def _missing_dash_hint(text: str, line: int) -> str:
    """When the lines around ``line`` are list items, the item it was meant to be."""
    lines = text.splitlines()
    if line >= len(lines):
        return ""
    here = lines[line]
    indent = len(here) - len(here.lstrip(" "))
    for other in (*reversed(lines[:line]), *lines[line + 1:]):
        if other.strip() and not other.lstrip().startswith("#"):
            if other[indent:indent + 2] == "- " and len(other) - len(other.lstrip(" ")) == indent:
                return _("put '- ' before it, as on the other items:  {line}").format(
                    line="- " + here.strip())
            break
    return ""


def _syntax_hint(message: str) -> str:
    if "\\t" in message or "\t" in message or "tab" in message:
        return _("indent with spaces, not tabs")
    if "mapping values are not allowed" in message:
        return _("put quotes around text that contains ': ', for example {line}").format(
            line='title: "Doel: samen"')
    if "could not find expected ':'" in message:
        return _("every line in a list of settings needs the form 'key: value'")
    return _("check indentation and quotes around this position")


def _build(node: Node, path: Path_, located: Located, problems: list[Problem],
           line_offset: int) -> Any:
    line, column = _mark(node)
    located.values[path] = (line + line_offset, column)
    if isinstance(node, ScalarNode):
        try:
            return _scalar(node)
        except ValueError:  # an explicit tag that does not fit, e.g. !!int ''
            problems.append(Problem(located.file, line + line_offset, column,
                                    _("{value} does not fit its tag {tag}").format(
                                        value=repr(node.value), tag=repr(node.tag)),
                                    _("remove the !! tag")))
            return None
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, index), located, problems, line_offset)
                for index, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line, key_column = _mark(key_node)
            key_line += line_offset
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(located.file, key_line, key_column,
                                        _("a key must be a plain word, not a list or mapping")))
                continue
            if key_node.value == "<<":
                problems.append(Problem(located.file, key_line, key_column,
                                        _("YAML merge keys (<<) are not supported"),
                                        _("write the fields out in full")))
                continue
            key = str(_scalar(key_node)) if key_node.value else ""
            if key in result:
                first = located.keys[(*path, key)]
                problems.append(Problem(located.file, key_line, key_column,
                                        _("duplicate key {key} (first at line {line})").format(
                                            key=repr(key), line=first[0]),
                                        _("remove one of the two; YAML keeps only one")))
                continue
            located.keys[(*path, key)] = (key_line, key_column)
            result[key] = _build(value_node, (*path, key), located, problems, line_offset)
        return result
    raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover
