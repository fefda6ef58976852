"""Frontmatter schemas: store, discovery, compile, formats, infer; imports document/, links/ and the leaves."""
