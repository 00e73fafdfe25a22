"""Hidden reference tests for the thread-safe LRU cache task (never shown to the model)."""
from __future__ import annotations

import ast
import inspect
import random
import sys
import threading
from collections import OrderedDict
from typing import Any, List

import pytest


def put_method_name(cache_class: type) -> str:
    return "put" if callable(getattr(cache_class, "put", None)) else "set"


def own_function(cache_class: type, name: str) -> Any:
    """The plain Python function `name` as defined by the model (its class or a base it wrote)."""
    for klass in cache_class.__mro__:
        if name in vars(klass):
            candidate = vars(klass)[name]
            return candidate if inspect.isfunction(candidate) else None
    return None


def module_tree(cache_class: type) -> ast.Module:
    module = sys.modules[cache_class.__module__]
    return ast.parse(inspect.getsource(module))


def referenced_names(tree: ast.AST) -> set:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names)
    return names


def instance_attributes(instance: Any) -> List[Any]:
    values = list(vars(instance).values()) if hasattr(instance, "__dict__") else []
    for klass in type(instance).__mro__:
        values.extend(vars(klass).values())
    return values


def test_put_then_get_returns_stored_values(make_cache):
    cache = make_cache(3)
    cache.put("a", "alpha")
    cache.put("b", "beta")
    assert cache.get("a") == "alpha"
    assert cache.get("b") == "beta"


def test_missing_key_is_a_miss(make_cache, miss):
    cache = make_cache(2)
    cache.put("present", 1)
    assert cache.get("absent") is miss


def test_eviction_drops_least_recently_used_first(make_cache, miss):
    cache = make_cache(3)
    for key in ("k1", "k2", "k3"):
        cache.put(key, key.upper())
    cache.put("k4", "K4")
    assert cache.get("k1") is miss
    cache.put("k5", "K5")
    assert cache.get("k2") is miss
    assert [cache.get(k) for k in ("k3", "k4", "k5")] == ["K3", "K4", "K5"]


def test_get_refreshes_recency(make_cache, miss):
    cache = make_cache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is miss
    assert cache.get("a") == 1
    assert cache.get("c") == 3


def test_update_existing_key_changes_value_without_eviction(make_cache):
    cache = make_cache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert cache.get("a") == 10
    assert cache.get("b") == 2


def test_update_existing_key_refreshes_order(make_cache, miss):
    cache = make_cache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    cache.put("c", 3)
    assert cache.get("b") is miss
    assert cache.get("a") == 10
    assert cache.get("c") == 3


@pytest.mark.parametrize("capacity", [0, -1])
def test_rejects_capacity_below_one(new_instance, capacity):
    with pytest.raises(Exception):
        new_instance(capacity)


def test_capacity_one_keeps_only_latest(make_cache, miss):
    cache = make_cache(1)
    cache.put("x", 1)
    cache.put("y", 2)
    assert cache.get("x") is miss
    assert cache.get("y") == 2


