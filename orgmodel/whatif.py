"""What-if: try a change on a model and get a new model, checked.

:func:`apply` takes a list of changes (the same as a change script in YAML,
``orgmodel whatif --changes FILE``) and returns a new :class:`OrgModel`; the
original is left as it is.  Each change is a mapping with one verb:

``close: POST`` (``reports: superior | keep | none``)
    The post is closed: its node and edges go.  Its reports go to its
    superior (the default), keep a line to nobody (``none``) or stay as they
    are (``keep``: they then point at a closed post and the change is
    refused, so ``keep`` is only for posts without reports).
``move: ID`` with ``to: SUPERIOR`` and/or ``unit: TEAM``
    A role gets a new superior (its lines up are replaced), or a role or team
    moves to another team or cluster.
``merge: [KEEP, GONE]``
    GONE's edges move to KEEP (duplicates dropped), GONE is closed.
``add: {id, kind, name, reports_to, unit, ...}``
    A new node with its line and unit; ``id``, ``kind`` and ``name`` are
    required (a Post's sphere is official unless given).
``move_mandate: {from: MANDATOR, to: MANDATEE, mandator: NEW, mandatee: NEW}``
    A mandate gets a new mandator and/or mandatee; with ``powers: budget``,
    those powers only (the mandate keeps the others).
``move_commission: {commission: ID, from: COMMISSIONER, to: NEW}``
    A commissioner of a commission is replaced.
``rename: ID`` with ``name: NEW``
    A node gets a new name (its id stays).
``link: {kind: KIND, from: ID, to: ID, ...}``
    A new edge: a mandate (``MANDATES``, with ``powers`` and ``ceiling``), a
    role played (``PLAYS``, with ``scope``), a holder (``HOLDS``), a
    commission (``COMMISSIONS``, with ``capacity``) or any other kind.
``unlink: {kind: KIND, from: ID, to: ID}``
    The edges of that kind from one node to the other go (a mandate
    withdrawn, a role no longer played, a holder leaving); of a mandate,
    with ``powers: budget; hr``, those powers only (a mandate that gives
    others as well stays, with them).

Every node and edge a change makes is graded ``assumed`` with a note naming
the change; the result is validated, and a change that cannot be applied
(an unknown id, a verb that does not exist, a key the verb does not take) is
one clear error naming the change by its number and text; a result that
breaks the model's rules names the change after which it first does.
"""
from __future__ import annotations

import copy
import math
from typing import TYPE_CHECKING, NamedTuple

from ._nx import node_attrs, predecessors, successors
from .errors import InputError, OrgModelError, Problem, ValidationError
from .i18n import LANGS, N_, Listing, Message, count, said, translator
from .model import OrgModel, valid_on
from .notation import flow_text
from .read import _Loader
from .schema import BOOKKEEPING as _BOOKKEEPING

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike


__all__ = ["apply", "read_changes", "VERBS"]

VERBS = ("close", "move", "merge", "add", "move_mandate", "move_commission", "rename", "link",
         "unlink")


#: A change script's words as a Dutch user may write them: named, not read
#: (the script's words are English, as a folder's columns are).
_DUTCH_WORDS = {"sluit": "close", "sluiten": "close", "opheffen": "close", "hef op": "close",
                "verplaats": "move", "verplaatsen": "move", "samenvoegen": "merge",
                "voeg samen": "merge", "toevoegen": "add", "voeg toe": "add",
                "hernoem": "rename", "hernoemen": "rename", "koppel": "link",
                "koppelen": "link", "ontkoppel": "unlink", "ontkoppelen": "unlink",
                "bovenliggende": "superior", "leidinggevende": "superior",
                "houden": "keep", "behouden": "keep", "geen": "none", "naar": "to",
                "eenheid": "unit", "naam": "name"}


def _word_meant(word, words) -> Message | str:
    """What ``word`` (not one of ``words``) may be meant for: the English
    one a Dutch word stands for (``sluit`` is ``close``), else the closest
    spelling (``clsoe``)."""
    import difflib
    text = " ".join(str(word).replace("_", " ").casefold().split())
    meant = _DUTCH_WORDS.get(text)
    if meant in words:
        return Message(" ('{word}' is '{meant}' in a change script)", word=word, meant=meant)
    near = difflib.get_close_matches(str(word), words, n=1)
    return Message(" (did you mean '{near}'?)", near=near[0]) if near else ""


