"""Executive-commission advice (R8): a *bestuursopdracht* is drawn up when a
strategically complex situation meets "a number of" listed criteria.  The
criteria are the organisation's own (``criteria`` in ``org.yaml``, those of
``set: executive commission``, or all when no criterion names a set); how
many are enough is the ``executive_commission_threshold`` setting, when the
organisation's source gives a number.  Without one (Deventer's D-FS-VI says
"aan een aantal van de onderstaande criteria": a number it does not give)
nothing is advised: each commission's count of criteria met is reported, and
no threshold is made up.  Criteria met are data: the ``criteria`` column of a
commission.

A commission whose criteria are not recorded is not assessed (a source that
does not say which criteria a commission meets says nothing about whether it
needs an executive commission), and neither is any commission of an
organisation that declares no criteria for executive commissions.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .i18n import Message
from .model import at_its_date

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["executive_commission_advice"]


@at_its_date
def executive_commission_advice(org: OrgModel, threshold: int | None = None) -> pd.DataFrame:
    """For each commission: criteria met, whether an executive commission is
    called for, and whether the model agrees.

    Returns
    -------
    DataFrame
        ``id, name, criteria_met, criteria, advised, executive, verdict``;
        ``verdict`` is ``consistent``, ``advised, not marked executive``,
        ``marked executive, fewer criteria than the threshold``, or
        ``not assessed: ...`` with the reason (``advised`` is then empty):
        among them, no threshold recorded (``criteria_met`` still counts).
        ``criteria_met`` is empty (not recorded, not 0) where the criteria
        a commission meets are not recorded, or the organisation declares
        none.

    Examples
    --------
    >>> executive_commission_advice(sample, threshold=2)[["id", "criteria_met", "verdict"]].to_dict("records")[0]
    {'id': 'youth', 'criteria_met': 2, 'verdict': 'advised, not marked executive'}
    """
    if threshold is None:
        threshold = org.settings("executive_commission_threshold")
    vocab = org.vocabulary("criteria")
    sets = {v.get("set") for v in vocab.values()} - {None}
    criteria = {k: v.get("text") or k for k, v in vocab.items()
                if not sets or v.get("set") == "executive commission"}
    rows = []
    for c in org.ids("Commission"):
        d = org.graph.nodes[c]
        met = [k for k in d.get("criteria", []) if k in criteria]
        advised: bool | None = None if threshold is None else len(met) >= threshold
        marked = bool(d.get("executive", False))
        if not criteria:
            advised, verdict = None, Message("not assessed: the organisation declares no "
                                             "criteria for executive commissions")
        elif "criteria" not in d:
            advised, verdict = None, Message("not assessed: the criteria it meets are not "
                                             "recorded")
        elif threshold is None:
            verdict = Message("not assessed: {n} of {total} criteria met; how many call for an "
                              "executive commission is not recorded", n=len(met),
                              total=len(criteria))
        elif advised == marked:
            verdict = Message("consistent")
        elif advised:
            verdict = Message("advised, not marked executive")
        else:
            verdict = Message("marked executive, fewer criteria than the threshold")
        known = bool(criteria) and "criteria" in d
        rows.append({"id": c, "name": org.label(c), "criteria_met": len(met) if known else None,
                     "criteria": "; ".join(criteria[k] for k in met), "advised": advised,
                     "executive": marked, "verdict": verdict})
    out = pd.DataFrame(rows, columns=["id", "name", "criteria_met", "criteria", "advised",
                                      "executive", "verdict"])
    # (a count, or nothing where it is not recorded: not a float column)
    return out.astype({"criteria_met": "Int64"})
