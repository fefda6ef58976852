"""Link rules (LK): image and page URLs in frontmatter and body."""