#: The keys each verb takes besides itself.
KEYS = {"close": ("reports",), "move": ("to", "unit"), "merge": (), "add": (),
        "move_mandate": (), "move_commission": (), "rename": ("name",), "link": (),
        "unlink": ()}


class _ChangeError(OrgModelError):
    """A change that cannot be applied; :func:`apply` names the change.
    ``missing`` is the id it names that the model does not have, if that is
    why."""

    missing: str | None = None


def _described(i: int, change) -> Message:
    """``change 2 (move: tm, to: cd)``: how an error names a change (the
    change itself in the script's own words: a list and a mapping in YAML's
    brackets, not as Python writes them).

    >>> str(_described(1, {"merge": ["a", "b"]}))
    'change 2 (merge: [a, b])'
    >>> str(_described(0, {"link": {"kind": "MANDATES", "from": "gd", "to": "cd"}}))
    'change 1 (link: {kind: MANDATES, from: gd, to: cd})'
    """
    if not isinstance(change, dict):
        return Message("change {n}", n=i + 1)
    text = flow_text(change)[1:-1]
    return Message("change {n} ({what})", n=i + 1, what=text[:120])


#: What a change needs a node to be, in the reader's language.
_WHAT = {"node": N_("node"), "post": N_("post"), "superior": N_("superior"), "team": N_("team")}


def _need(org, node, what="node"):
    if node is None or node == "":
        raise _ChangeError(Message("a {what} is missing here: give its id",
                                   what=Message(_WHAT[what])))
    if isinstance(node, (dict, list)):
        raise _ChangeError(Message("'{value}' is no id: a {what} is named by its id",
                                   value=flow_text(node), what=Message(_WHAT[what])))
    if isinstance(node, bool):
        # (YAML 1.1 reads yes, no, on, off, true and false bare as a yes/no)
        raise _ChangeError(Message("a {what} is named by its id, and YAML read this one as "
                                   "{value}: write an id of such a word in quotes ('yes')",
                                   value=str(node).lower(), what=Message(_WHAT[what])))
    if node not in org.graph:
        err = _ChangeError(Message(
            "'{node}' is not a {what} of {v}{v2}",
            node=node, what=Message(_WHAT[what]), v=org.name or Message("the model"),
            v2=_closest(org, node)))
        err.missing = str(node)
        raise err


def _closest(org, node):
    import difflib
    best = difflib.get_close_matches(str(node), list(map(str, org.graph.nodes)), n=1)
    return Message(" (did you mean '{best}'?)", best=best[0]) if best else ""


class _Notes(NamedTuple):
    """The note on what a change made: in the organisation's language (the
    ``note``), and in Dutch (the ``note_nl`` a model may carry beside it)."""

    note: str
    nl: str


def _mark(d, notes: _Notes):
    """A node's or edge's attributes as a change made them: assumed (no
    source says it), its notes saying which change (see :func:`_note`): a
    Dutch note it had says the change too, not the reasoning of the fact it
    was (which no longer holds it)."""
    d = dict(d)
    d["evidence"] = "assumed"
    d["note"] = notes.note
    if d.get("note_nl"):
        d["note_nl"] = notes.nl
    d.pop("source", None)
    return d


#: The note on what each verb made, in the data (see :func:`_note`).
_NOTES = {"close": N_("what-if: {what} closed"), "move": N_("what-if: {what} moved"),
          "merge": N_("what-if: {what} merged"), "add": N_("what-if: {what} added"),
          "rename": N_("what-if: {what} renamed"), "link": N_("what-if: {what} linked"),
          "unlink": N_("what-if: {what} unlinked"),
          "move_mandate": N_("what-if: mandate {what} moved"),
          "move_commission": N_("what-if: commission {what} moved")}


def _note(org: OrgModel, verb: str, what) -> str:
    """The note on what a change made, in the organisation's language (a
    text orgmodel writes into the data): ``what-if: tm2 moved``, ``wat-als:
    tm2 verplaatst``; a change given as a mapping by its id, or its keys.

    >>> _note(sample, "move", "tm2")
    'what-if: tm2 moved'
    >>> _note(sample, "link", {"kind": "REPORTS_TO", "from": "tm", "to": "cd"})
    'what-if: kind: REPORTS_TO, from: tm, to: cd linked'
    >>> _note(sample, "merge", ["tm", "tm2"])
    'what-if: tm2 merged into tm'
    >>> _note(sample, "move_commission", {"commission": "grant", "from": "cd", "to": "gd"})
    'what-if: commission grant moved from cd to gd'
    """
    lang = org.manifest.get("language")
    return translator(lang if lang in LANGS else "en")(_said(verb, what))


