"""URL normalisation: tracking variants of one link are one article; the addresses a visitor may
not make the dashboard fetch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.urls import (
    address_problem,
    canonical_url,
    http_url_problem,
    is_cloud_metadata,
    is_loopback_host,
    is_tracking_param,
    url_id,
    without_tracking,
)


def test_tracking_parameters_and_fragments_are_dropped():
    plain = "https://news.example/world/story-1?id=7"
    for variant in ("https://news.example/world/story-1?id=7&utm_source=rss&utm_medium=feed",
                    "HTTPS://NEWS.example:443/world/story-1?fbclid=abc&id=7#comments",
                    "https://news.example//world/story-1?id=7&at_medium=RSS&ocid=x"):
        assert canonical_url(variant) == plain
        assert url_id(variant) == url_id(plain)


def test_meaningful_parameters_are_kept_and_sorted():
    assert canonical_url("https://n.example/a?b=2&a=1") == "https://n.example/a?a=1&b=2"
    assert url_id("https://n.example/a?page=2") != url_id("https://n.example/a?page=3")


def test_non_default_port_is_kept():
    assert canonical_url("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x"
    assert canonical_url("http://n.example:80/x") == "http://n.example/x"


def test_without_tracking_keeps_the_rest_of_the_link_as_it_was():
    assert without_tracking("https://N.example//a?b=2&utm_source=rss&a=1&fbclid=x#top") == \
        "https://N.example//a?b=2&a=1"
    assert without_tracking("https://n.example/a?utm_medium=feed") == "https://n.example/a"
    assert without_tracking("https://n.example/a") == "https://n.example/a"


def test_http_url_problem_names_what_is_wrong():
    assert http_url_problem("https://n.example/a?b=1") is None
    assert http_url_problem("mailto:desk@n.example") == "only http and https URLs are fetched"
    assert http_url_problem("/relative/path") == "only http and https URLs are fetched"
    assert "Port out of range" in http_url_problem("http://n.example:99999/a")
    assert "Invalid IPv6 URL" in http_url_problem("http://[broken/a")


def test_a_link_with_a_broken_port_still_gets_an_id():
    assert canonical_url("HTTP://N.example:port/a#x") == "http://n.example:port/a"
    assert url_id("http://n.example:99999/a") != url_id("http://n.example/a")


def test_tracking_param_names():
    assert is_tracking_param("utm_campaign") and is_tracking_param("FBCLID")
    assert not is_tracking_param("id") and not is_tracking_param("page")


@given(st.text(alphabet="abcdefghij/-_.", max_size=30), st.dictionaries(
    st.sampled_from(["id", "p", "utm_source", "fbclid", "q"]), st.text(alphabet="xyz123", max_size=5)))
def test_canonical_url_is_idempotent(path, params):
    from urllib.parse import urlencode

    url = f"https://n.example/{path}?{urlencode(params)}"
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once


@pytest.mark.parametrize(("address", "problem"), [
    ("127.0.0.1", "a loopback address"), ("127.8.9.10", "a loopback address"), ("::1", "a loopback address"),
    ("10.0.0.1", "a private address"), ("172.16.5.4", "a private address"), ("192.168.1.1", "a private address"),
    ("fd12:3456::1", "a private address"), ("169.254.1.1", "a link-local address"),
    ("fe80::1%eth0", "a link-local address"), ("224.0.0.251", "a multicast address"),
    ("ff02::1", "a multicast address"), ("0.0.0.0", "an unspecified address"), ("::", "an unspecified address"),
    ("240.0.0.1", "a private address"), ("100.64.0.1", "not a public address"),
    ("169.254.169.254", "a cloud metadata address"), ("fd00:ec2::254", "a cloud metadata address"),
    ("::ffff:127.0.0.1", "a loopback address"), ("::ffff:169.254.169.254", "a cloud metadata address"),
    ("2002:a00:1::", "a private address"), ("64:ff9b::7f00:1", "a loopback address"),
    ("not-an-address", "not an IP address"),
])
def test_addresses_a_visitor_may_not_make_the_server_fetch(address, problem):
    assert address_problem(address) == problem


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::6810:84e5", "64:ff9b::808:808"])
def test_public_addresses_may_be_fetched(address):
    assert address_problem(address) is None


@given(st.integers(min_value=0, max_value=2**24 - 1))
def test_no_address_of_a_private_range_passes(offset):
    import ipaddress

    for network in ("10.0.0.0/8", "127.0.0.0/8"):
        first = ipaddress.ip_network(network).network_address
        inside = ipaddress.ip_address(int(first) + offset)
        assert address_problem(str(inside)) is not None
        assert address_problem(f"::ffff:{inside}") is not None


def test_loopback_hosts():
    assert all(is_loopback_host(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2", "LOCALHOST"))
    assert not any(is_loopback_host(h) for h in ("0.0.0.0", "::", "", "192.168.1.10", "news.example"))


def test_cloud_metadata_addresses():
    assert all(is_cloud_metadata(a) for a in ("169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254",
                                              "100.100.100.200"))
    assert not any(is_cloud_metadata(a) for a in ("169.254.1.1", "10.0.0.1", "8.8.8.8", "nonsense"))
