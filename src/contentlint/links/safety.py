"""Which URLs contentlint may request: scheme classes, address ranges and the
allow-lists that open them (the SSRF rules behind LK006).

Everything here is pure: no DNS, no sockets. The network checker resolves
names itself and passes each address through :meth:`AddressPolicy.refusal`.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Iterable, Literal, Optional, Union
from urllib.parse import urlsplit
from ..patterns import lazy_regex

IPAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]

FETCHABLE_SCHEMES = ("http", "https")
DISALLOWED_SCHEMES = ("javascript", "vbscript", "file", "data")

_SCHEME = lazy_regex(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop leading C0 controls and spaces, and tabs/newlines anywhere, before
# reading the scheme (WHATWG URL §4.4), so `java\tscript:` is still javascript.
_LEADING_JUNK = lazy_regex(r"^[\x00-\x20]+")
_TAB_NEWLINE = lazy_regex(r"[\t\n\r]")
_CONTROL = lazy_regex(r"[\x00-\x1f\x7f-\x9f]")
_BAD_PERCENT = lazy_regex(r"%(?![0-9A-Fa-f]{2})")
_TEMPLATE = lazy_regex(r"\{\{|\{%|\$\{")
_LABEL = lazy_regex(r"^[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?$")

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")  # RFC 3879: deprecated, yet still routed inside some networks
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: reaches the IPv4 address in its last 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local use only, never global
_TEREDO = ipaddress.ip_network("2001::/32")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # RFC 4291 §2.5.5.1: deprecated `::a.b.c.d`


class UrlKind:
    REMOTE = "remote"  # http(s) or protocol-relative: may be requested
    LOCAL_RELATIVE = "local-relative"  # a path relative to the file
    LOCAL_ROOT = "local-root"  # /images/x.png: under the site's static folders
    DISALLOWED_SCHEME = "disallowed-scheme"
    OTHER_SCHEME = "other-scheme"  # mailto:, tel:, ftp:… (not checked)
    SKIP = "skip"  # empty, fragment, template expression, bundler alias


def scheme_of(url: str) -> Optional[str]:
    """The scheme as a browser reads it (lower case), or None."""
    cleaned = _TAB_NEWLINE.sub("", _LEADING_JUNK.sub("", url))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def classify(url: str) -> str:
    stripped = url.strip()
    if not stripped or stripped.startswith(("#", "?")) or _TEMPLATE.search(stripped) or stripped.startswith("{"):
        return UrlKind.SKIP
    scheme = scheme_of(url)
    if scheme in DISALLOWED_SCHEMES:
        return UrlKind.DISALLOWED_SCHEME
    if scheme in FETCHABLE_SCHEMES or stripped.startswith("//"):
        return UrlKind.REMOTE
    if scheme is not None and not re.match(r"^[A-Za-z]:[\\/]", stripped):  # not a Windows drive
        return UrlKind.OTHER_SCHEME
    if stripped.startswith(("~", "@", "$")):
        return UrlKind.SKIP  # bundler aliases (`~/assets/x.png`, `@images/x.png`)
    if stripped.startswith(("/", "\\")):
        return UrlKind.LOCAL_ROOT
    return UrlKind.LOCAL_RELATIVE


def absolute(url: str) -> str:
    """A remote URL with an explicit scheme (protocol-relative becomes https)."""
    url = url.strip()
    return "https:" + url if url.startswith("//") else url


def malformed_reason(url: str) -> Optional[str]:
    """Why ``url`` cannot work as written, or None. Only remote URLs are held
    to URL syntax; local paths are only checked for control characters."""
    m = _CONTROL.search(url)
    if m:
        return f"contains the control character `\\x{ord(m.group()):02x}`"
    if classify(url) != UrlKind.REMOTE:
        return None
    if url != url.strip():
        return "has leading or trailing spaces"
    if " " in url or "\u00a0" in url:
        return "contains a space (write `%20`)"
    try:
        parts = urlsplit(absolute(url))
    except ValueError as exc:
        return f"cannot be parsed ({exc})"
    if not parts.netloc or not parts.hostname:
        return "has no host"
    try:
        parts.port
    except ValueError:
        port = parts.netloc.rsplit(":", 1)[-1]
        return f"has an invalid port `{port}`"
    if parts.netloc.endswith(":"):
        return "has an empty port"
    bad = _BAD_PERCENT.search(url)
    if bad:
        return f"has invalid percent-encoding `{url[bad.start():bad.start() + 3]}`"
    host_problem = _host_problem(parts.hostname)
    if host_problem:
        return host_problem
    return None


def _host_problem(host: str) -> Optional[str]:
    if ip_literal(host) is not None:
        return None
    name = host[:-1] if host.endswith(".") else host
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            return f"has an invalid host name `{host}`"
    if len(name) > 253 or not all(_LABEL.match(label) for label in name.split(".")):
        return f"has an invalid host name `{host}`"
    return None


def ip_literal(host: str) -> Optional[IPAddress]:
    """The address a host names literally, including the legacy IPv4 forms that
    `inet_aton` (and so `getaddrinfo` and browsers) accept: `127.1`,
    `0x7f.0.0.1`, `2130706433`."""
    host = host.strip("[]").rstrip(".")
    if "%" in host:  # IPv6 zone id (`fe80::1%eth0`)
        host = host.split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and re.fullmatch(r"[0-9a-fA-FxX.]+", host) and host[0].isdigit():
        import socket  # lazy: start-up time (a numeric host in a legacy form is rare)

        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_category(ip: IPAddress) -> Optional[str]:
    """Why an address must not be requested (a human phrase), or None when global."""
    if isinstance(ip, ipaddress.IPv6Address):
        why = _ipv6_form_category(ip)
        if why is not False:
            return why
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv6Address) and ip in _UNIQUE_LOCAL:
        return "a unique-local address"
    if isinstance(ip, ipaddress.IPv6Address) and ip in _SITE_LOCAL:
        return "a site-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a private address (shared address space)"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a reserved address"
    return None


def _ipv6_form_category(ip: ipaddress.IPv6Address) -> Union[str, None, Literal[False]]:
    """The verdict for IPv6 forms that carry an IPv4 address (a packet to
    them may end up at that IPv4 host), or False for any other address.

    Decided here rather than left to ``ipaddress``, whose answers for these
    ranges differ between Python versions (and call fec0::/10 global)."""
    mapped = ip.ipv4_mapped  # ::ffff:a.b.c.d is the IPv4 host itself
    if mapped is not None:
        return address_category(mapped)
    if ip in _TEREDO:
        return "a Teredo tunnel address"  # relays to whatever the embedded addresses say
    six_to_four = ip.sixtofour
    if six_to_four is not None:
        return address_category(six_to_four)
    last32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _NAT64:
        return address_category(last32)
    if ip in _NAT64_LOCAL:
        return address_category(last32) or "a local-use NAT64 address"
    if ip in _IPV4_COMPATIBLE and int(ip) > 1:  # not `::` nor `::1`
        return address_category(last32) or "a reserved address"
    return False


def is_localhost_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")  # RFC 6761 §6.3


@dataclass(frozen=True)
class AddressPolicy:
    """Allow-lists: host names (``*.example.com`` matches subdomains; IP
    literals too) and address ranges (CIDR) that may be requested although
    they are not global."""

    allow_hosts: tuple[str, ...] = ()
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def from_lists(cls, hosts: Iterable[str], networks: Iterable[str]) -> "AddressPolicy":
        nets = []
        for item in networks:
            try:
                nets.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ValueError(f"`allow-private` entry `{item}` is not an address range such as `10.0.0.0/8`") from None
        return cls(tuple(h.strip().lower().strip("[]").rstrip(".") for h in hosts if h.strip()), tuple(nets))

    def host_allowed(self, host: str) -> bool:
        host = host.lower().strip("[]").rstrip(".")
        for allowed in self.allow_hosts:
            if allowed == host or (allowed.startswith("*.") and host.endswith(allowed[1:])):
                return True
        return False

    def refusal(self, host: str, ip: IPAddress) -> Optional[str]:
        """None when ``ip`` (what ``host`` resolved to) may be requested, else why not."""
        category = address_category(ip)
        if category is None or self.host_allowed(host):
            return None
        plain = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip
        if any(plain.version == net.version and plain in net for net in self.allow_networks):
            return None
        return category

    def static_refusal(self, host: str) -> Optional[str]:
        """Refusal decidable without DNS: IP literals and `localhost` names."""
        ip = ip_literal(host)
        if ip is not None:
            return self.refusal(host, ip)
        if is_localhost_name(host) and not self.host_allowed(host):
            loopback = ipaddress.ip_address("127.0.0.1")
            if not any(loopback in net for net in self.allow_networks if net.version == 4):
                return "a loopback address"
        return None

    def fingerprint(self) -> str:
        return "|".join(sorted(self.allow_hosts)) + "#" + "|".join(sorted(str(n) for n in self.allow_networks))


def is_local_host(host: str) -> bool:
    """A name or literal that only makes sense on the writer's machine or network
    (where `http:` is normal and `https:` is not expected)."""
    ip = ip_literal(host)
    return is_localhost_name(host) if ip is None else address_category(ip) is not None


def host_of(url: str) -> Optional[str]:
    try:
        return urlsplit(absolute(url)).hostname
    except ValueError:
        return None
