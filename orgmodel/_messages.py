"""Keeping the catalogs whole (``make messages`` and the tests): every
message id in the code, found by Babel's extractor.

The code marks a text to translate by passing it as the first argument of
``t(...)`` (a :class:`~orgmodel.i18n.Translator`), ``heading(...)``,
``N_(...)`` or ``Message(...)``.  Column names and cell values are data, not
literals in a call: their entries carry the contexts ``column`` and
``value``, or are words the code translates from a variable, and are kept as
they are.
"""
from __future__ import annotations

from pathlib import Path

from .i18n import CATALOGS

KEYWORDS = {"t": None, "heading": None, "N_": None, "Message": None}
PACKAGE = Path(__file__).resolve().parent
#: Contexts whose entries come from data, not from the code.
KEPT = ("column", "value")


def extract() -> dict:
    """``{message id: [(file, line), ...]}`` of every marked text in the package.

    Babel's Python extractor reads the tokens of a file, and before Python
    3.12 an f-string is one token: a call inside one (``f"## {t('Summary')}"``)
    is found by walking the syntax tree as well.
    """
    import warnings

    from babel.messages.extract import extract_from_dir
    found: dict = {}
    with warnings.catch_warnings():
        # (an f-string among a call's other arguments is a value, not a message)
        warnings.simplefilter("ignore")
        for path, line, msg, _comments, _context in extract_from_dir(
                str(PACKAGE), method_map=[("**.py", "python"),
                                      ("templates/**.html", "jinja2.ext:babel_extract")],
            keywords=KEYWORDS,
                comment_tags=(), strip_comment_tags=True):
            if isinstance(msg, tuple):
                msg = msg[0]
            if msg:
                found.setdefault(msg, []).append((path, line))
    for source in sorted(PACKAGE.rglob("*.py")):
        for msg, line in _in_calls(source):
            found.setdefault(msg, []).append((str(source.relative_to(PACKAGE)), line))
    for msg, where in _help_texts():
        found.setdefault(msg, []).append(where)
    return found


def _help_texts():
    """``(help text, (file, line))`` of every command and option of the
    command line: docstrings and ``help=`` arguments are no calls of ``t``,
    so the extractor does not see them (the line is that of the command's
    function)."""
    import inspect

    import click

    from .cli import help_texts
    for holder, text in help_texts():
        fn = getattr(holder, "callback", None)
        if isinstance(holder, click.Option) or fn is None:
            yield text, ("cli.py", 0)
            continue
        fn = inspect.unwrap(fn)
        yield text, (str(Path(inspect.getsourcefile(fn) or "cli.py").relative_to(PACKAGE)),
                     inspect.getsourcelines(fn)[1])


def _in_calls(path: Path):
    """``(message id, line)`` of every marked call of ``path`` whose first
    argument is a literal, wherever it is: Babel's Python extractor misses a
    call inside another call's arguments (``Message(t, x=Listing(", ",
    [Message("…")]))``) and, before Python 3.12, inside an f-string."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and \
                call.func.id in KEYWORDS and call.args and \
                isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            yield call.args[0].value, call.lineno


def update(lang: str = "nl") -> list:
    """Add the ids the code has and the catalog lacks to ``lang``'s catalog
    (untranslated) and return the ids still without a translation.  Nothing
    translated is dropped: words the code translates from a variable (an
    outcome, a grade, a column) are not literals in a call, so no
    extractor finds them."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po
    path = CATALOGS / lang / "LC_MESSAGES" / "orgmodel.po"
    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang)
    template = Catalog(domain="orgmodel")
    for msg, where in extract().items():
        template.add(msg, locations=[(Path(p).as_posix(), n) for p, n in where])
    for m in catalog:
        if m.id and (m.context in KEPT or m.string) and \
                template.get(m.id, context=m.context) is None:
            template.add(m.id, context=m.context)
    catalog.update(template, no_fuzzy_matching=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, omit_header=False, include_previous=False)
    return [m.id for m in catalog if m.id and not m.string]
