"""What a process remembers from one pack for the next, in bounded memory."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A cache that keeps what the packs being built use, and forgets the rest.

    Entries live in two generations. Each new pack (:meth:`next_pack`) makes the young
    generation the old one and forgets the old one; an old entry asked for again moves back to
    the young one. So what neither of the last two packs used is forgotten: a batch asks for the
    same texts and slides for every municipality, and for a few of each municipality's own that
    never come back; those age out while the shared ones stay, and memory stays flat without a
    pack ever starting from nothing. ``limit`` caps a generation (a very large pack turns it
    early). Values are never None: None means "not known".
    """

    __slots__ = ("_limit", "_old", "_young")
    _every: ClassVar[list[Memo[object, object]]] = []
    packs: ClassVar[int] = 0  # how many packs this process began (see next_pack)

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._young: dict[K, V] = {}
        self._old: dict[K, V] = {}
        Memo._every.append(self)  # type: ignore[arg-type]  # every Memo lives as long as its process

    @classmethod
    def next_pack(cls) -> None:
        """A new pack begins: every memo turns a generation."""
        cls.packs += 1
        for memo in cls._every:
            memo._turn()

    def get(self, key: K) -> V | None:
        """The value remembered for ``key``, or None."""
        value = self._young.get(key)
        if value is None:
            value = self._old.pop(key, None)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key``; returns it."""
        if len(self._young) >= self._limit:
            self._turn()
        self._young[key] = value
        return value

    def clear(self) -> None:
        """Forget everything."""
        self._young, self._old = {}, {}

    def __len__(self) -> int:
        return len(self._young) + len(self._old)

    def _turn(self) -> None:
        self._old, self._young = self._young, {}
