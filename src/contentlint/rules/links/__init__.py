"""Link rules (LK): image and page URLs in frontmatter and body."""
from ...net import settings  # noqa: F401 - registers the `links` and `network` settings
from . import (  # noqa: F401
    local_image_missing,
    url_disallowed,
    url_insecure,
    url_malformed,
    url_not_image,
    url_redirected,
    url_unreachable,
)
