"""The descriptor's own shape, checked before any data file is read.

Hand-written checks after the Data Package and Table Schema profiles, limited to what poppy
reads: every resource a local CSV file inside the data folder with a schema of typed fields.
What poppy would otherwise ignore (another missing-value marker, a date format, a constraint
it does not enforce) is refused rather than silently misread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

#: Field types poppy parses (see validate.TYPE_CHECKS); strings need no parsing.
TYPES = ("string", "integer", "number", "date", "boolean")
#: Resource names as the Data Package standard spells them (no '/': names appear in paths).
NAME = re.compile(r"[a-z0-9._-]+")


def _text(v: Any) -> str | None:
    """``v`` if it is a string, else None (JSON may put a list where a name belongs)."""
    return v if isinstance(v, str) else None


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


def _finite(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _strings(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v)


def _regex(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        re.compile(v)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


#: Constraint -> (test of its value, what it must be); any other constraint is refused.
CONSTRAINTS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "required": (_bool, "true or false"),
    "unique": (_bool, "true or false"),
    "minimum": (_finite, "a finite number"),
    "maximum": (_finite, "a finite number"),
    "enum": (_strings, "a non-empty list of strings"),
    "pattern": (_regex, "a regular expression that compiles"),
}

FIELD, FIELDS, TEXT, TEXTS, TEXT_MAP = "field", "fields", "text", "texts", "text map"
#: Parameters of each declared rule (validate.RULES) and what each must be.
RULE_PARAMS: dict[str, dict[str, str]] = {
    "within_range": {"value": FIELD, "low": FIELD, "high": FIELD},
    "unit_by": {"field": FIELD, "by": FIELD, "map": TEXT_MAP},
    "empty_when": {"field": FIELD, "by": FIELD, "values": TEXTS},
    "one_per_group": {"by": FIELDS, "field": FIELD, "value": TEXT},
}


def unsafe_path(path: Any) -> str | None:
    """Why ``path`` may not name a resource file, or None when it is a plain relative path.

    >>> unsafe_path("coca.csv") is None
    True
    >>> unsafe_path("../../etc/passwd")
    "must stay inside the data folder (no '..')"
    >>> unsafe_path("/etc/passwd")
    'must be a relative path inside the data folder'
    """
    if not isinstance(path, str) or not path.strip():
        return "must be a file name (a string)"
    if path.startswith(("/", "~")) or "\\" in path or ":" in path or "\0" in path:
        return "must be a relative path inside the data folder"
    if ".." in path.split("/"):
        return "must stay inside the data folder (no '..')"
    return None


def _where(i: int, res: Any) -> str:
    name = res.get("name") if isinstance(res, dict) else None
    return f"resources[{i}]" + (f" ({name})" if isinstance(name, str) and name.isprintable() else "")


def check_shape(descriptor: Any) -> list[str]:
    """Every way ``descriptor`` departs from the shape poppy reads, as 'where: what' texts; [] if none."""
    if not isinstance(descriptor, dict):
        return ["the descriptor must be a JSON object"]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return ["resources: must be a non-empty list"]
    out = [
        f"{k}: must be a string"
        for k in ("name", "title", "version")
        if k in descriptor and not isinstance(descriptor[k], str)
    ]
    names: dict[str, dict[str, Any]] = {}  # resources of good shape, by name
    broken: set[str] = set()  # names of the others (references to them are not checked)
    for i, res in enumerate(resources):
        if not isinstance(res, dict):
            out.append(f"resources[{i}]: must be an object")
            continue
        where, found = _where(i, res), _check_resource(res)
        out += [f"{where}.{p}" for p in found]
        name = res.get("name")
        if isinstance(name, str) and (name in names or name in broken):
            out.append(f"{where}.name: another resource has this name")
        elif isinstance(name, str) and found:
            broken.add(name)
        elif isinstance(name, str):
            names[name] = res
    for i, res in enumerate(resources):
        if isinstance(res, dict) and names.get(_text(res.get("name"))) is res:  # type: ignore[arg-type]
            out += [f"{_where(i, res)}.{p}" for p in _check_references(res, names, broken)]
    return out


#: The CSV dialect poppy reads (RFC 4180); a descriptor may state it, and nothing else.
READ_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}


def _check_resource(res: dict[str, Any]) -> list[str]:
    out = []
    if not isinstance(res.get("name"), str) or not NAME.fullmatch(res["name"]):
        out.append("name: must be lower-case letters, digits, '.', '_' or '-'")
    why = unsafe_path(res.get("path"))
    if why:
        out.append(f"path: {why}")
    if str(res.get("encoding", "utf-8")).lower() not in ("utf-8", "utf8"):
        out.append("encoding: poppy reads UTF-8 only")
    # declared so that other readers (frictionless) do not guess the delimiter from long notes
    dialect = res.get("dialect", {})
    if not isinstance(dialect, dict) or any(READ_DIALECT.get(k, object()) != v for k, v in dialect.items()):
        out.append(f"dialect: poppy reads {READ_DIALECT} only")
    schema = res.get("schema")
    if not isinstance(schema, dict):
        return [*out, "schema: must be an object with a 'fields' list"]
    out += [f"schema.{p}" for p in _check_schema(schema)]
    if "rules" in res:
        out += [f"rules{p}" for p in _check_rules(res["rules"], _field_names(schema))]
    return out


def _field_names(schema: dict[str, Any]) -> set[str]:
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return set()
    return {f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}


def _check_schema(schema: dict[str, Any]) -> list[str]:
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return ["fields: must be a non-empty list of objects"]
    out = []
    seen: set[str] = set()
    for j, field in enumerate(fields):
        found = _check_field(field)
        out += [f"fields[{j}]{p}" for p in found]
        if not found and field["name"] in seen:
            out.append(f"fields[{j}].name: declared twice")
        if not found:
            seen.add(field["name"])
    if out:
        return out
    if schema.get("missingValues", [""]) != [""]:
        out.append('missingValues: poppy reads only empty cells as missing (use [""])')
    key = schema.get("primaryKey", [])
    if not _names_in(key, seen):
        out.append("primaryKey: must name declared fields")
    return out


def _names_in(value: Any, declared: set[str]) -> bool:
    names = [value] if isinstance(value, str) else value
    return isinstance(names, list) and all(isinstance(n, str) and n in declared for n in names)


def _check_field(field: Any) -> list[str]:
    if not isinstance(field, dict):
        return [": must be an object with 'name' and 'type'"]
    if not isinstance(field.get("name"), str) or not field["name"] or not field["name"].isprintable():
        return [".name: must be a non-empty printable string"]
    out = []
    if field.get("type") not in TYPES:
        out.append(f".type: must be one of {', '.join(TYPES)}")
    if field.get("format", "default") != "default":
        out.append(".format: poppy reads the default format only")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return [*out, ".constraints: must be an object"]
    for key, value in constraints.items():
        test, kind = CONSTRAINTS.get(key, (None, ""))
        if test is None:
            out.append(f".constraints.{key}: not a constraint poppy enforces ({', '.join(CONSTRAINTS)})")
        elif not test(value):
            out.append(f".constraints.{key}: must be {kind}")
    return out


#: Test of each kind of rule parameter, given the resource's declared field names.
PARAM_TESTS: dict[str, Callable[[Any, set[str]], bool]] = {
    FIELD: lambda v, names: isinstance(v, str) and v in names,
    FIELDS: lambda v, names: _strings(v) and set(v) <= names,
    TEXT: lambda v, names: isinstance(v, str),
    TEXTS: lambda v, names: _strings(v),
    TEXT_MAP: lambda v, names: isinstance(v, dict) and bool(v) and _strings([*v, *v.values()]),
}


def _check_rules(rules: Any, names: set[str]) -> list[str]:
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        return [": must be a list of objects"]
    out = []
    for k, rule in enumerate(rules):
        params = RULE_PARAMS.get(_text(rule.get("rule")))  # type: ignore[arg-type]
        if params is None:
            out.append(f"[{k}].rule: must be one of {', '.join(RULE_PARAMS)}")
            continue
        out += [
            f"[{k}].{p}: must be {'a declared ' if 'field' in kind else 'a '}{kind}"
            for p, kind in params.items()
            if not PARAM_TESTS[kind](rule.get(p), names)
        ]
    return out


def _check_references(res: dict[str, Any], names: dict[str, dict[str, Any]], broken: set[str]) -> list[str]:
    fks = res["schema"].get("foreignKeys", [])
    if not isinstance(fks, list):
        return ["schema.foreignKeys: must be a list"]
    out = []
    own = _field_names(res["schema"])
    for k, fk in enumerate(fks):
        ref = fk.get("reference") if isinstance(fk, dict) else None
        name = _text(ref.get("resource")) if isinstance(ref, dict) else None
        if name in broken:
            continue  # that resource's own problem is reported
        target = names.get(name)  # type: ignore[arg-type]
        if target is None:
            out.append(
                f"schema.foreignKeys[{k}]: must name 'fields' and a 'reference' to a declared resource"
            )
            continue
        mine, theirs = fk.get("fields"), ref.get("fields")  # type: ignore[union-attr]
        ok = _names_in(mine, own) and _names_in(theirs, _field_names(target["schema"]))
        if not ok or len(_as_list(mine)) != len(_as_list(theirs)):
            out.append(f"schema.foreignKeys[{k}].fields: must pair declared fields of both resources")
    return out


def _as_list(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value)
