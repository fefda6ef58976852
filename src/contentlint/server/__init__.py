"""``contentlint server``: a Language Server Protocol server over stdio
(pygls), giving editors live findings, quick fixes, and frontmatter hover
and completion from the schema."""