class SlowKey:
    """A key whose hashing runs Python code, so threads can switch inside dict operations."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n

    def __hash__(self) -> int:
        return hash(self.n)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SlowKey) and other.n == self.n

    def __repr__(self) -> str:
        return f"SlowKey({self.n})"


def test_thread_safety_under_contention(make_cache, miss):
    capacity = 8
    cache = make_cache(capacity)
    keys = [SlowKey(n) for n in range(24)]
    problems: List[str] = []
    peak_sizes: List[int] = []
    start_together = threading.Barrier(8)

    def worker(seed: int) -> None:
        rnd = random.Random(seed)
        try:
            start_together.wait(timeout=30)
            for i in range(12000):
                key = rnd.choice(keys)
                if rnd.random() < 0.5:
                    cache.put(key, (key, seed, i))
                    size = cache.size()
                    # An unlocked read may see one extra entry mid-put even in a correct cache.
                    if size is not None and size > capacity + 1:
                        peak_sizes.append(size)
                else:
                    value = cache.get(key)
                    if value is not miss and not (isinstance(value, tuple) and value[0] == key):
                        problems.append(f"get({key!r}) returned {value!r}")
        except Exception as error:  # any exception under contention is the failure we look for
            problems.append(f"{type(error).__name__}: {error}")

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often so missing locks show up
    try:
        workers = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    finally:
        sys.setswitchinterval(previous)

    assert problems == [], f"errors under contention: {problems[:3]}"
    assert peak_sizes == [], f"size exceeded capacity {capacity}: saw {max(peak_sizes)} entries"
    final_size = cache.size()
    assert final_size is None or final_size <= capacity
    present = [key for key in keys if cache.get(key) is not miss]
    assert len(present) <= capacity


def test_type_hints_present(cache_class):
    missing = []
    for name in ("__init__", "get", put_method_name(cache_class)):
        function = own_function(cache_class, name)
        if function is None:
            if name != "__init__":
                missing.append(f"{name}: not a Python method of the class")
            continue
        signature = inspect.signature(function)
        for parameter in list(signature.parameters.values())[1:]:
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            if parameter.annotation is inspect.Parameter.empty:
                missing.append(f"{name}({parameter.name})")
        if name != "__init__" and signature.return_annotation is inspect.Signature.empty:
            missing.append(f"{name} -> return")
    assert missing == [], f"missing type hints: {', '.join(missing)}"


def test_docstrings_present(cache_class):
    missing = []
    if not (vars(cache_class).get("__doc__") or "").strip():
        missing.append(f"class {cache_class.__name__}")
    for name, member in vars(cache_class).items():
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        if not (member.__doc__ or "").strip():
            missing.append(f"{name}()")
    assert missing == [], f"missing docstrings: {', '.join(missing)}"


def test_uses_ordered_dict(cache_class, new_instance):
    assert "OrderedDict" in referenced_names(module_tree(cache_class)), "the module never refers to OrderedDict"
    instance = new_instance(4)
    holds = isinstance(instance, OrderedDict) or any(
        isinstance(value, OrderedDict) for value in instance_attributes(instance)
    )
    assert holds, "the cache keeps no collections.OrderedDict"


class CountingLock:
    """Wraps the model's lock and counts acquisitions (with-statement or acquire/release)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.acquired = 0

    def acquire(self, *args: Any, **kwargs: Any) -> bool:
        self.acquired += 1
        return self.inner.acquire(*args, **kwargs)

    def release(self) -> None:
        self.inner.release()

    def locked(self) -> bool:
        return self.inner.locked() if hasattr(self.inner, "locked") else False

    def __enter__(self) -> "CountingLock":
        self.acquire()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()


def test_uses_threading_lock(cache_class, new_instance):
    names = referenced_names(module_tree(cache_class))
    assert names & {"Lock", "RLock"}, "the module never refers to threading.Lock"
    lock_types = (type(threading.Lock()), type(threading.RLock()))
    instance = new_instance(4)
    lock_names = [name for name, value in vars(instance).items() if isinstance(value, lock_types)]
    lock_names += [
        name
        for klass in type(instance).__mro__
        for name, value in vars(klass).items()
        if isinstance(value, lock_types) and name not in lock_names
    ]
    assert lock_names, "the cache holds no threading.Lock"
    counters = {name: CountingLock(getattr(instance, name)) for name in lock_names}
    for name, counter in counters.items():
        setattr(instance, name, counter)
    put = getattr(instance, put_method_name(cache_class))
    unguarded = []
    for label, call in (("put", lambda: put("k", 1)), ("get", lambda: instance.get("k"))):
        before = sum(c.acquired for c in counters.values())
        call()
        if sum(c.acquired for c in counters.values()) == before:
            unguarded.append(label)
    assert unguarded == [], f"the lock is never taken in: {', '.join(unguarded)}"
