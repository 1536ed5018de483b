"""Analyst helpers for the notebooks: load the clean zone, join services on tokens, count per segment,
and look one customer up through the vault with a role and a purpose.

Analysts never need a value: the same person's email has the same token in the CRM and in the web logs
(however each service spelled it), so joins and counts work on tokens alone.

With `PIIVAULT_VAULT_URL` set (and a credential: `vault.client`), the lookups go through the vault
service: the notebook's machine holds no KEK, the service audits under the credential's name
(`agent_name`), and `support_lookup` runs only with a credential whose role is `support`, since the role
is the credential's and never the notebook's to claim. Otherwise the catalog's vault is opened here.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import pandas as pd

from flows.pipeline.catalog import Catalog, load_catalog
from flows.pipeline.writers import read_clean
from values.token_format import is_token
from vault.client import VaultClient, open_access_vault
from vault.errors import VaultError

CATALOG_ENV = "PIIVAULT_CATALOG"


def open_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog at `path`, else `$PIIVAULT_CATALOG`, else `data/catalog.yaml` (from `make demo`)."""
    return load_catalog(path or os.environ.get(CATALOG_ENV) or "data/catalog.yaml")


def load_dataset(catalog: Catalog, dataset: str) -> pd.DataFrame:
    """A dataset's tokenized rows from the clean zone."""
    return read_clean(catalog.clean_dir / dataset)


def customer_journeys(crm: pd.DataFrame, web: pd.DataFrame, calls: pd.DataFrame) -> pd.DataFrame:
    """Per CRM customer: segment, web/app events, searches and calls made, joined on tokens only."""
    events = web.groupby("user.email").agg(
        web_events=("event", "size"), searches=("event", lambda e: int((e == "search").sum()))
    )
    calls_made = calls.groupby("caller").size().rename("calls_made")
    journeys = crm[["customer_id", "segment", "plan", "email", "phone"]].merge(
        events, left_on="email", right_index=True, how="left"
    )
    journeys = journeys.merge(calls_made, left_on="phone", right_index=True, how="left")
    counts = ["web_events", "searches", "calls_made"]
    journeys[counts] = journeys[counts].fillna(0).astype(int)
    return journeys


def per_segment(journeys: pd.DataFrame) -> pd.DataFrame:
    """Customers, events and calls per segment, with the share of customers active online."""
    table = journeys.groupby("segment").agg(
        customers=("customer_id", "size"),
        web_events=("web_events", "sum"),
        searches=("searches", "sum"),
        calls_made=("calls_made", "sum"),
        active_online=("web_events", lambda e: round(float((e > 0).mean()), 3)),
    )
    table["events_per_customer"] = (table["web_events"] / table["customers"]).round(2)
    return table.sort_values("customers", ascending=False)


def plot_per_segment(table: pd.DataFrame):
    """Bar chart of web events and calls per customer, by segment; returns the matplotlib figure."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    per_customer = table[["web_events", "calls_made"]].div(table["customers"], axis=0)
    axes = per_customer.plot.bar(figsize=(7, 3.5), rot=0, title="Activity per customer, by segment")
    axes.set_ylabel("per customer")
    plt.tight_layout()
    return axes.figure


def personal_values_left(frame: pd.DataFrame, columns: list[str]) -> int:
    """How many non-empty cells of `columns` are not a piivault token (0 on properly tokenized data)."""
    left = 0
    for column in columns:
        for value in frame[column].dropna().tolist():
            if isinstance(value, str) and value and not is_token(value):
                left += 1
    return left


def customer_contact_tokens(crm: pd.DataFrame, customer_id: str) -> dict[str, str]:
    """The contact tokens (name, email, phone, address) on a customer's CRM record."""
    row = crm.loc[crm["customer_id"] == customer_id]
    if row.empty:
        raise KeyError(f"customer {customer_id} is not in the CRM dataset")
    record = row.iloc[0]
    fields = ("name", "email", "phone", "address")
    return {column: record[column] for column in fields if is_token(record[column])}


def open_vault(catalog: Catalog):
    """The vault service when `PIIVAULT_VAULT_URL` is set (no KEK needed here), else the catalog's vault."""
    return open_access_vault(catalog.vault_url)


def agent_name(default: str | None = None) -> str:
    """The name the audit will record for this notebook's lookups: beside a vault service the
    credential's (the service decides it), else `default` (else the login name)."""
    client = VaultClient.from_env()
    if client is None:
        return default or getpass.getuser()
    with client:
        return client.whoami().name


def support_lookup(
    catalog: Catalog, tokens: dict[str, str], purpose: str, actor: str | None = None
) -> pd.DataFrame:
    """Detokenize contact tokens as `support` for `purpose`; one row per field with the outcome.

    `actor`: who is asking (default: `agent_name()`); beside a vault service it must be the credential's
    name, and the credential's role must be `support`: neither can be claimed, so a mismatch is refused."""
    with open_vault(catalog) as vault:
        if isinstance(vault, VaultClient):
            caller = vault.whoami()
            if caller.role != "support":
                raise VaultError(f"support_lookup looks up as support; the credential is {caller.role}'s")
            if actor is not None and actor != caller.name:
                raise VaultError(
                    f"the vault service audits this credential as {caller.name!r}, not {actor!r}: "
                    "pass actor=analysis.agent_name()"
                )
            results = vault.detokenize(list(tokens.values()), purpose=purpose)
        else:
            results = vault.detokenize(
                list(tokens.values()), role="support", purpose=purpose, actor=actor or agent_name()
            )
    return pd.DataFrame(
        [
            {"field": field, "token": r.token, "outcome": r.outcome, "value": r.value}
            for field, r in zip(tokens, results, strict=True)
        ]
    )


def audit_trail(catalog: Catalog, actor: str, limit: int = 20) -> pd.DataFrame:
    """The newest audit records left by `actor` (who, role, purpose, token, when, outcome — never a value).

    Beside a vault service, a credential reads its own records whatever its role; another actor's need a
    role allowed the `audit` operation."""
    with open_vault(catalog) as vault:
        if isinstance(vault, VaultClient) and vault.whoami().name == actor:
            return pd.DataFrame(vault.own_audit_records(limit=limit))
        return pd.DataFrame(vault.audit_records(limit=limit, actor=actor))
