"""Findings the engine itself reports (CL9xx). They are registered like rules so
that they can be documented, listed, selected and ignored, but they never run."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..registry import Fixability, NoOptions, Rule, RuleContext, register
from ..violations import Finding, Severity

if TYPE_CHECKING:
    from ..document.document import Document


class EngineFinding(Rule):
    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        return ()


@register
class UnreadableFile(EngineFinding):
    """Flags a file that could not be read (permissions, a vanished file, an I/O error).

    ## Why
    A file that cannot be read cannot be checked; the run reports it and goes on.

    ## Example
    A post with mode `000`.

    ## Use instead
    A readable file.

    ## Fix
    None: fix the permissions or remove the file.
    """

    code = "CL901"
    name = "unreadable-file"
    summary = "File could not be read"


@register
class BinaryFile(EngineFinding):
    """Flags a file that holds NUL bytes: a binary file with a Markdown name.

    ## Why
    Text tools and site generators mangle binary data; a `.md` file with NUL
    bytes is almost always an image or archive saved under the wrong name.

    ## Example
    A PNG renamed to `post.md`.

    ## Use instead
    Plain UTF-8 text.

    ## Fix
    None: rename or replace the file.
    """

    code = "CL902"
    name = "binary-file"
    summary = "File is binary, not text"


@register
class FileTooLarge(EngineFinding):
    """Flags a file larger than `max-file-size` (default 10 MB); it is not checked.

    ## Why
    Content files are small; a huge one is usually generated output or a
    mistake, and checking it would slow every run.

    ## Example
    A 50 MB data dump named `data.md`.

    ## Use instead
    Move generated files out of the content folder, exclude them, or raise
    `max-file-size`.

    ## Fix
    None.
    """

    code = "CL903"
    name = "file-too-large"
    summary = "File exceeds max-file-size and was skipped"


@register
class FixNotWritten(EngineFinding):
    """Reports fixes that were computed but not written: the file is read-only,
    changed on disk while it was checked, the fixes did not settle, or writing
    failed (disk full, permission denied). The file is left exactly as it was.

    ## Why
    Nothing a writer wrote may ever be lost; when a fix cannot be written
    safely, contentlint says so instead of guessing.

    ## Example
    `contentlint check --fix` on a file with mode `444`.

    ## Use instead
    A writable file, left alone while contentlint runs.

    ## Fix
    None.
    """

    code = "CL904"
    name = "fix-not-written"
    summary = "Fixes could not be written; the file is unchanged"


@register
class SymlinkOutside(EngineFinding):
    """Flags a file reached through a symlink whose target lies outside the
    checked folders. It is neither read nor fixed.

    The checked folders are the folders named on the command line and, for a
    file named on it, the project root and the file's own folder.

    ## Why
    A pull request can add `post.md` as a link to `/etc/passwd` or to a CI
    secret; following it would print that file's lines in the CI log, and
    `--fix` would write outside the folders you asked to check.

    ## Example
    `contentlint check content` with `content/post.md -> ../outside/secret.md`.

    ## Use instead
    A regular file, or a link to a file inside the checked folders (such a
    file is checked once, under its own name when that is checked too, and
    fixes are written to the target; the link stays a link). To check a file
    that lives elsewhere, name its folder or its real path.

    ## Fix
    None.
    """

    code = "CL905"
    name = "symlink-outside"
    summary = "Symlink to a file outside the checked folders; not followed"


@register
class SpecialFile(EngineFinding):
    """Flags a named pipe (FIFO), socket or device file with a Markdown name.
    It is never opened.

    ## Why
    Reading a FIFO waits for a writer that never comes: the run would hang
    until CI kills it. A device can return endless bytes. Content is always a
    regular file.

    ## Example
    A FIFO made with `mkfifo content/post.md`.

    ## Use instead
    A regular file, or exclude the path.

    ## Fix
    None.
    """

    code = "CL906"
    name = "special-file"
    summary = "Not a regular file (FIFO, socket, device); not read"


@register
class InternalError(EngineFinding):
    """Reports a rule that crashed on a file. The other rules and files still run;
    the exit code is 2 so that CI notices.

    ## Why
    A crash in one rule must not hide the findings of all the others.

    ## Example
    A bug in a rule triggered by unusual input.

    ## Use instead
    Report the message (it names the rule) to the contentlint maintainers.

    ## Fix
    None.
    """

    code = "CL999"
    name = "internal-error"
    summary = "A rule raised an exception on this file"


@register
class UnusedSuppression(EngineFinding):
    """Flags a `<!-- contentlint-disable… -->` comment that names a rule
    contentlint does not know, or that suppressed nothing in this run (like
    ruff's RUF100).

    A directive is judged only for the rules that ran on the file: one that
    names a rule turned off by the configuration, or a network rule in a run
    without `--network`, is left alone. An `enable` is unused when it ends no
    disabling that suppressed something. `markdownlint-…` comments are not
    judged (markdownlint itself may still read them).

    ## Why
    A suppression outlives the finding it was written for: the heading was
    reworded, the link was fixed. Left behind, it hides the next real finding
    on that line, and readers wonder what it is for. A misspelt code
    suppresses nothing at all.

    ## Example
    A misspelt name (unknown), and a heading that no longer ends in
    punctuation (unused, when HD004 runs):

    ```markdown
    <!-- contentlint-disable-next-line heading-trailing-punctation -->
    ## A heading without punctuation
    ```

    ## Use instead
    ```markdown
    ## A heading without punctuation
    ```

    ## Fix
    Safe: removes the directive (its line, when it stands alone), or only the
    unused codes from its list. Removing an unknown code is unsafe: it may be
    a rule of a plugin that is not installed where the check ran. Severity is
    warning; `[rules.CL907] severity = "error"` makes it fail the run, and
    `ignore = ["CL907"]` turns it off.
    """

    code = "CL907"
    name = "unused-suppression"
    summary = "Suppression directive names an unknown rule or suppressed nothing"
    severity = Severity.WARNING
    fixable = Fixability.SOMETIMES
