"""URL checker benchmark: 1,000 distinct image URLs spread over 20 loopback
addresses (127.0.0.1 … 127.0.0.20), each answering after 100 ms.

With the default settings (64 requests at once, 8 per host) the floor is
1,000 / 64 × 100 ms ≈ 1.6 s. The server runs in its own process (an asyncio
HTTP/1.1 server listening on the 20 addresses) so it does not compete with the
checker for the interpreter lock.

    python bench/urls.py [--urls 1000] [--hosts 20] [--delay 0.1]

Prints the network-phase time, the whole `contentlint check --network` time
(100 files, 10 URLs each, through the engine), and the re-run served by the
cache (which must make zero requests).
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 256


def _serve(addresses, port, delay, counter, ready):
    async def handle(reader, writer):
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                with counter.get_lock():
                    counter.value += 1
                await asyncio.sleep(delay)
                head = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % len(JPEG)
                writer.write(head if line.startswith(b"HEAD") else head + JPEG)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def main():
        servers = [await asyncio.start_server(handle, a, port, backlog=1024) for a in addresses]
        ready.set()
        await asyncio.gather(*(s.serve_forever() for s in servers))

    asyncio.run(main())


def free_port(addresses) -> int:
    while True:
        probe = socket.socket()
        probe.bind((addresses[0], 0))
        port = probe.getsockname()[1]
        probe.close()
        try:
            for a in addresses[1:]:
                s = socket.socket()
                s.bind((a, port))
                s.close()
            return port
        except OSError:
            continue


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--urls", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from contentlint.api import run_check
    from contentlint.engine.run import Settings
    from contentlint.net.check import check_urls
    from contentlint.rules.links.settings import LinkSettings

    addresses = [f"127.0.0.{i}" for i in range(1, args.hosts + 1)]
    port = free_port(addresses)
    counter = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(addresses, port, args.delay, counter, ready), daemon=True)
    server.start()
    ready.wait(10)
    urls = [f"http://{addresses[i % args.hosts]}:{port}/img/{i}.jpg" for i in range(args.urls)]
    floor = args.urls / 64 * args.delay
    print(f"{args.urls} URLs over {args.hosts} addresses, {args.delay * 1000:.0f} ms each; floor ≈ {floor:.2f} s")
    try:
        ls = LinkSettings.from_table({"allow-private": ["127.0.0.0/8"]})
        times = []
        for run in range(args.runs):
            counter.value = 0
            started = time.perf_counter()
            results, _ = check_urls(urls, ls, use_cache=False, progress=False)
            times.append(time.perf_counter() - started)
            ok = sum(1 for o in results.values() if o.ok)
            print(f"  network phase, run {run + 1}: {times[-1]:.2f} s, {ok}/{len(urls)} ok, {counter.value} requests")
        print(f"network phase: median {statistics.median(times):.2f} s (min {min(times):.2f})")

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "contentlint.toml").write_text(
                'select = ["LK"]\nnetwork = true\n[links]\nallow-private = ["127.0.0.0/8"]\n', encoding="utf-8"
            )
            posts = root / "posts"
            posts.mkdir()
            per_file = 10
            for f in range(0, len(urls), per_file):
                items = "\n".join(f'  - "{u}"' for u in urls[f : f + per_file])
                (posts / f"post-{f // per_file:03}.md").write_text(f"---\ntitle: Post\nimage:\n{items}\n---\n\nText.\n")
            for label, no_cache in (("cold (cache empty)", False), ("re-run (cache)", False)):
                counter.value = 0
                started = time.perf_counter()
                result, _ = run_check([str(posts)], Settings(no_cache=no_cache), config_path=str(root / "contentlint.toml"))
                elapsed = time.perf_counter() - started
                print(f"contentlint check --network, {label}: {elapsed:.2f} s, "
                      f"{len(result.violations)} findings, {counter.value} requests")
    finally:
        server.terminate()
        server.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
