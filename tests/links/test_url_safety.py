import ipaddress

import pytest

from contentlint.links.safety import (
    AddressPolicy, UrlKind, address_category, classify, ip_literal, malformed_reason, scheme_of,
)


@pytest.mark.parametrize("address,category", [
    ("127.0.0.1", "a loopback address"),
    ("127.8.9.10", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.0.0.1", "a private address"),
    ("172.16.5.4", "a private address"),
    ("192.168.1.1", "a private address"),
    ("100.64.0.1", "a private address (shared address space)"),
    ("169.254.169.254", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("fd00::1", "a unique-local address"),
    ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
    ("::ffff:169.254.169.254", "a link-local address"),
    ("64:ff9b::a00:1", "a private address"),  # NAT64 of 10.0.0.1
    ("2002:a00:1::", "a private address"),  # 6to4 of 10.0.0.1
    ("240.0.0.1", "a reserved address"),
    ("255.255.255.255", "a reserved address"),
    ("93.184.215.14", None),
    ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
])
def test_address_categories(address, category):
    assert address_category(ipaddress.ip_address(address)) == category


@pytest.mark.parametrize("host,address", [
    ("127.0.0.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("0x7f.0.0.1", "127.0.0.1"),
    ("2130706433", "127.0.0.1"),
    ("017700000001", "127.0.0.1"),
    ("[::1]", "::1"),
    ("fe80::1%eth0", "fe80::1"),
    ("example.com", None),
    ("1.example", None),
])
def test_ip_literals_in_every_form_browsers_accept(host, address):
    got = ip_literal(host)
    assert (str(got) if got else None) == address


def test_policy_allow_lists():
    policy = AddressPolicy.from_lists(["build.local", "*.corp.example"], ["10.1.0.0/16", "fd00::/8"])
    ip = ipaddress.ip_address
    assert policy.refusal("build.local", ip("10.9.9.9")) is None
    assert policy.refusal("img.corp.example", ip("192.168.0.1")) is None
    assert policy.refusal("corp.example", ip("192.168.0.1")) == "a private address"
    assert policy.refusal("x", ip("10.1.2.3")) is None
    assert policy.refusal("x", ip("10.2.0.1")) == "a private address"
    assert policy.refusal("x", ip("fd00::5")) is None
    assert policy.refusal("x", ip("93.184.215.14")) is None
    assert policy.static_refusal("localhost") == "a loopback address"
    assert policy.static_refusal("dev.localhost") == "a loopback address"
    assert policy.static_refusal("example.com") is None
    with pytest.raises(ValueError, match="allow-private"):
        AddressPolicy.from_lists([], ["not-a-range"])


@pytest.mark.parametrize("url,kind", [
    ("https://x.example/a.png", UrlKind.REMOTE),
    ("//cdn.example/a.png", UrlKind.REMOTE),
    ("HTTP://x.example/", UrlKind.REMOTE),
    ("javascript:alert(1)", UrlKind.DISALLOWED_SCHEME),
    (" java\tscript:alert(1)", UrlKind.DISALLOWED_SCHEME),
    ("VBScript:x", UrlKind.DISALLOWED_SCHEME),
    ("file:///etc/passwd", UrlKind.DISALLOWED_SCHEME),
    ("data:image/png;base64,AAAA", UrlKind.DISALLOWED_SCHEME),
    ("mailto:a@b.example", UrlKind.OTHER_SCHEME),
    ("./a.png", UrlKind.LOCAL_RELATIVE),
    ("a.png", UrlKind.LOCAL_RELATIVE),
    ("../a.png", UrlKind.LOCAL_RELATIVE),
    ("/images/a.png", UrlKind.LOCAL_ROOT),
    ("~/assets/a.png", UrlKind.SKIP),
    ("@images/a.png", UrlKind.SKIP),
    ("{{ .Params.image }}", UrlKind.SKIP),
    ("{frontmatter.image}", UrlKind.SKIP),
    ("#top", UrlKind.SKIP),
    ("", UrlKind.SKIP),
])
def test_classify(url, kind):
    assert classify(url) == kind


def test_scheme_as_browsers_read_it():
    assert scheme_of("\x01 JavaScript:x") == "javascript"
    assert scheme_of("./x:y") is None


@pytest.mark.parametrize("url,words", [
    ("https://cdn.example/a b.png", "contains a space"),
    ("https://cdn.example/a\u00a0b.png", "contains a space"),
    (" https://cdn.example/a.png", "leading or trailing spaces"),
    ("https://cdn.example/\x07.png", "control character `\\x07`"),
    ("https://cdn.example:99999/a.png", "invalid port `99999`"),
    ("https://cdn.example:http/a.png", "invalid port `http`"),
    ("https://cdn.example:/a.png", "empty port"),
    ("https:///a.png", "has no host"),
    ("https:/a.png", "has no host"),
    ("http://[::1/a.png", "cannot be parsed"),
    ("https://cdn.example/%zz.png", "invalid percent-encoding `%zz`"),
    ("https://cdn.example/100%", "invalid percent-encoding `%`"),
    ("https://exa..mple.com/a.png", "invalid host name"),
    ("https://exa<mple.com/a.png", "invalid host name"),
])
def test_malformed(url, words):
    assert words in (malformed_reason(url) or "")


@pytest.mark.parametrize("url", [
    "https://cdn.example/a%20b.png",
    "https://bücher.example/café.png",
    "https://xn--bcher-kva.example/a.png",
    "https://cdn.example:8443/a.png?w=400&h=300#x",
    "http://[2001:db8::1]:8080/a.png",
    "http://127.0.0.1/a.png",
    "https://under_score.example/a.png",
    "./my picture.png",
    "mailto:someone@example.com",
])
def test_not_malformed(url):
    assert malformed_reason(url) is None
