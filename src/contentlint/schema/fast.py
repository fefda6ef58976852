"""A compiled yes/no validator for the JSON Schema keywords frontmatter
schemas use, so the common case (a valid document) costs a few closure
calls instead of a walk through jsonschema's generic machinery.

It answers exactly what jsonschema's ``is_valid`` answers, keyword for
keyword (tests/frontmatter/test_fm_fast_validator.py compares the two on
generated schemas and documents). A schema that uses any validation keyword
not written here (``unevaluatedProperties``, ``contains``, ``multipleOf``,
``$dynamicRef``, a ``$ref`` other than a local JSON pointer, ...) gets no
compiled validator and jsonschema answers instead. Only the yes/no answer
comes from here: the errors of an invalid document are always jsonschema's.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

Check = Callable[[Any], bool]

# Keywords that only annotate (or hold subschemas reached through `$ref`):
# jsonschema ignores them when validating, and so does this module.
_CONTAINERS = ("$defs", "definitions")


class _Unsupported(Exception):
    pass


def compile_fast(validator_cls: Any, contents: Any, format_checker: Any) -> Optional[Check]:
    """The compiled check for ``contents`` under ``validator_cls``'s draft, or
    None when the schema uses something this module does not implement."""
    import jsonschema  # lazy: start-up time

    drafts = {
        jsonschema.Draft7Validator: 7,
        jsonschema.Draft201909Validator: 2019,
        jsonschema.Draft202012Validator: 2020,
    }
    draft = drafts.get(validator_cls)
    if draft is None:
        return None
    try:
        return _Compiler(draft, validator_cls, contents, format_checker).node(contents, root=True)
    except (_Unsupported, RecursionError, re.error, TypeError, KeyError, IndexError, ValueError):
        return None


class _Compiler:
    def __init__(self, draft: int, cls: Any, root: Any, format_checker: Any) -> None:
        from jsonschema._utils import equal, uniq  # lazy: start-up time

        self.draft = draft
        self.keywords = frozenset(cls.VALIDATORS)
        self.is_type = cls.TYPE_CHECKER.is_type
        self.type_checks = dict(cls.TYPE_CHECKER._type_checkers)
        self.root = root
        self.format_checker = format_checker
        self.equal = equal
        self.uniq = uniq
        self.done: dict[int, Check] = {}

    def node(self, schema: Any, root: bool = False) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise _Unsupported
        key = id(schema)
        found = self.done.get(key)
        if found is not None:
            return found
        # A `$ref` cycle reaches this schema again while it is compiled: the
        # placeholder calls the finished check.
        cell: list[Check] = []
        self.done[key] = lambda instance: cell[0](instance)
        check = self._build(schema, root)
        cell.append(check)
        self.done[key] = check
        return check

    def _build(self, schema: dict[str, Any], root: bool) -> Check:
        if not root and any(k in schema for k in ("$id", "id", "$schema")):
            raise _Unsupported  # a new base URI for the `$ref`s below, or another draft
        if any(k in schema for k in ("$anchor", "$dynamicAnchor", "$recursiveAnchor")):
            raise _Unsupported
        items = list(schema.items())
        if self.draft == 7 and "$ref" in schema:
            items = [("$ref", schema["$ref"])]  # draft-07: `$ref` hides its siblings
        checks: list[Check] = []
        for keyword, value in items:
            if keyword not in self.keywords:
                continue  # an annotation or an unknown keyword: jsonschema ignores it too
            make = getattr(self, "k_" + keyword.lstrip("$"), None)
            if make is None:
                raise _Unsupported
            made = make(value, schema)
            if made is not None:
                checks.append(made)
        return _all_of(checks)

    # -- keywords -------------------------------------------------------
    def k_ref(self, ref: Any, schema: dict[str, Any]) -> Check:
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
            raise _Unsupported
        target = self.root
        for part in ref[2:].split("/") if ref != "#" else ():
            part = part.replace("~1", "/").replace("~0", "~")
            if "%" in part:
                raise _Unsupported
            if isinstance(target, list):
                target = target[int(part)]
            elif isinstance(target, dict):
                target = target[part]
            else:
                raise _Unsupported
        return self.node(target)

    def k_type(self, types: Any, schema: dict[str, Any]) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        is_type = self.is_type
        plain = [self._plain_type(name) for name in names]
        if all(kind is not None for kind in plain):
            # Only types an isinstance test decides (no bool for integer, no
            # integral float): one C call instead of the type checker's lookup.
            kinds = tuple(kind for group in plain if group is not None for kind in group)
            return lambda instance: isinstance(instance, kinds)
        if len(names) == 1:
            only = names[0]
            return lambda instance: is_type(instance, only)
        return lambda instance: any(is_type(instance, name) for name in names)

    def _plain_type(self, name: Any) -> Optional[tuple[type, ...]]:
        """The Python types that are exactly JSON type ``name`` under this
        draft's checker, when it is jsonschema's own test for that name."""
        from jsonschema import _types  # lazy: start-up time

        plain: dict[str, tuple[Any, tuple[type, ...]]] = {
            "string": (_types.is_string, (str,)),
            "object": (_types.is_object, (dict,)),
            "array": (_types.is_array, (list,)),
            "boolean": (_types.is_bool, (bool,)),
            "null": (_types.is_null, (type(None),)),
        }
        known = plain.get(name) if isinstance(name, str) else None
        if known is None or self.type_checks.get(name) is not known[0]:
            return None
        return known[1]

    def k_enum(self, enums: Any, schema: dict[str, Any]) -> Check:
        equal = self.equal
        strings = frozenset(e for e in enums if isinstance(e, str))
        members = list(enums)

        def check(instance: Any) -> bool:
            if isinstance(instance, str):
                return instance in strings  # a string equals only the same string
            return any(equal(each, instance) for each in members)

        return check

    def k_const(self, const: Any, schema: dict[str, Any]) -> Check:
        equal = self.equal
        return lambda instance: equal(instance, const)

    def k_properties(self, properties: dict[str, Any], schema: dict[str, Any]) -> Check:
        table = {name: self.node(sub) for name, sub in properties.items()}
        get = table.get

        def check(instance: Any) -> bool:
            # Over the document's keys (a few) rather than the schema's
            # properties (often many more): the same pairs are checked.
            if not isinstance(instance, dict):
                return True
            for name, value in instance.items():
                sub = get(name)
                if sub is not None and not sub(value):
                    return False
            return True

        return check

    def k_patternProperties(self, patterns: dict[str, Any], schema: dict[str, Any]) -> Check:
        pairs = [(re.compile(p), self.node(sub)) for p, sub in patterns.items()]

        def check(instance: Any) -> bool:
            if not isinstance(instance, dict):
                return True
            for pattern, sub in pairs:
                for key, value in instance.items():
                    if pattern.search(key) and not sub(value):
                        return False
            return True

        return check

    def k_additionalProperties(self, extra: Any, schema: dict[str, Any]) -> Optional[Check]:
        if extra is True:
            return None
        known = frozenset(schema.get("properties", {}))
        joined = "|".join(schema.get("patternProperties", {}))
        pattern = re.compile(joined) if joined else None
        sub = self.node(extra)

        def check(instance: Any) -> bool:
            if not isinstance(instance, dict):
                return True
            for key in instance:
                if key in known or (pattern is not None and pattern.search(key)):
                    continue
                if not sub(instance[key]):
                    return False
            return True

        return check

    def k_required(self, required: list[str], schema: dict[str, Any]) -> Check:
        names = list(required)
        return lambda instance: not isinstance(instance, dict) or all(n in instance for n in names)

    def k_minProperties(self, bound: int, schema: dict[str, Any]) -> Check:
        return lambda instance: not isinstance(instance, dict) or len(instance) >= bound

    def k_maxProperties(self, bound: int, schema: dict[str, Any]) -> Check:
        return lambda instance: not isinstance(instance, dict) or len(instance) <= bound

    def k_items(self, items: Any, schema: dict[str, Any]) -> Check:
        if isinstance(items, list):
            raise _Unsupported  # the tuple form of draft-07 and 2019-09
        sub = self.node(items)
        prefix = len(schema.get("prefixItems", ())) if self.draft == 2020 else 0

        def check(instance: Any) -> bool:
            if not isinstance(instance, list):
                return True
            return all(sub(instance[i]) for i in range(prefix, len(instance)))

        return check

    def k_prefixItems(self, prefix: list[Any], schema: dict[str, Any]) -> Check:
        subs = [self.node(s) for s in prefix]

        def check(instance: Any) -> bool:
            if not isinstance(instance, list):
                return True
            return all(sub(item) for sub, item in zip(subs, instance))

        return check

    def k_minItems(self, bound: int, schema: dict[str, Any]) -> Check:
        return lambda instance: not isinstance(instance, list) or len(instance) >= bound

    def k_maxItems(self, bound: int, schema: dict[str, Any]) -> Check:
        return lambda instance: not isinstance(instance, list) or len(instance) <= bound

    def k_uniqueItems(self, unique: bool, schema: dict[str, Any]) -> Optional[Check]:
        if not unique:
            return None
        uniq = self.uniq
        return lambda instance: not isinstance(instance, list) or bool(uniq(instance))

    def k_minLength(self, bound: int, schema: dict[str, Any]) -> Check:
        return lambda instance: not isinstance(instance, str) or len(instance) >= bound

    def k_maxLength(self, bound: int, schema: dict[str, Any]) -> Check:
        return lambda instance: not isinstance(instance, str) or len(instance) <= bound

    def k_pattern(self, pattern: str, schema: dict[str, Any]) -> Check:
        search = re.compile(pattern).search
        return lambda instance: not isinstance(instance, str) or search(instance) is not None

    def k_format(self, name: str, schema: dict[str, Any]) -> Optional[Check]:
        checker = self.format_checker
        if checker is None:
            return None
        return lambda instance: bool(checker.conforms(instance, name))

    def _number(self, test: Callable[[Any], bool]) -> Check:
        is_type = self.is_type
        return lambda instance: not is_type(instance, "number") or test(instance)

    def k_minimum(self, bound: Any, schema: dict[str, Any]) -> Check:
        return self._number(lambda instance: not instance < bound)

    def k_maximum(self, bound: Any, schema: dict[str, Any]) -> Check:
        return self._number(lambda instance: not instance > bound)

    def k_exclusiveMinimum(self, bound: Any, schema: dict[str, Any]) -> Check:
        return self._number(lambda instance: not instance <= bound)

    def k_exclusiveMaximum(self, bound: Any, schema: dict[str, Any]) -> Check:
        return self._number(lambda instance: not instance >= bound)

    def k_allOf(self, schemas: list[Any], schema: dict[str, Any]) -> Check:
        return _all_of([self.node(s) for s in schemas])

    def k_anyOf(self, schemas: list[Any], schema: dict[str, Any]) -> Check:
        subs = [self.node(s) for s in schemas]
        return lambda instance: any(sub(instance) for sub in subs)

    def k_oneOf(self, schemas: list[Any], schema: dict[str, Any]) -> Check:
        subs = [self.node(s) for s in schemas]
        return lambda instance: sum(1 for sub in subs if sub(instance)) == 1

    def k_not(self, negated: Any, schema: dict[str, Any]) -> Check:
        sub = self.node(negated)
        return lambda instance: not sub(instance)

    def k_if(self, condition: Any, schema: dict[str, Any]) -> Optional[Check]:
        test = self.node(condition)
        then = self.node(schema["then"]) if "then" in schema else _always
        otherwise = self.node(schema["else"]) if "else" in schema else _always
        return lambda instance: then(instance) if test(instance) else otherwise(instance)


def _always(instance: Any) -> bool:
    return True


def _never(instance: Any) -> bool:
    return False


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:  # the usual count: no generator per call
        first, second = checks
        return lambda instance: first(instance) and second(instance)
    if len(checks) == 3:
        first, second, third = checks
        return lambda instance: first(instance) and second(instance) and third(instance)
    every = tuple(checks)

    def check_all(instance: Any) -> bool:
        for check in every:
            if not check(instance):
                return False
        return True

    return check_all
