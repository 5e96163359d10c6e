"""ClientOptions and its nested options: defaults, float seconds, views, validation, repr."""

from __future__ import annotations

import math

import pytest

import beezup
from conftest import API_KEY


def test_defaults_mirror_the_cpp_struct() -> None:
    o = beezup.ClientOptions()
    assert o.base_url == "https://api.beezup.com"
    assert (o.api_key, o.user_name, o.user_agent_suffix, o.proxy_url) == ("", "", "", "")
    assert (o.connect_timeout, o.request_timeout, o.operation_timeout) == (10.0, 60.0, 300.0)
    assert o.accept_compressed is True
    assert o.max_response_body_bytes == 64 * 1024 * 1024
    assert (o.retry.max_attempts, o.retry.base_delay, o.retry.max_delay, o.retry.max_retry_after) == (4, 0.5, 30.0, 120.0)
    assert (o.rate_limit.enabled, o.rate_limit.calls_per_minute, o.rate_limit.burst) == (True, 100.0, 10.0)
    assert o.rate_limit.shared_lock_file == ""
    assert (o.tls.verify_peer, o.tls.ca_file) == (True, "")
    assert o.logger is None and o.min_log_level == "info"


def test_keywords_and_float_seconds() -> None:
    o = beezup.ClientOptions(
        api_key="k",
        connect_timeout=1.5,
        request_timeout=0.3,
        operation_timeout=2,
        retry=beezup.RetryOptions(max_attempts=2, base_delay=0.25, max_delay=1.0, max_retry_after=5.0),
        rate_limit=beezup.RateLimitOptions(enabled=False, calls_per_minute=60.0, burst=3.0),
        tls=beezup.TlsOptions(verify_peer=False, ca_file="/tmp/ca.pem"),
        min_log_level="debug",
    )
    assert (o.connect_timeout, o.request_timeout, o.operation_timeout) == (1.5, 0.3, 2.0)
    assert isinstance(o.request_timeout, float)
    assert (o.retry.max_attempts, o.retry.base_delay, o.retry.max_delay, o.retry.max_retry_after) == (2, 0.25, 1.0, 5.0)
    assert (o.rate_limit.enabled, o.rate_limit.calls_per_minute, o.rate_limit.burst) == (False, 60.0, 3.0)
    assert (o.tls.verify_peer, o.tls.ca_file) == (False, "/tmp/ca.pem")
    assert o.min_log_level == "debug"
    o.request_timeout = 0.0015  # milliseconds are the resolution
    assert o.request_timeout == 0.002


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        beezup.ClientOptions("https://api.beezup.com")  # type: ignore[misc]


def test_nested_options_are_views() -> None:
    o = beezup.ClientOptions()
    o.retry.max_attempts = 1
    o.retry.base_delay = 0.01
    o.rate_limit.enabled = False
    o.tls.ca_file = "ca.pem"
    assert (o.retry.max_attempts, o.retry.base_delay, o.rate_limit.enabled, o.tls.ca_file) == (1, 0.01, False, "ca.pem")
    retry = o.retry
    del o
    assert retry.max_attempts == 1  # the view keeps its owner alive


def test_assigning_nested_options_copies_them() -> None:
    o = beezup.ClientOptions()
    retry = beezup.RetryOptions(max_attempts=7)
    o.retry = retry
    retry.max_attempts = 2
    assert o.retry.max_attempts == 7


@pytest.mark.parametrize("value", [-1.0, math.nan, math.inf, 1e12])
def test_bad_durations_are_value_errors(value: float) -> None:
    with pytest.raises(ValueError, match="request_timeout"):
        beezup.ClientOptions(request_timeout=value)
    o = beezup.ClientOptions()
    with pytest.raises(ValueError):
        o.connect_timeout = value
    with pytest.raises(ValueError):
        o.retry.base_delay = value


def test_bad_log_level_and_logger() -> None:
    with pytest.raises(ValueError, match="log level"):
        beezup.ClientOptions(min_log_level="verbose")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="callable"):
        beezup.ClientOptions(logger="print")  # type: ignore[arg-type]
    o = beezup.ClientOptions()
    o.logger = print
    assert o.logger is print
    o.logger = None
    assert o.logger is None


def test_invalid_options_fail_when_the_client_is_made() -> None:
    with pytest.raises(beezup.BeezupError, match="base_url"):
        beezup.Client(beezup.ClientOptions(base_url="ftp://example.test"))
    with pytest.raises(beezup.BeezupError, match="timeouts"):
        beezup.Client(beezup.ClientOptions(request_timeout=0.0))
    with pytest.raises(beezup.BeezupError, match="max_attempts"):
        beezup.Client(beezup.ClientOptions(retry=beezup.RetryOptions(max_attempts=0)))


def test_client_options_is_a_copy() -> None:
    options = beezup.ClientOptions(base_url="http://127.0.0.1:9", api_key=API_KEY, logger=print)
    client = beezup.Client(options)
    options.base_url = "http://changed.test"
    assert client.options.base_url == "http://127.0.0.1:9"
    assert client.options.logger is print


def test_repr_hides_secrets() -> None:
    o = beezup.ClientOptions(api_key=API_KEY, proxy_url="http://user:pw-secret@proxy.test:3128")
    text = repr(o)
    assert text.startswith("ClientOptions(") and "RetryOptions(max_attempts=4" in text
    assert API_KEY not in text and "api_key='***'" in text
    assert "pw-secret" not in text and "proxy.test:3128" in text


def test_version() -> None:
    assert beezup.__version__ == "0.1.0"
    assert beezup._core.__version__ == beezup.__version__
