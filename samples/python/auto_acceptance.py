"""Shows where auto-acceptance is available and turns it on for one Cdiscount account, then off.

An accepted order is a promise to the buyer: turn it on only where every order can be honoured."""

from __future__ import annotations

import sys

from _connect import client_from_environment


def main() -> int:
    transitions = client_from_environment().automatic_transitions
    accounts = transitions.auto_acceptance()
    for account in accounts:
        print(f"{account.marketplace_technical_code:10} account {account.account_id}: "
              f"{'on' if account.enabled else 'off'}")
    cdiscount = next((a for a in accounts if a.marketplace_technical_code == "Cdiscount"), None)
    if cdiscount is None:
        print("no Cdiscount account with auto-acceptance", file=sys.stderr)
        return 1
    transitions.set_auto_acceptance("Cdiscount", cdiscount.account_id, enabled=True)
    print(f"Cdiscount account {cdiscount.account_id}: auto-acceptance on")
    transitions.set_auto_acceptance("Cdiscount", cdiscount.account_id, enabled=False)
    print(f"Cdiscount account {cdiscount.account_id}: auto-acceptance off again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
