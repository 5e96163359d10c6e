"""The hand-written stubs (beezup/_core.pyi) describe what the native module really has."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import beezup
from beezup import _core

STUB = Path(beezup.__file__).with_name("_core.pyi")


def stub_classes() -> dict[str, set[str]]:
    tree = ast.parse(STUB.read_text())
    classes: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            if any(isinstance(base, ast.Name) and base.id == "TypedDict" for base in node.bases):
                continue  # a type for the checker only (keyword arguments), not a class of _core
            members = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            classes[node.name] = members
    return classes


def test_stub_classes_and_members_exist() -> None:
    classes = stub_classes()
    native = {name for name, value in vars(_core).items() if inspect.isclass(value)}
    assert set(classes) == native
    for name, members in classes.items():
        cls = getattr(_core, name)
        for member in members:
            assert hasattr(cls, member), f"{name}.{member} is in the stub but not in _core"
        public = {m for m in vars(cls) if not m.startswith("_")}
        assert public <= members, f"{name} has members missing from the stub: {public - members}"


def test_package_exports_resolve() -> None:
    for name in beezup.__all__:
        assert hasattr(beezup, name), name
    assert (Path(beezup.__file__).parent / "py.typed").exists()
