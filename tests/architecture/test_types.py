"""The `mypy --strict` gate (issue 14), as a ratchet: no module outside
NOT_YET_STRICT may have a type error, and a listed module that has become
clean must be taken off the list so it stays clean."""
from __future__ import annotations

from .typecheck import NOT_YET_STRICT, files_with_errors


def test_every_module_outside_the_list_type_checks_strictly_and_the_list_only_shrinks():
    unclean = files_with_errors()
    assert sorted(unclean - NOT_YET_STRICT) == [], "new mypy --strict errors (python tests/architecture/typecheck.py)"
    assert sorted(NOT_YET_STRICT - unclean) == [], "these modules are clean now: remove them from NOT_YET_STRICT"
