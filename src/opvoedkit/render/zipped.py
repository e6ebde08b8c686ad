"""Zip archives (the .pptx) with fixed entry times, from remembered compressed entries.

Every deck of a batch holds the same layouts, masters and theme, and mostly the same slides:
deflating each of them again was a fifth of the time it took to write a deck. Here each entry's
compressed form is remembered by its content, and the archive is laid out byte for byte as
``zipfile`` lays out the same entries written with ``writestr`` (tests/test_deck.py compares the
two), so the files are the same either way.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

from ..memo import Memo

_LOCAL = struct.Struct("<4s2B4HL2L2H")       # zipfile's structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")   # zipfile's structCentralDir
_END = struct.Struct("<4s4H2LH")             # zipfile's structEndArchive
_VERSION = 20          # what zipfile writes as "made by" and "needed" for deflated entries
_DEFLATED = 8
_UTF8_NAME = 0x800     # general purpose flag: the name is UTF-8
_ATTRIBUTES = 0o600 << 16  # zipfile's default for an entry without attributes: ?rw-------
_LIMIT = (1 << 31) - 1  # beyond this zipfile would need ZIP64 records, which this never writes

_MADE: Memo[bytes, tuple[int, bytes]] = Memo(1_000)  # content → (CRC-32, deflated)
_LARGE = 16 << 20  # larger entries (a template's video) are deflated anew each time


def _deflate(data: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw deflate of ``data``, as zipfile's compressor makes it (default level)."""
    made = _MADE.get(data)
    if made is None:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        made = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
        if len(data) <= _LARGE:
            _MADE.put(data, made)
    return made


def archive(entries: Iterable[tuple[str, bytes]], when: tuple[int, int, int, int, int, int]
            ) -> bytes:
    """A zip of (name, content) pairs in the order given, each deflated and stamped ``when``
    (year ≥ 1980, as a time tuple), with no extra fields and no comment."""
    year, month, day, hour, minute, second = when
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | second // 2
    parts: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, data in entries:
        crc, packed = _deflate(data)
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, dostime, dosdate,
                             crc, len(packed), len(data), len(encoded), 0) + encoded
        directory.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags,
                                       _DEFLATED, dostime, dosdate, crc, len(packed),
                                       len(data), len(encoded), 0, 0, 0, 0, _ATTRIBUTES,
                                       offset) + encoded)
        parts += (header, packed)
        offset += len(header) + len(packed)
        if offset > _LIMIT or len(data) * 1.05 > _LIMIT:
            raise ValueError("a deck of more than 2 GB cannot be written")
    central = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central), offset,
                    0)
    return b"".join(parts) + central + end
