"""Powers: which post holds which power, through which mandate.

An organisation declares its powers (``powers`` in ``org.yaml``: id, name,
kind, source); a ``MANDATES`` edge names the powers it passes on (the
``powers`` column) and may limit them (``within``: "the budget programme",
"the project" ...).  :func:`power_holders` answers "who holds delegated
budget responsibility within a programme?" from the graph.  The full
mandate register is built on this data.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .errors import OrgModelError
from .i18n import Message
from .model import at_its_date

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["power_holders"]


def not_a_power(org: OrgModel, power) -> OrgModelError:
    """The refusal of ``power``, which ``org`` does not declare: naming the
    powers it does (who-decides and the power holders say it alike)."""
    vocab = org.vocabulary("powers")
    name = org.name or Message("the organisation")
    return OrgModelError(
        Message("'{power}' is not a power {org} declares (powers: {powers})", power=power,
                org=name, powers=", ".join(vocab)) if vocab else
        Message("'{power}' is not a power {org} declares (it declares none: 'powers' in "
                "org.yaml)", power=power, org=name))


@at_its_date
def power_holders(org: OrgModel, power: str | None = None, within: str | None = None) -> pd.DataFrame:
    """Every mandate that passes on a power, one row per power and mandate.

    Parameters
    ----------
    power : str, optional
        A declared power id (or its name); all powers when omitted.
    within : str, optional
        Only mandates whose ``within`` mentions this text (case ignored).

    Returns
    -------
    DataFrame
        ``power, power_name, mandatee, mandatee_name, mandator,
        mandator_name, within, temporary, evidence, source``.

    Examples
    --------
    >>> power_holders(sample, "budget")[["mandator", "mandatee"]].values.tolist()
    [['gd', 'cd'], ['gd', 'budget-holder'], ['cd', 'dd']]
    """
    vocab = org.vocabulary("powers")
    if power is not None:
        if power not in vocab:
            named = [k for k, v in vocab.items()
                     if str(v.get("text", "")).casefold() == power.casefold()]
            if len(named) != 1:
                raise not_a_power(org, power)
            power = named[0]
    rows = []
    for u, v, d in org.edges("MANDATES"):
        if within and within.casefold() not in str(d.get("within", "")).casefold():
            continue
        for p in d.get("powers") or ():
            if power is not None and p != power:
                continue
            rows.append({"power": p, "power_name": vocab.get(p, {}).get("text", p),
                         "mandatee": v, "mandatee_name": org.label(v),
                         "mandator": u, "mandator_name": org.label(u),
                         "within": d.get("within", ""),
                         "temporary": bool(d.get("temporary") or d.get("valid_to")),
                         "evidence": d.get("evidence", "") or "ungraded",
                         "source": d.get("source", "")})
    return pd.DataFrame(rows, columns=["power", "power_name", "mandatee", "mandatee_name",
                                       "mandator", "mandator_name", "within", "temporary",
                                       "evidence", "source"])
