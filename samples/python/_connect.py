"""The samples' shared start: a Client from BEEZUP_API_KEY (required), BEEZUP_BASE_URL (default:
the real API; the test command points it at the sandbox) and BEEZUP_USER_NAME."""

from __future__ import annotations

import os
import sys

import beezup


def client_from_environment() -> beezup.Client:
    key = os.environ.get("BEEZUP_API_KEY")
    if not key:
        sys.exit("set BEEZUP_API_KEY (and BEEZUP_BASE_URL to use the sandbox)")
    options = beezup.ClientOptions(api_key=key, user_name=os.environ.get("BEEZUP_USER_NAME", "sample"))
    options.base_url = os.environ.get("BEEZUP_BASE_URL", options.base_url)
    return beezup.Client(options)
