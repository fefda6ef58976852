"""The literal part of a JavaScript/TypeScript config file, read without running it.

A small tokenizer (comments, strings, template literals, regular expressions,
numbers, names, punctuation) and a parser for object and array literals. Any
value that is not a literal (a variable, a call, an arrow function, ``a + b``,
a template with ``${}``) becomes an ``Unresolved`` holding its source text, so a
caller can tell "not written" from "written, but computed".
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Optional
from ...patterns import lazy_regex

# Compiled on first use (see _token): its name class over the whole BMP takes
# 10-20 ms to compile, and most runs read no JavaScript config.
_TOKEN_PATTERN = (
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<template>`(?:[^`\\]|\\.)*`)
  | (?P<number>(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)n?)
  | (?P<name>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)
  | (?P<punct>\.\.\.|=>|===|!==|==|!=|<=|>=|&&|\|\||\?\?|\?\.|[{}\[\]().,;:?=+\-*/%!<>&|^~@#])
    """,
    re.VERBOSE | re.DOTALL,
)


@functools.cache
def _token() -> "re.Pattern[str]":
    return re.compile(*_TOKEN_PATTERN)
_REGEX = lazy_regex(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
# After these a `/` starts a regular expression, not a division.
_REGEX_AFTER = {"(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "=>", "&&", "||", "??", "return"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


@dataclass(frozen=True)
class Unresolved:
    """A value written as code, not as a literal."""

    source: str


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    token = _token()
    pos = 0
    while pos < len(source):
        previous = tokens[-1].text if tokens else "("
        if source[pos] == "/" and previous in _REGEX_AFTER and not source.startswith(("//", "/*"), pos):
            match = _REGEX.match(source, pos)
            if match:
                tokens.append(Token("regex", match.group()))
                pos = match.end()
                continue
        match = token.match(source, pos)
        if match is None:
            tokens.append(Token("other", source[pos]))
            pos += 1
            continue
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group()))
        pos = match.end()
    return tokens


def _unquote(text: str) -> str:
    body = text[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == "u" and body[i + 2 : i + 3] == "{":
                end = body.find("}", i)
                out.append(chr(int(body[i + 3 : end], 16)))
                i = end + 1
                continue
            if nxt == "u":
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            if nxt == "x":
                out.append(chr(int(body[i + 2 : i + 4], 16)))
                i += 4
                continue
            if nxt == "\n":
                i += 2
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


_CLOSERS = {"}": "{", "]": "[", ")": "("}


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens

    def _text(self, i: int) -> str:
        return self.tokens[i].text if i < len(self.tokens) else ""

    def skip_expression(self, i: int) -> int:
        """The index after an expression: the next ``,`` or unmatched closer at depth 0."""
        depth = 0
        while i < len(self.tokens):
            text = self.tokens[i].text
            if self.tokens[i].kind == "punct":
                if text in "{[(":
                    depth += 1
                elif text in "}])":
                    if depth == 0:
                        return i
                    depth -= 1
                elif text in (",", ";") and depth == 0:
                    return i
            i += 1
        return i

    def _source(self, start: int, end: int) -> str:
        return " ".join(t.text for t in self.tokens[start:end])

    def value(self, i: int) -> tuple[Any, int]:
        start = i
        literal, i, ok = self._literal(i)
        # TypeScript's `{...} satisfies Options` and `[...] as const` only add a type.
        if ok and self._text(i) in ("satisfies", "as") and self.tokens[i].kind == "name":
            i = self.skip_expression(i)
        # `'a' + b`, `x ? y : z`, `cond && {...}`: a literal followed by an operator is code.
        if ok and self._text(i) in (",", "}", "]", ")", ";", ""):
            return literal, i
        end = self.skip_expression(i if ok else start)
        return Unresolved(self._source(start, end)), end

    def _literal(self, i: int) -> tuple[Any, int, bool]:
        if i >= len(self.tokens):
            return None, i, False
        token = self.tokens[i]
        if token.kind == "string":
            return _unquote(token.text), i + 1, True
        if token.kind == "template":
            if "${" in token.text:
                return None, i, False
            return _unquote(token.text), i + 1, True
        if token.kind == "number":
            text = token.text.replace("_", "").rstrip("n")
            try:
                return (int(text, 0) if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", text) else float(text)), i + 1, True
            except ValueError:
                return None, i, False
        if token.kind == "name" and token.text in ("true", "false", "null", "undefined"):
            return {"true": True, "false": False}.get(token.text), i + 1, True
        if token.text == "-" and i + 1 < len(self.tokens) and self.tokens[i + 1].kind == "number":
            number, j, ok = self._literal(i + 1)
            return (-number if ok else None), j, ok
        if token.text == "{":
            return self._object(i + 1)
        if token.text == "[":
            return self._array(i + 1)
        if token.text == "(":
            inner, j = self.value(i + 1)
            if self._text(j) == ")" and not isinstance(inner, Unresolved):
                return inner, j + 1, True
            return None, i, False
        return None, i, False

    def _array(self, i: int) -> tuple[Any, int, bool]:
        items: list[Any] = []
        while i < len(self.tokens) and self._text(i) != "]":
            if self._text(i) == ",":
                i += 1
                continue
            if self._text(i) == "...":
                end = self.skip_expression(i + 1)
                items.append(Unresolved(self._source(i, end)))
                i = end
                continue
            item, i = self.value(i)
            items.append(item)
            if self._text(i) == ",":
                i += 1
            elif self._text(i) != "]":
                return None, i, False
        return items, i + 1, i < len(self.tokens)

    def _object(self, i: int) -> tuple[Any, int, bool]:
        result: dict[str, Any] = {}
        while i < len(self.tokens) and self._text(i) != "}":
            token = self.tokens[i]
            if token.text == ",":
                i += 1
                continue
            if token.text == "...":
                end = self.skip_expression(i + 1)
                result.setdefault("...", []).append(Unresolved(self._source(i + 1, end)))
                i = end
                continue
            if token.kind in ("name", "string", "number"):
                key = _unquote(token.text) if token.kind == "string" else token.text
                nxt = self._text(i + 1)
                if nxt == ":":
                    value, i = self.value(i + 2)
                    result[key] = value
                elif nxt in (",", "}"):  # shorthand `{title}`: a variable
                    result[key] = Unresolved(key)
                    i += 1
                else:  # a method, getter or `async key() {}`
                    end = self.skip_expression(i)
                    result[key] = Unresolved(self._source(i, end))
                    i = end
            else:  # a computed key `[x]: ...`
                end = self.skip_expression(i)
                i = end
            if self._text(i) not in (",", "}"):
                return None, i, False
        return result, i + 1, i < len(self.tokens)


def parse_value(tokens: list[Token], start: int) -> tuple[Any, int]:
    """The value starting at ``tokens[start]`` and the index after it."""
    return _Parser(tokens).value(start)


def config_object(source: str, required: tuple[str, ...]) -> Optional[dict[str, Any]]:
    """The first object literal in the file that has every key of ``required``.

    Docusaurus configs are written as ``module.exports = {...}``, ``export default
    {...}``, ``const config: Config = {...}; export default config`` or returned by
    a function; looking for the object by its required keys covers them all.
    """
    tokens = tokenize(source)
    for i, token in enumerate(tokens):
        if token.text != "{" or (i and tokens[i - 1].text not in ("=", "(", "return", "default", "=>")):
            continue
        # The literal alone: the statement may end without a semicolon (`}\nexport default config`).
        value, _, ok = _Parser(tokens)._literal(i)
        if ok and isinstance(value, dict) and all(key in value for key in required):
            return value
    return None
