from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...schema.store import to_instance
from ...violations import Edit, Finding, Fix
from ._common import bad_value_spans, key_span, resolution, scalar_text, show, usable_block, value_span
from ._messages import Problem, problems

if TYPE_CHECKING:
    from ...document.document import Document


@register
class SchemaViolation(Rule):
    """Flags frontmatter that does not match the file's JSON Schema: a missing
    required key, a value of the wrong type, format or enum, an unexpected
    key. Every error is reported, each on the key (or list item) a writer has
    to change; a missing key is reported on the mapping that lacks it (the
    opening `---` for the top level). A file without frontmatter is checked
    as an empty mapping, so its missing required keys are reported too.

    The schema comes from `--schema`, a `$schema` key in the frontmatter,
    the `schemas` globs of the configuration or an Astro project's
    `.astro/collections/`; see docs/frontmatter.md. Without a schema the
    rule does nothing.

    ## Why
    Site generators fail the build on such a page, or worse, publish it with
    a missing date or a tag nobody filters on. The error names the key and
    the line, where the build error usually does not.

    ## Example
    ```markdown
    ---
    $schema: builtin:mkdocs-page
    title: [Getting, started]
    hide:
      - Navigation
    ---
    ```

    ## Use instead
    ```markdown
    ---
    $schema: builtin:mkdocs-page
    title: Getting started
    hide:
      - navigation
    ---
    ```

    ## Fix
    Unsafe, and only where the intent is certain: a value that differs from
    one allowed `enum` value only in letter case is replaced by it, keeping
    the value's quoting. Everything else needs a writer.
    """

    code = "FM101"
    name = "schema-violation"
    summary = "Frontmatter that does not match its JSON Schema"
    fixable = Fixability.UNSAFE
    changes_frontmatter = True

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        if doc.frontmatter_problem is not None:
            return
        block = doc.frontmatter
        if block is not None and (block.error is not None or not isinstance(block.data, dict)):
            return  # FM002 / FM004
        found = resolution(doc, ctx)
        if found.problem is not None:
            start, end = key_span(doc, ("$schema",))
            yield Finding(start, end, found.problem)
            return
        schema = found.schema
        if schema is None:
            return
        instance = to_instance(block.data if block is not None else {})
        if schema.is_valid(instance):
            return
        bad = bad_value_spans(doc)
        seen: set[tuple[object, ...]] = set()  # two `false` keys give two errors that name no key
        for error in schema.iter_errors(instance):
            if bad and isinstance(error.instance, str) and value_span(doc, tuple(error.absolute_path)) in bad:
                continue  # FM002 already reports this value as impossible
            for problem in problems(error, schema, instance):
                if (problem.path, problem.message) in seen:
                    continue
                seen.add((problem.path, problem.message))
                start, end = key_span(doc, problem.path)
                yield Finding(start, end, problem.message, self._fix(doc, problem))

    @staticmethod
    def _fix(doc: Document, problem: Problem) -> Optional[Fix]:
        if problem.replacement is None or problem.value_path is None or usable_block(doc) is None:
            return None
        edit = scalar_text(doc, problem.value_path, problem.replacement)
        if edit is None:
            return None
        return Fix.unsafe(f"Replace with {show(problem.replacement)}", Edit(*edit))
