"""A thread-safe least-recently-used (LRU) cache."""

from collections import OrderedDict
from threading import Lock
from typing import Generic, Hashable, Optional, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """A fixed-capacity mapping that evicts the least recently used entry.

    Every operation holds one lock, so the cache can be shared between threads.
    """

    def __init__(self, capacity: int) -> None:
        """Create an empty cache holding at most ``capacity`` entries.

        Raises:
            ValueError: if ``capacity`` is zero or negative.
        """
        if capacity <= 0:
            raise ValueError("capacity must be a positive integer")
        self._capacity = capacity
        self._entries: "OrderedDict[K, V]" = OrderedDict()
        self._lock = Lock()

    @property
    def capacity(self) -> int:
        """The maximum number of entries the cache keeps."""
        return self._capacity

    def get(self, key: K) -> Optional[V]:
        """Return the value stored for ``key`` and mark it as recently used.

        Returns None when the key is not in the cache.
        """
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: K, value: V) -> None:
        """Store ``value`` under ``key``, evicting the least recently used entry when full."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
            self._entries[key] = value
            if len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        """Return the number of entries currently cached."""
        with self._lock:
            return len(self._entries)

    def __contains__(self, key: object) -> bool:
        """Return True when ``key`` is cached, without changing its recency."""
        with self._lock:
            return key in self._entries
