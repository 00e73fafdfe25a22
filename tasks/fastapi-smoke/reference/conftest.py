"""Hidden reference suite support: find the model's module-level FastAPI application.

The harness copies this directory next to a copy of the model's files at grading time. The
workspace is the parent of this directory unless GRADER_WORKSPACE names another one.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, List, Optional, Tuple

import pytest

SKIP_DIRS = {"__pycache__", "node_modules", "venv", "site-packages"}
PREFERRED_MODULES = ("app", "main")


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
    # app.py / main.py first: the usual homes of the application object.
    return sorted(found, key=lambda p: (p.stem not in PREFERRED_MODULES, len(p.parts), str(p)))


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


def discover() -> Tuple[Optional[Any], List[str]]:
    from fastapi import FastAPI

    root = workspace_dir()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    problems: List[str] = []
    files = candidate_files(root)
    for path in files:
        try:
            module = import_file(root, path)
        except BaseException as error:  # a model's module may raise anything at import time
            problems.append(f"{path.relative_to(root)}: {type(error).__name__}: {error}")
            continue
        for value in vars(module).values():
            if isinstance(value, FastAPI):
                return value, problems
    if not files:
        problems.append(f"no non-test .py file in {root}")
    return None, problems


@pytest.fixture(scope="session")
def app() -> Any:
    application, problems = discover()
    if application is None:
        detail = "; ".join(problems) if problems else "no module defines a FastAPI instance"
        pytest.fail(
            f"No FastAPI application found in the workspace ({detail}). "
            "Expected a module-level FastAPI() instance in a non-test module.",
            pytrace=False,
        )
    return application


@pytest.fixture
def client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)
