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
from .i18n import N_, Message
from .model import at_its_date

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["power_holders", "NO_POWERS"]

#: What an organisation that declares no powers is said to (`powers`, the
#: web app's who-decides page).
NO_POWERS = N_("The organisation declares no powers ('powers' in org.yaml).")


def not_a_power(org: OrgModel, power) -> OrgModelError:
    """The refusal of ``power``, which ``org`` does not declare: naming the
    powers it does, each by its id and name (who-decides and the power
    holders say it alike)."""
    vocab = org.vocabulary("powers")
    name = org.name or Message("the organisation")
    return OrgModelError(
        Message("'{power}' is not a power {org} declares (powers: {powers})", power=power,
                org=name, powers=_listed(vocab)) if vocab else
        Message("'{power}' is not a power {org} declares (it declares none: 'powers' in "
                "org.yaml)", power=power, org=name))


def _listed(vocab: dict) -> str:
    """Powers as ``id (name)``, the name left out where it is the id."""
    return "; ".join(k if v["text"] == k else f"{k} ({v['text']})" for k, v in vocab.items())


def find_power(org: OrgModel, power) -> str:
    """The id of the power ``org`` declares that ``power`` names: its id or
    its whole name (upper and lower case alike), or a part of its name that
    no other power's name holds.  A text that names none, or several, is
    refused with the powers it could mean.

    Examples
    --------
    >>> find_power(sample, "BUDGET"), find_power(sample, "budget resp")
    ('budget', 'budget')
    """
    vocab = org.vocabulary("powers")
    text = str(power).strip()
    if text in vocab:
        return text
    if not text and vocab:
        raise OrgModelError(Message("no power given: give one that {org} declares ({powers})",
                                    org=org.name or Message("the organisation"),
                                    powers=_listed(vocab)))
    low = text.casefold()
    for fits in (lambda k, name: low in (k.casefold(), name),
                 lambda k, name: bool(low) and low in name):
        found = [k for k, v in vocab.items() if fits(k, str(v["text"]).casefold())]
        if len(found) == 1:
            return found[0]
        if found:
            raise OrgModelError(Message(
                "'{power}' names {n} powers of {org}: {powers}; give the id of one", power=power,
                n=len(found), org=org.name or Message("the organisation"),
                powers=_listed({k: vocab[k] for k in found})))
    raise not_a_power(org, power)


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
        power = find_power(org, power)
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
