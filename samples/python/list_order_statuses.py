"""Prints BeezUP's order statuses and a marketplace's carriers, in French.

Environment: BEEZUP_API_KEY (required), BEEZUP_BASE_URL (default: the real API).
"""

import os
import sys

import beezup


def main() -> int:
    key = os.environ.get("BEEZUP_API_KEY")
    if not key:
        print("set BEEZUP_API_KEY (and BEEZUP_BASE_URL to use the sandbox)", file=sys.stderr)
        return 2
    options = beezup.ClientOptions(api_key=key, user_agent_suffix="sample-list-order-statuses-py/1.0")
    if "BEEZUP_BASE_URL" in os.environ:
        options.base_url = os.environ["BEEZUP_BASE_URL"]
    client = beezup.Client(options)
    try:
        for name in ("BeezUPOrderState", "AmazonCarrierName"):
            values = client.get_list_of_values(name, language="fr")
            print(f"{name} ({len(values.items)}):")
            for item in values.items:
                print(f"  {item.code_identifier} = {item.translation_text}")
    except beezup.ApiError as error:
        print(f"BeezUP refused: {error}", file=sys.stderr)
        return 1
    except beezup.BeezupError as error:
        print(f"failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
