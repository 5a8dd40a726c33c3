#!/usr/bin/env python3
"""Static checks of the Odoo addons in odoo_addon/, for CI machines without Odoo.

Python 3 standard library only. Checks, per addon:
  * __manifest__.py is a literal dict with name, version (<odoo>.<x>.<y>.<z>.<w>), license, depends;
  * every .py file compiles, every models/*.py defining a model is imported by models/__init__.py;
  * every .xml file parses, and views use no attrs= / states= (removed in Odoo 17);
  * every file listed in the manifest's data/demo exists;
  * ir.model.access.csv rows name a model defined in the addon (or another module's,
    prefixed "module.model_x") and a group defined in the addon's XML (or "module.group_x");
  * every unprefixed XML id referenced from XML is defined by the addon before use.

Usage: check_addon.py [ADDON_DIR ...]   (default: every addon under <repo>/odoo_addon)
Exit status: 0 if all is well, 1 with one line per problem otherwise, 2 on bad usage.
"""
from __future__ import annotations

import ast
import csv
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERSION_RE = re.compile(r"^\d+\.0\.\d+\.\d+\.\d+$")
LICENSES = {"AGPL-3", "LGPL-3", "GPL-3", "GPL-3 or any later version", "OPL-1", "OEEL-1", "Other proprietary"}
REF_IN_EVAL_RE = re.compile(r"""\bref\(\s*['"]([\w.]+)['"]\s*\)""")
ACTION_REF_RE = re.compile(r"%\(([\w.]+)\)d")
NAME_RE = re.compile(r"""^\s+_name\s*=\s*['"]([\w.]+)['"]""", re.M)
ACCESS_HEADER = ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create", "perm_unlink"]


