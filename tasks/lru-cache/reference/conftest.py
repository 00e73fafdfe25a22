"""Hidden reference suite support: find the model's LRU cache class, whatever it is called.

The harness copies this directory next to a copy of the model's files at grading time. The
workspace is the parent of this directory unless GRADER_WORKSPACE names another one;
GRADER_CLASS_HINT (the task's implementationClassHint) names the preferred class.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, List, Optional, Tuple

import pytest

SKIP_DIRS = {"__pycache__", "node_modules", "venv", "site-packages"}


def workspace_dir() -> Path:
    explicit = os.environ.get("GRADER_WORKSPACE")
    return Path(explicit).resolve() if explicit else Path(__file__).resolve().parent.parent


def is_test_module(path: Path) -> bool:
    name = path.name
    return name.startswith("test_") or name.endswith("_test.py") or name in {"conftest.py", "setup.py"}


def candidate_files(root: Path) -> List[Path]:
    here = Path(__file__).resolve().parent
    found: List[Path] = []
    for path in sorted(root.rglob("*.py")):
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(".") or part in SKIP_DIRS for part in rel_parts[:-1]):
            continue
        if here in path.resolve().parents or is_test_module(path):
            continue
        found.append(path)
    return found


def import_file(root: Path, path: Path) -> ModuleType:
    rel = path.relative_to(root)
    if len(rel.parts) == 1:
        loaded = sys.modules.get(path.stem)
        if loaded is None:
            return importlib.import_module(path.stem)
        if Path(getattr(loaded, "__file__", "") or "").resolve() == path.resolve():
            return loaded
        # Same name as a module already imported (stdlib or pytest's own): load it under an alias.
    name = "_grader_" + "_".join(rel.with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {rel}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def cache_classes(module: ModuleType) -> List[type]:
    classes = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if obj.__module__ != module.__name__:
            continue
        has_get = callable(getattr(obj, "get", None))
        has_put = callable(getattr(obj, "put", None)) or callable(getattr(obj, "set", None))
        if has_get and has_put:
            classes.append(obj)
    return classes


def rank(cls: type) -> Tuple[int, str]:
    name = cls.__name__
    if name == os.environ.get("GRADER_CLASS_HINT", "LRUCache"):
        return (0, name)
    if "lru" in name.lower():
        return (1, name)
    if "cache" in name.lower():
        return (2, name)
    return (3, name)


def discover() -> Tuple[Optional[type], List[str]]:
    root = workspace_dir()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    problems: List[str] = []
    classes: List[type] = []
    files = candidate_files(root)
    for path in files:
        try:
            module = import_file(root, path)
        except BaseException as error:  # a model's module may raise anything at import time
            problems.append(f"{path.relative_to(root)}: {type(error).__name__}: {error}")
            continue
        classes.extend(cache_classes(module))
    if not files:
        problems.append(f"no non-test .py file in {root}")
    if not classes:
        return None, problems
    return sorted(classes, key=rank)[0], problems


class CacheAdapter:
    """One calling convention over the API shapes models write (put/set, None/-1/KeyError miss)."""

    MISS = object()

    def __init__(self, instance: Any) -> None:
        self.instance = instance
        put = getattr(instance, "put", None)
        self._put: Callable[[Any, Any], Any] = put if callable(put) else getattr(instance, "set")

    def put(self, key: Any, value: Any) -> None:
        self._put(key, value)

    def get(self, key: Any) -> Any:
        try:
            value = self.instance.get(key)
        except KeyError:
            return CacheAdapter.MISS
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value == -1):
            return CacheAdapter.MISS
        return value

    def size(self) -> Optional[int]:
        """Current entry count from the backing OrderedDict or len(), when either is reachable."""
        store = backing_dict(self.instance)
        if store is not None:
            return len(store)
        try:
            return len(self.instance)
        except TypeError:
            return None


def backing_dict(instance: Any) -> Optional[dict]:
    from collections import OrderedDict

    if isinstance(instance, OrderedDict):
        return instance
    for value in vars(instance).values() if hasattr(instance, "__dict__") else []:
        if isinstance(value, OrderedDict):
            return value
    return None


def construct(cls: type, capacity: int) -> Any:
    try:
        return cls(capacity=capacity)
    except TypeError:
        return cls(capacity)


@pytest.fixture(scope="session")
def cache_class() -> type:
    cls, problems = discover()
    if cls is None:
        detail = "; ".join(problems) if problems else "no class has get() and put()/set()"
        pytest.fail(
            f"No LRU cache implementation found in the workspace ({detail}). "
            "Expected a class with get() and put() or set() in a non-test module.",
            pytrace=False,
        )
    return cls


@pytest.fixture
def new_instance(cache_class: type) -> Callable[[int], Any]:
    """Construct the model's class directly (capacity by keyword, else positionally)."""
    return lambda capacity: construct(cache_class, capacity)


@pytest.fixture
def make_cache(cache_class: type) -> Callable[[int], CacheAdapter]:
    def make(capacity: int) -> CacheAdapter:
        return CacheAdapter(construct(cache_class, capacity))

    return make


@pytest.fixture
def miss() -> object:
    return CacheAdapter.MISS