def _said(verb: str, what) -> Message:
    """What a change did, as :func:`_note` writes it (a merge and a moved
    commission in words: the script's own list and keys read as Python's)."""
    if verb == "merge" and isinstance(what, list) and len(what) == 2:
        return Message("what-if: {gone} merged into {keep}", gone=str(what[1]),
                       keep=str(what[0]))
    if verb == "move_commission" and isinstance(what, dict) and \
            {"commission", "from", "to"} <= set(what):
        return Message("what-if: commission {commission} moved from {a} to {b}",
                       commission=str(what["commission"]), a=str(what["from"]),
                       b=str(what["to"]))
    if isinstance(what, dict):
        what = what.get("id") or ", ".join(f"{k}: {v}" for k, v in what.items())
    return Message(_NOTES[verb], what=str(what))


def apply(org: OrgModel, changes: list[dict]) -> OrgModel:
    """A new model with ``changes`` applied in order (see the module's text).

    Raises
    ------
    OrgModelError
        A change that cannot be applied, or whose result breaks the model
        contract (a reporting line in a circle ...), naming the change: its
        number and what it says.

    Examples
    --------
    >>> to_be = apply(sample, [{"move": "tm2", "to": "dd"}])
    >>> [v for u, v, d in to_be.graph.out_edges("tm2", data=True) if d["kind"] == "REPORTS_TO"]
    ['dd']
    """
    if not isinstance(changes, list):
        raise OrgModelError("the changes must be a list (a YAML list of '- verb: ...')")
    # (a copy of the structure and of every attribute dict: a change only
    # ever replaces a value, never changes one in place; a deep copy took 3 s
    # at 100,000 roles)
    g = org.graph.copy()
    new = OrgModel(g, copy.deepcopy(org.manifest), None)
    changes = [_whole_numbers_as_text(ch) for ch in changes]
    gone: dict = {}     # an id a change took away -> what took it (a Message)
    for i, ch in enumerate(changes):
        try:
            _apply_one(new, ch)
        except _ChangeError as exc:
            # (the real cause first: not a typo, but a change before this one)
            why = gone[exc.missing] if exc.missing in gone else said(exc)
            raise OrgModelError(Message("{v}: {exc}", v=_described(i, ch), exc=why)) from None
        gone.update(_taken_away(ch, i + 1))
    from .revalidate import valid_near
    # (near the change when the model's own validation is remembered: at
    # 100,000 roles a second of every draft's page went to validating it whole)
    if not valid_near(org, new) and _problems(new):
        at, problems = _first_breaking(org, changes)
        shown = Listing("; ", [p.message for p in problems[:3]])
        if at is None:
            raise OrgModelError(Message("the model the changes start from breaks the model's "
                                        "rules already: {shown}", shown=shown))
        raise OrgModelError(Message(
            "{v}: the model it makes breaks the model's rules: {shown}",
            v=_described(at, changes[at]), shown=shown))
    return new


def _taken_away(change: dict, n: int) -> dict:
    """The ids change ``n``, applied, takes out of the model (the post it
    closes, the node it merges away), each with what a later change naming
    it is told.

    >>> {k: str(v) for k, v in _taken_away({"merge": ["dd", "tm2"]}, 1).items()}
    {'tm2': "'tm2' was merged into 'dd' by change 1"}
    """
    if "close" in change:
        return {str(change["close"]): Message("'{node}' was closed by change {n}",
                                              node=str(change["close"]), n=n)}
    if "merge" in change:
        keep, gone = map(str, change["merge"])
        return {gone: Message("'{node}' was merged into '{keep}' by change {n}", node=gone,
                              keep=keep, n=n)}
    return {}


