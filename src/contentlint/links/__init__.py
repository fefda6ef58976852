"""URLs as data, pure (no I/O): extraction with spans, classification, address policy; imports document/ and the leaves."""
