"""What the words of a holder's cell say, under a preset: that the post is
vacant, that its holder's name is not given, that the holder is hired,
that the post is gone, that the cell names no one; and the name after a
label ("Inhuur: J. Bakker").  Each test is made once per import, from the
preset's words, and asked of every row (several times: one pattern per
test, not a loop over the words)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names in annotations only
    from ._presets import Preset

__all__ = ["HolderWords"]


class HolderWords:
    """The tests of a holder's cell (and of a job title) by ``preset``'s words.

    >>> from ._presets import PRESETS
    >>> words = HolderWords(PRESETS["nl-hr"])
    >>> words.is_vacant_holder("Vacature (in werving)"), words.is_vacant_holder("Inhuur: N.N.")
    (True, False)
    >>> words.is_undisclosed("Inhuur: N.N."), words.is_hired("Inhuur (via Yacht)")
    (True, True)
    >>> words.name_in("Interim P. de Boer"), bool(words.says_gone("Adviseur (opgeheven 2024)"))
    ('P. de Boer', True)
    >>> words.name_in("Waarnemend: K. Bos"), words.is_hired("Waarnemend: N.N.")
    ('K. Bos', False)
    """

    def __init__(self, preset: Preset):
        self.name_in = name_in = _name_after(preset.hired + preset.acting)
        # (a cell's word for how its holder holds the post does not hide a
        # vacancy or a name not given after it: "Inhuur: N.N.")
        vacant = _matcher(preset.vacant, True)
        self.is_vacant_holder = _or_after_label(vacant, name_in)
        # (a cell that is a vacancy's word and no more: "Vacature", "(vacant)")
        self.is_vacancy_word = _matcher(preset.vacant, False)
        hired = _matcher(preset.hired, False, aside=True)
        # (a hired holder not named is one whose name is not disclosed: one
        # test of both, made for every row)
        undisclosed = _matcher(preset.undisclosed + preset.hired, False, aside=True)
        self.is_undisclosed = _or_after_label(undisclosed, name_in)
        # (a label before a name not given: a hired holder not named)
        self.is_hired = _or_after_label(hired, _name_after(preset.hired), undisclosed)
        self.is_eliminated = _matcher(preset.eliminated, True)
        self.is_no_name = _matcher(preset.no_name, False, aside=True)
        # (a job title that says its post is gone, "Adviseur (opgeheven
        # 2024)": a post still, said; "boventallig" is said of a person)
        self.says_gone = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(w) for w in preset.eliminated if w != "boventallig") + r")(?!\w)",
            re.IGNORECASE).search


#: What a hand-kept sheet puts around a word in a holder's cell: "(Vacature)".
_AROUND = " ()[]{}<>*-–—_/\\'\"#:"


def _matcher(values, prefix, aside=False):
    """Whether a holder's text is one of ``values`` (or, with ``prefix``,
    starts with one as a word: "Vacature (in werving)", not the name
    "Vacanti"; with ``aside``, is one with a remark in brackets after it:
    "Inhuur (via Yacht)"), regardless of case, dots, spacing and the brackets
    or dashes around it ("(Vacature)", "- vacant -").

    >>> vacant = _matcher(("vacant", "vacature"), True)
    >>> vacant("Vacature (in werving)"), vacant("VACANT - per 1 maart"), vacant("Vacanti, M.")
    (True, True, False)
    >>> vacant("(Vacature)"), vacant("- vacant -"), vacant("*vacature*")
    (True, True, True)
    >>> hired = _matcher(("inhuur", "interim"), False, aside=True)
    >>> hired("Inhuur (via Yacht)"), hired("(Interim)"), hired("Interim P. de Boer")
    (True, True, False)
    """
    exact = frozenset(v.casefold() for v in values)
    # (one pattern for every word, not a loop over them: it runs for every
    # row, several times, and the words grew with Dutch HR's)
    first = re.compile("(?:" + "|".join(sorted((re.escape(v) for v in exact if v),
                                              key=len, reverse=True)) + r")(?![^\W_])")

    def match(holder):
        plain = " ".join(holder.casefold().replace(".", "").split())
        h = plain.strip(_AROUND)
        if aside and plain.endswith(")"):
            rest = _ASIDE.sub("", plain).strip(_AROUND)
            if rest and rest in exact:
                return True
        return h in exact or (prefix and first.match(h) is not None)
    return match


#: A remark in brackets at the end of a holder's cell ("Inhuur (via Yacht)").
_ASIDE = re.compile(r"\s*\([^()]*\)$")


def _or_after_label(test, name_in, after=None):
    """``test`` of a holder's cell, or ``after`` (default ``test``) of the
    name after a label in it (``Inhuur: N.N.``); the second test only where
    the cell has such a label (every row asks, several times)."""
    after = after or test

    def match(holder):
        if test(holder):
            return True
        name = name_in(holder)
        return name != holder and after(name)
    return match


def _name_after(values):
    """The name in a holder's cell after one of ``values``, a word saying
    how the holder holds the post ("Inhuur: J. Bakker", "(Interim) P. de
    Boer", "Interim manager P. de Boer"); the cell as it is when it has
    none before a name.

    >>> name = _name_after(("inhuur", "interim", "interim manager", "extern"))
    >>> name("Inhuur: J. Bakker"), name("(Interim) P. de Boer"), name("Interim manager P. de Boer")
    ('J. Bakker', 'P. de Boer', 'P. de Boer')
    >>> name("EXTERN - A. Smit"), name("Externbrink, A."), name("Inhuur (via Yacht)")
    ('A. Smit', 'Externbrink, A.', 'Inhuur (via Yacht)')
    >>> name("Inhuur via Yacht"), name("Inhuur:")
    ('Inhuur via Yacht', 'Inhuur:')
    >>> _name_after(())("- J. Bakker")
    '- J. Bakker'
    """
    words = "|".join(sorted((re.escape(v) for v in values if v.strip(_AROUND)),
                            key=len, reverse=True))
    if not words:           # (a preset without such words: every cell its own name)
        return lambda holder: holder
    # (in brackets, or before a colon or a dash; a word before a name with
    # neither only where the name starts with a capital: "Inhuur via Yacht"
    # says who hired, not who holds)
    label = re.compile(rf"^\s*(?:[(\[]\s*(?:{words})\.?\s*[)\]]\s*[:\-–—]?"
                       rf"|(?:{words})\.?\s*[:\-–—]|(?P<bare>(?:{words}))\.?\s)"
                       rf"\s*(?P<name>\S.*)$", re.IGNORECASE)

    def name(holder):
        found = label.match(holder)
        if found is None or (found["bare"] and not found["name"][:1].isupper()):
            return holder
        return found["name"].strip()
    return name