def _whole_numbers_as_text(value):
    """``value`` with its whole numbers as text: ids are text, and a
    post's number (``{"close": 1003}``, as an HR file's ids are) names the
    post ``1003``.

    >>> _whole_numbers_as_text({"merge": [1003, "1004"], "to": True})
    {'merge': ['1003', '1004'], 'to': True}
    """
    if isinstance(value, dict):
        return {k: _whole_numbers_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_text(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _problems(org: OrgModel) -> list:
    from .revalidate import validate_graph
    return validate_graph(org)


def _first_breaking(org: OrgModel, changes: list) -> tuple[int | None, list]:
    """The first change after which the model no longer validates (the
    rows of a validation problem are those of an internal table, which mean
    nothing to the author of the script); None when the model it starts
    from does not."""
    from .revalidate import own_problems, valid_near
    # (a copy as apply makes it; each step validated near its change when it
    # can be: a refused edit of a 100,000-role draft took 5 s)
    new = OrgModel(org.graph.copy(), copy.deepcopy(org.manifest), None)
    problems = own_problems(org)
    if problems:
        return None, problems
    for i, ch in enumerate(changes):
        _apply_one(new, ch)
        problems = [] if valid_near(org, new) else _problems(new)
        if problems:
            return i, problems
    return len(changes) - 1, _problems(new)


def _unknown_keys(ch: dict, verb: str) -> None:
    allowed = (verb, *KEYS[verb])
    for key in ch:
        if key not in allowed:
            raise _ChangeError(Message("unknown key '{key}' for {verb}", key=key, verb=verb)
                               + _word_meant(key, allowed)
                               + (Message("; {verb} takes {v}", verb=verb,
                                          v=', '.join(KEYS[verb])) if KEYS[verb] else ""))


#: The keys of the mapping a verb names.
_SPEC_KEYS = {"move_mandate": ("from", "to", "mandator", "mandatee", "powers"),
              "move_commission": ("commission", "from", "to")}


def _unknown_spec_keys(verb: str, spec) -> None:
    allowed = _SPEC_KEYS[verb]
    if not isinstance(spec, dict):
        raise _ChangeError(Message(
            "{verb} needs a mapping of {v}",
            verb=verb, v=', '.join(allowed)))
    for key in spec:
        if key not in allowed:
            raise _ChangeError(Message("{verb}: unknown key '{key}'", verb=verb, key=key)
                               + _word_meant(key, allowed)
                               + Message("; it takes {v}", v=', '.join(allowed)))


def _apply_one(new: OrgModel, ch) -> None:
    if not isinstance(ch, dict):
        raise _ChangeError(Message("is not a mapping like '- close: ID'"))
    verbs = [k for k in ch if k in VERBS]
    if len(verbs) != 1:
        meant = next((m for m in (_word_meant(k, VERBS) for k in ch) if m), "") \
            if not verbs else ""
        raise _ChangeError(Message(
            "give exactly one of {v} (got: {v2})",
            v=', '.join(VERBS), v2=', '.join(map(str, ch)) or Message("nothing")) + meant)
    verb = verbs[0]
    _unknown_keys(ch, verb)
    if ch[verb] is None or ch[verb] == "":
        raise _ChangeError(Message("{verb} names nothing: write '{verb}: ID'", verb=verb))
    if verb in _SPEC_KEYS:
        _unknown_spec_keys(verb, ch[verb])
    text = _Notes(_note(new, verb, ch[verb]), translator("nl")(_said(verb, ch[verb])))
    if verb == "close":
        _close(new, ch[verb], ch.get("reports", "superior"), text)
    elif verb == "move":
        _move(new, ch[verb], ch.get("to"), ch.get("unit"), text)
    elif verb == "merge":
        _merge(new, ch[verb], text)
    elif verb == "add":
        _add(new, ch[verb], text)
    elif verb == "rename":
        _rename(new, ch[verb], ch.get("name"), text)
    elif verb in ("link", "unlink"):
        _link(new, ch[verb], text, remove=verb == "unlink")
    elif verb == "move_mandate":
        _move_edge(new, ch[verb], "MANDATES", ("from", "to"), ("mandator", "mandatee"),
                   text)
    else:
        spec = ch[verb] if isinstance(ch[verb], dict) else {}
        _move_edge(new, {"from": spec.get("from"), "to": spec.get("commission"),
                            "mandator": spec.get("to")}, "COMMISSIONS", ("from", "to"),
                   ("mandator", None), text)


def _lines_up(g, node, kind="REPORTS_TO"):
    return [(node, v, k) for v, keyed in successors(g)[node].items() for k, d in keyed.items()
            if d.get("kind") == kind]


def _close(org, post, reports, text):
    g = org.graph
    _need(org, post, "post")
    if reports not in ("superior", "keep", "none"):
        raise _ChangeError(Message(
            "reports: '{reports}' must be superior, keep or none",
            reports=flow_text(reports)) + _word_meant(reports, ("superior", "keep", "none")))
    ups = [v for _, v, _ in _lines_up(g, post)]
    below = [(u, k) for u, keyed in predecessors(g)[post].items() for k, d in keyed.items()
             if d.get("kind") == "REPORTS_TO"]
    if reports == "keep" and below:
        raise _ChangeError(count(
            len(below), N_("'{post}' has 1 report: with 'reports: keep' it would report to a "
                           "closed post; use superior or none"),
            N_("'{post}' has {n} reports: with 'reports: keep' they would report to a closed "
               "post; use superior or none"), post=post))
    for u, _ in below:
        if reports == "superior":
            for v in ups:
                if not any(d.get("kind") == "REPORTS_TO" for d in successors(g)[u].get(v, {}).values()):
                    g.add_edge(u, v, **_mark({"kind": "REPORTS_TO"}, text))
    if reports == "superior" and ups:
        # (its staff groups go with its reports, to its superior, as an
        # import counts the staff of a gone post under its superior; one
        # superior, or a matrix post's staff would count twice)
        for u, _, d in [(u, v, d) for u, v, d in g.in_edges(post, data=True)
                        if d.get("kind") == "STAFF_OF"]:
            g.add_edge(u, ups[0], **_mark(d, text))
    g.remove_node(post)


#: What a link may say besides its kind and ends, and how its text is read.
_LINK_KEYS = {"powers": "list", "scope": "list", "ceiling": "number", "capacity": "text",
              "mandate_kind": "text", "line": "text", "valid_from": "date", "valid_to": "date"}


def _link(org, spec, text, remove=False):
    from .schema import EDGE_KINDS
    if not isinstance(spec, dict):
        raise _ChangeError(Message("needs a mapping (kind, from, to ...)"))
    kind, u, v = spec.get("kind"), spec.get("from"), spec.get("to")
    known = ("kind", "from", "to") + (("powers",) if remove else tuple(_LINK_KEYS))
    for key in spec:
        if key not in known:
            raise _ChangeError(Message("{verb}: unknown key '{key}' (known: {keys})",
                                       verb="unlink" if remove else "link", key=key,
                                       keys=", ".join(known)))
    if kind is None or kind == "":
        raise _ChangeError(Message("a link needs a kind (kind: {kinds})",
                                   kinds=", ".join(EDGE_KINDS)))
    if kind not in EDGE_KINDS:
        raise _ChangeError(Message("'{kind}' is not an edge kind ({kinds})", kind=flow_text(kind),
                                   kinds=", ".join(EDGE_KINDS)))
    for x in (u, v):
        _need(org, x)
    g = org.graph
    if remove:
        _unlink(g, kind, u, v, spec.get("powers"), text)
        if kind == "HOLDS":
            _held_or_vacant(g, v, text, org.date)
        return
    g.add_edge(u, v, **_mark(_link_attrs(spec, org.manifest.get("locale")), text))
    if kind == "HOLDS":
        _held_or_vacant(g, v, text, org.date)


def _link_attrs(spec: dict, locale) -> dict:
    """The attributes of the edge a ``link`` makes, each read as its kind of
    value (:data:`_LINK_KEYS`) under the organisation's ``locale``."""
    attrs: dict = {"kind": spec["kind"]}
    for key, value in spec.items():
        if key in ("kind", "from", "to") or value in (None, ""):
            continue
        how = _LINK_KEYS[key]
        if how == "list":
            value = [x.strip() for x in str(value).split(";") if x.strip()] \
                if isinstance(value, str) else list(value)
        elif how == "number":
            value = _number(key, value, locale)
        elif how == "date":
            value = _date(key, value, locale)
        attrs[key] = value
    if str(attrs.get("valid_from", "")) > str(attrs.get("valid_to") or "9999-12-31"):
        raise _ChangeError(Message("valid_from {start} is after valid_to {end}",
                                   start=attrs["valid_from"], end=attrs["valid_to"]))
    return attrs


def _held_or_vacant(g, post, text, date=None) -> None:
    """A post a holder was given or taken from: held by someone on the
    model's ``date`` now, it is not vacant; held by no one then any more,
    it is (the post stays the one its source gives, the change said after
    its note, as a rename's).  A holding dated before or after that day
    (``valid_to``, ``valid_from``) leaves the post as it is on it."""
    d = g.nodes[post]
    if d.get("kind") != "Post":
        return
    held = any(e.get("kind") == "HOLDS" and (not date or valid_on(e, str(date)))
               for keyed in predecessors(g)[post].values() for e in keyed.values())
    if held == (not d.get("vacant")):
        return
    if held:
        d.pop("vacant", None)
    else:
        d["vacant"] = True
        d.pop("vacant_fte", None)
    _noted_after(d, text)


def _noted_after(d: dict, text: _Notes) -> None:
    """A node a change altered but did not make (renamed, held, vacated):
    its note keeps why it is there, the change said after it, in both
    languages."""
    d["note"] = "; ".join(n for n in (d.get("note"), text.note) if n)
    if d.get("note_nl"):
        d["note_nl"] = f"{d['note_nl']}; {text.nl}"


def _unlink(g, kind: str, u, v, powers, text) -> None:
    """Withdraw the ``kind`` edges from ``u`` to ``v``; of a mandate, with
    ``powers``, those powers only: a mandate that gives others as well
    stays, with them (graded assumed, the change in its note)."""
    keyed = [(k, d) for k, d in successors(g)[u].get(v, {}).items() if d.get("kind") == kind]
    if not keyed:
        raise _ChangeError(Message("there is no {kind} edge from '{u}' to '{v}'",
                                   kind=kind, u=u, v=v))
    if powers in (None, "", []):
        for k, _ in keyed:
            g.remove_edge(u, v, k)
        return
    if kind != "MANDATES":
        raise _ChangeError(Message("unlink: powers are a mandate's (kind: MANDATES), not a "
                                   "{kind} edge's", kind=kind))
    wanted = _powers_given(powers, keyed, u, v)
    for k, d in keyed:
        _take_powers(g, (u, v, k), d, wanted, text)


def _powers_given(powers, keyed: list, u, v) -> list:
    """The powers a change names (``budget; hr``, or a YAML list), each one
    a mandate among ``keyed`` (the mandates from ``u`` to ``v``) gives."""
    wanted = [str(x).strip() for x in powers] if isinstance(powers, (list, tuple)) else \
        [x.strip() for x in str(powers).split(";") if x.strip()]
    given = {p for _, d in keyed for p in d.get("powers") or ()}
    missing = [p for p in wanted if p not in given]
    if missing:
        raise _ChangeError(Message(
            "no mandate from '{u}' to '{v}' gives {missing} (its powers: {given})", u=u, v=v,
            missing=", ".join(missing), given=", ".join(sorted(given)) or "-"))
    return wanted


def _take_powers(g, edge: tuple, d: dict, wanted: list, text) -> list:
    """Take the ``wanted`` powers out of the mandate ``edge`` (u, v, key),
    whose attributes are ``d``: it goes when it gave no others, else it
    stays with them (graded assumed, noted).  The powers taken."""
    have = list(d.get("powers") or ())
    taken = [p for p in have if p in wanted]
    left = [p for p in have if p not in wanted]
    if taken and not left:
        g.remove_edge(*edge)
    elif taken:
        changed = _mark({**d, "powers": left}, text)
        d.clear()
        d.update(changed)
    return taken


def _cell(key: str, text: str, locale: str | None):
    """A link's value given as text, read as a folder's cell of ``key`` is
    (``25.000`` or ``1-7-2026`` under ``nl``); refused as the change's."""
    from .validate import parse_cell
    try:
        return parse_cell(key, text, locale)
    except InputError as exc:
        raise _ChangeError(said(exc)) from None


def _date(key: str, value, locale: str | None) -> str:
    """A link's date (``valid_from: 2026-07-01``, a YAML date, or
    ``1-7-2026`` in a Dutch organisation): a day it holds from or to (a
    holder who starts after the model's date does not hold the post on it)."""
    return _cell(key, str(value), locale)


def _number(key: str, value, locale: str | None):
    """A link's number: text as the organisation writes it (``25.000`` under
    ``nl`` is twenty-five thousand; a ceiling's ``onbeperkt``: stated, no
    ceiling), a YAML number as it is."""
    if isinstance(value, str):
        return _cell(key, value, locale)
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or value < 0:
        raise _ChangeError(Message("{key}: '{value}' is not a number of 0 or more", key=key,
                                   value=value))
    return float(value)


def _rename(org, node, name, text):
    _need(org, node)
    if not isinstance(name, str) or not name.strip():
        raise _ChangeError(Message("rename needs a new name: 'name: ...'"))
    d = org.graph.nodes[node]
    d["name"] = name.strip()
    # (its name in another language, name_nl beside name, was the old one:
    # the new name is the one in every language)
    for key in ("name_en", "name_nl"):
        d.pop(key, None)
    # (the post is still the one its source gives, under another name)
    _noted_after(d, text)


def _move(org, node, to, unit, text):
    g = org.graph
    _need(org, node)
    if to is None and unit is None:
        raise _ChangeError(Message("move needs 'to: SUPERIOR' and/or 'unit: TEAM'"))
    if to is not None:
        _need(org, to, "superior")
        for u, v, k in _lines_up(g, node):
            g.remove_edge(u, v, k)
        g.add_edge(node, to, **_mark({"kind": "REPORTS_TO"}, text))
    if unit is not None:
        _need(org, unit, "team")
        for u, v, k in [(node, v, k) for v, keyed in successors(g)[node].items()
                        for k, d in keyed.items() if d.get("kind") == "MEMBER_OF"
                        and node_attrs(g)[v].get("kind") == "Team"]:
            g.remove_edge(u, v, k)
        g.add_edge(node, unit, **_mark({"kind": "MEMBER_OF"}, text))


def _merge(org, pair, text):
    g = org.graph
    if not (isinstance(pair, list) and len(pair) == 2):
        raise _ChangeError(Message("merge needs two ids: [KEEP, GONE]"))
    keep, gone = pair
    _need(org, keep)
    _need(org, gone)
    if keep == gone:
        raise _ChangeError(Message("merge needs two different ids"))
    def same(u, v, d):
        # an edge already there with the same attributes (a mandate of other
        # powers is another edge)
        strip = {k: x for k, x in d.items() if k not in _BOOKKEEPING}
        return any({k: x for k, x in e.items() if k not in _BOOKKEEPING}
                   == strip for e in successors(g)[u].get(v, {}).values())
    moved = []
    for _u, v, d in list(g.out_edges(gone, data=True)):
        moved.append((keep, v, d))
    for u, _v, d in list(g.in_edges(gone, data=True)):
        moved.append((u, keep, d))
    g.remove_node(gone)
    for u, v, d in moved:
        if u == v or same(u, v, d):
            continue
        g.add_edge(u, v, **_mark(d, text))


def _add(org, spec, text):
    g = org.graph
    if not isinstance(spec, dict) or not spec.get("id"):
        raise _ChangeError(Message("add needs a mapping with at least an id"))
    nid = str(spec["id"])
    if nid in g:
        raise _ChangeError(Message("'{nid}' already exists", nid=nid))
    known = _node_columns(g)
    for key in spec:
        if key not in known:
            import difflib
            near = difflib.get_close_matches(str(key), sorted(known), n=1)
            raise _ChangeError(Message("add: unknown key '{key}'", key=key) + (Message(
                " (did you mean '{near}'?)",
                near=near[0])
                                                        if near else ""))
    for key, example in (("kind", "kind: Post"), ("name", "name: Team manager Finance")):
        if not spec.get(key):
            # (never guessed: a node of the wrong kind changes every count)
            raise _ChangeError(Message(
                "add needs a {key} ({example})",
                key=key, example=example))
    attrs = _as_cells({k: v for k, v in spec.items() if k not in ("id", "reports_to", "unit")},
                      org.manifest.get("locale"))
    if attrs["kind"] == "Post":
        attrs.setdefault("sphere", "official")
    g.add_node(nid, **_mark(attrs, text))
    if spec.get("reports_to"):
        _need(org, spec["reports_to"], "superior")
        g.add_edge(nid, spec["reports_to"], **_mark({"kind": "REPORTS_TO"}, text))
    if spec.get("unit"):
        _need(org, spec["unit"], "team")
        g.add_edge(nid, spec["unit"], **_mark({"kind": "MEMBER_OF"}, text))


def _as_cells(attrs: dict, locale: str | None) -> dict:
    """An added node's attributes as the graph holds a folder's cells: an
    ``fte`` as ``fte_min`` and ``fte_max`` (``0,5`` read in the
    organisation's notation), yes/no, numbers, dates and lists converted
    (the to-be's figures are worked out from them before it is written);
    an empty value left out, a cell that is none of its column's refused."""
    from .validate import _LISTS, _single_cell, parse_cell
    out: dict = {}
    for col, value in attrs.items():
        if value is None or value == "" or value == []:
            continue
        text = ";".join(map(str, value)) if isinstance(value, list) else \
            ("true" if value else "false") if isinstance(value, bool) else str(value)
        if col in ("kind", "name", "note", "note_nl", "source", "evidence"):
            out[col] = text
            continue
        try:
            if col in _LISTS:
                out[col] = parse_cell(col, text, locale)
                continue
            cells, problems = _single_cell(col, text, {}, locale)
        except ValueError as exc:
            problems = (said(exc),)
        if problems:
            raise _ChangeError(Message("add: {problem}", problem=problems[0]))
        out.update(cells)
    return out


def _node_columns(g) -> set:
    """What an added node may say: the columns of nodes.csv the schema knows,
    the ones this model uses, and its line and unit."""
    from . import schema
    known = {"id", "reports_to", "unit", *schema.NODE_ATTRIBUTES, *schema.BOOL_COLUMNS,
             *schema.FLOAT_COLUMNS, *schema.INT_COLUMNS, *schema.LIST_COLUMNS,
             *schema.DATE_COLUMNS}
    for spec in schema.NODE_KINDS.values():
        known.update(spec.required, spec.choices)
    for _, d in g.nodes(data=True):
        known.update(d)
    return known - {"fte_min", "fte_max"}


def _move_edge(org, spec, kind, ends, new_ends, text):
    g = org.graph
    if not isinstance(spec, dict):
        raise _ChangeError(Message("needs a mapping ({v} ...)", v=', '.join(e for e in ends)))
    u, v = spec.get(ends[0]), spec.get(ends[1])
    for x in (u, v):
        _need(org, x)
    keyed = {k: d for k, d in successors(g)[u].get(v, {}).items() if d.get("kind") == kind}
    if not keyed:
        raise _ChangeError(Message(
            "there is no {kind} edge from '{u}' to '{v}'",
            kind=kind, u=u, v=v))
    nu = spec.get(new_ends[0]) or u
    nv = (spec.get(new_ends[1]) if new_ends[1] else None) or v
    for x in (nu, nv):
        _need(org, x)
    if spec.get("powers") not in (None, "", []):
        # (some of a mandate's powers move: the mandate keeps the others)
        wanted = _powers_given(spec["powers"], list(keyed.items()), u, v)
        for k, d in list(keyed.items()):
            before = dict(d)
            taken = _take_powers(g, (u, v, k), d, wanted, text)
            if taken:
                g.add_edge(nu, nv, **_mark({**before, "powers": taken}, text))
        return
    for k, d in list(keyed.items()):
        g.remove_edge(u, v, k)
        g.add_edge(nu, nv, **_mark(d, text))


class _ScriptLoader(_Loader):
    """org.yaml's loader (:class:`orgmodel.read._Loader`), with every plain
    scalar YAML would read as a number or a date kept as written: a post's
    id ``00123`` (YAML 1.1 reads it as the octal 83), ``1003``, an FTE
    ``0,5`` or ``0.5`` and a date are read as a cell of the folder is;
    ``true``, ``false`` and an empty value stay what they are."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers
                if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")]
        for first, resolvers in _Loader.yaml_implicit_resolvers.items()}


def read_changes(path: PathLike) -> list:
    """A change script (YAML list) from ``path``.

    Raises
    ------
    ValidationError
        A file that is not YAML or not a list, naming the file and line.
    """
    from pathlib import Path

    import yaml

    from .read import yaml_problem
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ScriptLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValidationError([Problem(path.name, mark.line + 1 if mark else None,
                                       Message(
                                           "is not valid YAML: {v}",
                                           v=yaml_problem(exc)))],
                              where=str(path)) from None
    if not isinstance(data, list):
        raise ValidationError([Problem(path.name, None, "must be a YAML list of changes "
                                       "('- close: ID', '- move: ID' ...)")], where=str(path))
    return data
