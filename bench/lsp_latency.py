"""Language server latency: from a change sent to its diagnostics received.

Drives a real `contentlint server` process over stdio with pygls's client:

1. typical pages: 4.5-5.5 KB English pages of the astro-docs corpus (or, without
   the corpora, the seed post padded to 5 KB); each gets 20 one-character
   edits, 0.25 s apart (a typing pause), and the time from sending each
   `didChange` to receiving the diagnostics of that version is recorded;
2. a 5 MB document (the seed post's body repeated): time from open and from
   one edit to its diagnostics, and, while that lint runs, the latency of a
   hover and of a small page's change.

Prints medians and spreads; nothing here is a test assertion.

    .venv/bin/python bench/lsp_latency.py [--pages 10] [--edits 20]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "astro-docs" / "src" / "content" / "docs" / "en"
SEED = ROOT / "examples" / "src" / "content" / "blog" / "seed-post.md"


def typical_pages(count: int) -> list[Path]:
    pages = sorted(p for p in CORPUS.rglob("*.md*") if 4500 <= p.stat().st_size <= 5500) if CORPUS.is_dir() else []
    if pages:
        return pages[:count]
    folder = Path(tempfile.mkdtemp(prefix="lsp-bench-"))
    seed = SEED.read_text(encoding="utf-8")
    page = folder / "page.md"
    page.write_text(seed + seed[seed.index("\n## "):][: 5000 - len(seed)], encoding="utf-8")
    return [page]


def big_document() -> str:
    seed = SEED.read_text(encoding="utf-8")
    head_end = seed.index("\n---\n", 3) + 5
    body = seed[head_end:] + "\n"
    return seed[:head_end] + body * (5_000_000 // len(body))


class Bench:
    def __init__(self):
        self.client = LanguageClient("lsp-bench", "1")
        self.arrived: dict[tuple[str, int], float] = {}
        self.waiters: dict[tuple[str, int], asyncio.Future] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams):
            key = (params.uri, params.version)
            self.arrived[key] = time.perf_counter()
            waiter = self.waiters.pop(key, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(self.arrived[key])

    async def start(self, folder: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "contentlint", "server")
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)]))
        self.client.initialized(types.InitializedParams())

    def _waiter(self, uri: str, version: int) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiters[(uri, version)] = future
        return future

    async def open(self, path: Path, text: str) -> float:
        uri = path.as_uri()
        waiter = self._waiter(uri, 1)
        sent = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text=text)))
        return await asyncio.wait_for(waiter, 600) - sent

    def send_edit(self, path: Path, version: int, line: int) -> tuple[float, asyncio.Future]:
        uri = path.as_uri()
        waiter = self._waiter(uri, version)
        at = types.Position(line=line, character=0)
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=at, end=at), text="x")]))
        return sent, waiter

    async def edit(self, path: Path, version: int, line: int) -> float:
        sent, waiter = self.send_edit(path, version, line)
        return await asyncio.wait_for(waiter, 600) - sent

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def ms(values: list[float]) -> str:
    values = sorted(v * 1000 for v in values)
    p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
    return f"median {statistics.median(values):.1f} ms, p90 {p90:.1f} ms, min {values[0]:.1f}, max {values[-1]:.1f} (n={len(values)})"


async def main(pages_wanted: int, edits: int) -> None:
    pages = typical_pages(pages_wanted)
    bench = Bench()
    await bench.start(pages[0].parent)
    latencies, opens = [], []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        opens.append(await bench.open(page, text))
        middle = text.count("\n") // 2
        for version in range(2, edits + 2):
            latencies.append(await bench.edit(page, version, middle))
            await asyncio.sleep(0.25)
    print(f"typical pages: {len(pages)} of {min(len(p.read_bytes()) for p in pages)}-"
          f"{max(len(p.read_bytes()) for p in pages)} bytes")
    print(f"  open -> diagnostics:   {ms(opens)}")
    print(f"  change -> diagnostics: {ms(latencies)}")

    folder = Path(tempfile.mkdtemp(prefix="lsp-bench-big-"))
    big = folder / "big.md"
    text = big_document()
    print(f"5 MB document ({len(text.encode('utf-8')):,} bytes):")
    print(f"  open -> diagnostics:   {await bench.open(big, text) * 1000:.0f} ms")
    small = pages[0]
    sent, waiter = bench.send_edit(big, 2, 10)
    await asyncio.sleep(0.35)  # past the debounce: the big lint is running now
    hover_sent = time.perf_counter()
    await bench.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=small.as_uri()), position=types.Position(line=1, character=2)))
    hover = time.perf_counter() - hover_sent
    small_latency = await bench.edit(small, edits + 2, 3)
    big_latency = await asyncio.wait_for(waiter, 600) - sent
    print(f"  change -> diagnostics: {big_latency * 1000:.0f} ms")
    print(f"  while it lints: hover on a small page {hover * 1000:.0f} ms, "
          f"small page change -> diagnostics {small_latency * 1000:.0f} ms")
    await bench.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.pages, args.edits))
