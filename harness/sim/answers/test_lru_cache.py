import threading

import pytest

from lru_cache import LRUCache


def test_put_then_get_returns_value():
    cache = LRUCache(2)
    cache.put("a", 1)
    assert cache.get("a") == 1


def test_get_missing_key_returns_none():
    cache = LRUCache(2)
    assert cache.get("missing") is None


def test_least_recently_used_entry_is_evicted():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert cache.get("b") is None
    assert cache.get("a") == 1
    assert cache.get("c") == 3


def test_capacity_must_be_positive():
    with pytest.raises(ValueError):
        LRUCache(0)
    with pytest.raises(ValueError):
        LRUCache(-1)


def test_concurrent_puts_never_exceed_capacity():
    cache = LRUCache(10)

    def worker(offset: int) -> None:
        for i in range(200):
            cache.put(offset + i, i)
            cache.get(offset + i)

    threads = [threading.Thread(target=worker, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 10
