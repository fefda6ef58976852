"""IPv6 forms that carry (or stand for) a non-global address: site-local,
Teredo, 6to4, NAT64 (well-known and local-use prefixes), IPv4-mapped and
IPv4-compatible. Each is refused with the category of what it reaches, as an
IP literal in a URL (offline) and as what a host name resolves to (with
the network), and no connection is ever attempted."""
import ipaddress

import pytest

from contentlint.links.safety import AddressPolicy, address_category


def teredo(server: str, client: str) -> str:
    """A Teredo address (RFC 4380): 2001:0::/32, the server's IPv4, flags and
    port, then the client's IPv4 with every bit inverted."""
    value = (0x20010000 << 96) | (int(ipaddress.IPv4Address(server)) << 64)
    value |= int(ipaddress.IPv4Address(client)) ^ 0xFFFFFFFF
    return str(ipaddress.IPv6Address(value))


REFUSED = [
    # site-local, deprecated by RFC 3879 but still routed inside some networks
    ("fec0::1", "a site-local address"),
    ("fed0:1:2::3", "a site-local address"),
    ("feff:ffff::1", "a site-local address"),
    # Teredo: never a global destination, whatever it embeds
    (teredo("65.54.227.120", "127.0.0.1"), "a Teredo tunnel address"),
    (teredo("10.0.0.1", "93.184.215.14"), "a Teredo tunnel address"),
    (teredo("65.54.227.120", "169.254.169.254"), "a Teredo tunnel address"),
    # 6to4 of loopback, metadata, private and shared addresses
    ("2002:7f00:1::", "a loopback address"),
    ("2002:a9fe:a9fe::1", "a link-local address"),
    ("2002:c0a8:101::", "a private address"),
    ("2002:a00:1::", "a private address"),
    ("2002:6440:1::", "a private address (shared address space)"),
    # NAT64, well-known prefix (RFC 6052)
    ("64:ff9b::7f00:1", "a loopback address"),
    ("64:ff9b::a9fe:a9fe", "a link-local address"),
    ("64:ff9b::c0a8:1", "a private address"),
    # NAT64, local-use prefix (RFC 8215): never global
    ("64:ff9b:1::a00:1", "a private address"),
    ("64:ff9b:1::a9fe:a9fe", "a link-local address"),
    ("64:ff9b:1::5db8:d70e", "a local-use NAT64 address"),
    # IPv4-mapped
    ("::ffff:127.0.0.1", "a loopback address"),
    ("::ffff:169.254.169.254", "a link-local address"),
    ("::ffff:192.168.0.1", "a private address"),
    # IPv4-compatible (deprecated): the IPv4 host, or reserved when it is global
    ("::127.0.0.1", "a loopback address"),
    ("::169.254.169.254", "a link-local address"),
    ("::10.0.0.1", "a private address"),
    ("::93.184.215.14", "a reserved address"),
]

ALLOWED = [
    "2002:5db8:d70e::1",  # 6to4 of a global address
    "64:ff9b::5db8:d70e",  # NAT64 of a global address (how IPv6-only networks reach IPv4)
    "::ffff:93.184.215.14",
    "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
]


@pytest.mark.parametrize("address,category", REFUSED, ids=[a for a, _ in REFUSED])
def test_each_form_is_refused_with_what_it_reaches(address, category):
    ip = ipaddress.ip_address(address)
    assert address_category(ip) == category
    assert AddressPolicy().refusal("example.test", ip) == category
    assert AddressPolicy().static_refusal(f"[{address}]") == category


@pytest.mark.parametrize("address", ALLOWED)
def test_global_destinations_in_these_forms_stay_allowed(address):
    assert address_category(ipaddress.ip_address(address)) is None


def findings(result):
    return sorted((v.line, v.code, v.message) for v in result.violations)


def test_literals_in_urls_are_refused_without_any_connection(project, server, connections):
    """With the network on and the local server listening, none of these
    URLs is requested (`::ffff:127.0.0.1` would reach it otherwise)."""
    project.config(allow=False)
    urls = [f"http://[{address}]:{server.port}/img.jpg" for address, _ in REFUSED]
    project.post("one", *urls)
    got = findings(project.lint())
    assert [code for _, code, _ in got] == ["LK006"] * len(REFUSED)
    for (_, _, message), (address, category) in zip(got, REFUSED):
        assert f"[{address}]" in message and f"points to {category} " in message
    assert server.total == 0
    assert connections == []


@pytest.mark.parametrize("address,category", REFUSED, ids=[a for a, _ in REFUSED])
def test_names_resolving_to_these_forms_are_refused(project, server, connections, monkeypatch, address, category):
    from contentlint.net import check as netcheck
    async def resolver(host, port):
        return [address]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    project.config(allow=False)
    project.post("one", f"https://images.example.test:{server.port}/hero.jpg")
    got = findings(project.lint())
    assert [(line, code) for line, code, _ in got] == [(3, "LK006")]
    assert f"resolves to `{address}`, {category}" in got[0][2]
    assert connections == []
    assert server.total == 0


_SPECIAL_V4 = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
)]


def _ipv4s():
    from hypothesis import strategies as st

    inside = st.sampled_from(_SPECIAL_V4).flatmap(
        lambda net: st.integers(int(net.network_address), int(net.broadcast_address)))
    return st.one_of(st.integers(0, 2**32 - 1), inside).map(ipaddress.IPv4Address)


def _forms(v4: ipaddress.IPv4Address) -> dict[str, ipaddress.IPv6Address]:
    n = int(v4)
    six = ipaddress.IPv6Address
    return {
        "mapped": six((0xFFFF << 32) | n),
        "6to4": six((0x2002 << 112) | (n << 80) | 1),
        "nat64": six(int(six("64:ff9b::")) | n),
        "nat64-local": six(int(six("64:ff9b:1::")) | n),
        "compatible": six(n),
        "teredo-client": six((0x20010000 << 96) | (int(ipaddress.IPv4Address("65.54.227.120")) << 64) | (n ^ 0xFFFFFFFF)),
    }


def test_every_ipv6_form_carries_the_verdict_of_its_ipv4_address():
    """For any IPv4 address (most drawn from the special ranges): its mapped,
    6to4 and NAT64 forms are refused exactly when it is, for the same reason;
    the forms that are never global are refused whatever they carry."""
    from hypothesis import given, settings

    @settings(max_examples=400, derandomize=True, deadline=None)
    @given(_ipv4s())
    def check(v4):
        want = address_category(v4)
        forms = _forms(v4)
        assert address_category(forms["mapped"]) == want
        assert address_category(forms["6to4"]) == want
        assert address_category(forms["nat64"]) == want
        assert address_category(forms["nat64-local"]) == (want or "a local-use NAT64 address")
        if int(v4) > 1:  # `::` and `::1` are themselves
            assert address_category(forms["compatible"]) == (want or "a reserved address")
        assert address_category(forms["teredo-client"]) == "a Teredo tunnel address"

    check()
