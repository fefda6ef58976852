"""Lint one document, the fix loop, the writer, the result cache, the pool, the run; imports config/ and below."""
