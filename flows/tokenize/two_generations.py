"""A cache bounded by entries that keeps what recurs: two generations, the newer filled first.

Full, the newer generation becomes the older and a new one starts; an entry found in the older comes back
into the newer. So what recurs (the language's words, names, a day's dates) stays and what does not (ids,
clock times) goes, at most twice `limit` entries, without the bookkeeping of an LRU.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class TwoGenerations(Generic[K, V]):
    """`get` one key or `holding` a batch of keys, `make(key)` computing what neither generation has."""

    def __init__(self, limit: int, make: Callable[[K], V]):
        self.limit = limit
        self.make = make
        self.new: dict[K, V] = {}
        self.old: dict[K, V] = {}

    def get(self, key: K) -> V:
        found = self.new.get(key)
        if found is None:
            found = self.old.get(key)
            if found is None:
                found = self.make(key)
            if len(self.new) >= self.limit:
                self.old, self.new = self.new, {}
            self.new[key] = found
        return found

    def holding(self, keys: Iterable[K]) -> dict[K, V]:
        """The newer generation, holding every one of `keys` (a batch larger than `limit` fills it past
        the limit, once, rather than losing part of the batch)."""
        new = self.new
        missing = set(keys).difference(new)
        if missing and len(new) + len(missing) > self.limit:
            self.old, new = new, {}
            self.new = new
            missing = set(keys)
        old, make = self.old, self.make
        for key in missing:
            found = old.get(key)
            new[key] = found if found is not None else make(key)
        return new