class Checker:
    def __init__(self, addon: Path):
        self.addon = addon
        self.module = addon.name
        self.problems: list[str] = []

    def problem(self, path: Path | str, message: str) -> None:
        where = path.relative_to(REPO) if isinstance(path, Path) and path.is_relative_to(REPO) else path
        self.problems.append(f"{where}: {message}")

    # -- manifest -----------------------------------------------------------

    def manifest(self) -> dict:
        path = self.addon / "__manifest__.py"
        try:
            manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, SyntaxError) as exc:
            self.problem(path, f"not a literal dict ({exc})")
            return {}
        if not isinstance(manifest, dict):
            self.problem(path, "not a dict")
            return {}
        for key in ("name", "version", "license", "depends"):
            if key not in manifest:
                self.problem(path, f"missing key {key!r}")
        if not VERSION_RE.match(str(manifest.get("version", ""))):
            self.problem(path, f"version {manifest.get('version')!r} is not like 17.0.1.0.0")
        if manifest.get("license") not in LICENSES:
            self.problem(path, f"unknown license {manifest.get('license')!r}")
        return manifest

    # -- python -------------------------------------------------------------

    def python(self) -> set[str]:
        """Compile every .py; return the model names the addon defines."""
        models: set[str] = set()
        model_files: set[Path] = set()
        for path in sorted(self.addon.rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            try:
                tree = ast.parse(source, str(path))
                compile(tree, str(path), "exec")
            except SyntaxError as exc:
                self.problem(path, f"does not compile: {exc.msg} (line {exc.lineno})")
                # still learn its models, so that one typo is reported once, not everywhere
                models |= set(NAME_RE.findall(source))
                continue
            names = defined_models(tree)
            models |= names
            if names or inherits_models(tree):
                model_files.add(path)
        init = self.addon / "models" / "__init__.py"
        if init.is_file():
            imported = set(re.findall(r"^from \. import (\w+)", init.read_text(encoding="utf-8"), re.M))
            for path in sorted((self.addon / "models").glob("*.py")):
                if path in model_files and path.stem not in imported:
                    self.problem(path, "defines a model but is not imported by models/__init__.py")
        return models

    # -- xml ----------------------------------------------------------------

    def xml_files(self) -> dict[Path, ET.Element]:
        parsed = {}
        for path in sorted(self.addon.rglob("*.xml")):
            try:
                parsed[path] = ET.parse(path).getroot()
            except ET.ParseError as exc:
                self.problem(path, f"does not parse: {exc}")
        for path, root in parsed.items():
            for element in root.iter():
                for attribute in ("attrs", "states"):
                    if attribute in element.attrib:
                        self.problem(
                            path, f"<{element.tag} {attribute}=...> is not valid in Odoo 17 views: use invisible=/readonly= expressions"
                        )
        return parsed

    def data_files(self, manifest: dict) -> list[Path]:
        files = []
        for key in ("data", "demo"):
            entries = manifest.get(key, [])
            if not isinstance(entries, list):
                self.problem(self.addon / "__manifest__.py", f"{key} is not a list")
                continue
            for entry in entries:
                path = self.addon / entry
                if not path.is_file():
                    self.problem(self.addon / "__manifest__.py", f"{key} file {entry!r} does not exist")
                else:
                    files.append(path)
        return files

    def references(self, data_files: list[Path], parsed: dict[Path, ET.Element], models: set[str]) -> set[str]:
        """Check that unprefixed XML ids are defined before use; return the group ids."""
        defined = {model_xmlid(name) for name in models}
        groups: set[str] = set()
        for path in data_files:
            if path.suffix == ".csv":
                defined |= self.access_csv(path, models, groups)
                continue
            root = parsed.get(path)
            if root is None:
                continue
            for element in root.iter():
                for ref in element_refs(element):
                    self.check_ref(path, ref, defined)
                xmlid = element.get("id")
                if xmlid and element.tag in ("record", "menuitem", "template"):
                    local = self.local(xmlid)
                    if local is not None:
                        defined.add(local)
                        if element.tag == "record" and element.get("model") == "res.groups":
                            groups.add(local)
        return groups

    def local(self, xmlid: str) -> str | None:
        """The addon-local part of an XML id, None if it belongs to another module."""
        module, _, name = xmlid.rpartition(".")
        return name if module in ("", self.module) else None

    def check_ref(self, path: Path, ref: str, defined: set[str]) -> None:
        local = self.local(ref)
        if local is not None and local not in defined:
            self.problem(path, f"reference to {ref!r}, which the addon does not define before this file")

    def access_csv(self, path: Path, models: set[str], groups: set[str]) -> set[str]:
        defined = set()
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        if not rows or [c.strip() for c in rows[0]] != ACCESS_HEADER:
            self.problem(path, f"header must be {','.join(ACCESS_HEADER)}")
            return defined
        own_models = {model_xmlid(name) for name in models}
        for number, row in enumerate(rows[1:], start=2):
            if not row:
                continue
            if len(row) != len(ACCESS_HEADER):
                self.problem(path, f"line {number}: {len(row)} columns instead of {len(ACCESS_HEADER)}")
                continue
            xmlid, _name, model, group = (c.strip() for c in row[:4])
            defined.add(xmlid)
            local_model = self.local(model)
            if local_model is not None and local_model not in own_models:
                self.problem(path, f"line {number}: model {model!r} is not defined by the addon")
            if group:
                local_group = self.local(group)
                if local_group is not None and local_group not in groups:
                    self.problem(path, f"line {number}: group {group!r} is not defined in the addon's XML (before this file)")
            for flag in row[4:]:
                if flag.strip() not in ("0", "1"):
                    self.problem(path, f"line {number}: permission {flag!r} is not 0 or 1")
        return defined

    def run(self) -> list[str]:
        manifest = self.manifest()
        models = self.python()
        parsed = self.xml_files()
        data_files = self.data_files(manifest)
        if all(path in parsed for path in data_files if path.suffix == ".xml"):
            # (with an unparsable file the ids it defines are unknown: no cascade of errors)
            self.references(data_files, parsed, models)
        return self.problems


def defined_models(tree: ast.Module) -> set[str]:
    """Model names given by `_name = "..."` in class bodies."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "_name" for t in statement.targets)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)
                ):
                    names.add(statement.value.value)
    return names


def inherits_models(tree: ast.Module) -> bool:
    """Whether a class body assigns `_inherit` (an extension of a model)."""
    return any(
        isinstance(statement, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "_inherit" for t in statement.targets)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for statement in node.body
    )


def model_xmlid(model: str) -> str:
    return "model_" + model.replace(".", "_")


def element_refs(element: ET.Element) -> list[str]:
    refs = []
    if element.get("ref"):
        refs.append(element.get("ref"))
    for attribute in ("eval", "context", "domain"):
        refs += REF_IN_EVAL_RE.findall(element.get(attribute, ""))
    for attribute in ("parent", "action", "inherit_id"):
        if element.tag == "menuitem" and element.get(attribute):
            refs.append(element.get(attribute))
    for attribute in ("groups",):
        for group in (element.get(attribute) or "").split(","):
            group = group.strip().lstrip("!")
            if group:
                refs.append(group)
    if element.tag == "button" and element.get("type") == "action":
        refs += ACTION_REF_RE.findall(element.get("name", ""))
    return refs


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__)
        return 0
    addons = [Path(arg).resolve() for arg in argv] or sorted(
        p.parent for p in (REPO / "odoo_addon").glob("*/__manifest__.py")
    )
    if not addons:
        print("check_addon: no addon found under odoo_addon/", file=sys.stderr)
        return 2
    problems = []
    for addon in addons:
        if not (addon / "__manifest__.py").is_file():
            print(f"check_addon: {addon} has no __manifest__.py", file=sys.stderr)
            return 2
        problems += Checker(addon).run()
    for line in problems:
        print(f"check_addon: {line}", file=sys.stderr)
    if problems:
        print(f"check_addon: {len(problems)} problem(s) in {len(addons)} addon(s)", file=sys.stderr)
        return 1
    print(f"check_addon: {len(addons)} addon(s) OK: " + ", ".join(a.name for a in addons))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
