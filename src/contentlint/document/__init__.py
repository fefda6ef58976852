"""One file as data: bytes -> text, lines, frontmatter block, key positions, Markdown view; imports only the leaves."""
