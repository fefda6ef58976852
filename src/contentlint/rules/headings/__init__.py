"""Heading rules (HD): document structure from markdown-it-py tokens."""
from ...config.loader import register_setting
from ._common import DEFAULT_TITLE_KEY, TITLE_FALLBACK_SETTING, TITLE_KEY_SETTING

# One setting for every rule that reads the page title (HD001, HD002, HD008,
# HD011, HD012), so they can never disagree about which key holds it.
register_setting(TITLE_KEY_SETTING, {"type": "string"}, DEFAULT_TITLE_KEY)
# true: the layout shows the frontmatter title only when the body has no h1
# (Docusaurus, MkDocs); `init` and framework detection set it.
register_setting(TITLE_FALLBACK_SETTING, {"type": "boolean"}, False)

from . import (  # noqa: E402,F401 - registration
    duplicate_heading,
    emphasis_as_heading,
    empty_heading,
    first_heading_level,
    heading_emphasis,
    heading_increment,
    heading_repeats_title,
    heading_style,
    heading_title_mismatch,
    multiple_titles,
    no_space_after_hash,
    trailing_punctuation,
)
