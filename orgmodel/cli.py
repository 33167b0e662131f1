"""The ``orgmodel`` command line: a thin skin over the library.

Each command opens the organisation, makes one library call and prints the
result as a table, JSON or CSV.  Library errors become one clear message and
exit status 1; ``--debug`` anywhere on the command line shows the traceback.
"""
from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import re
import sys
from functools import wraps
from pathlib import Path

import click

from . import escape
from ._staging import output_folder
from .errors import InputError, OrgModelError, ValidationError
from .formats import readable, writable
from .i18n import N_, Listing, Message, count, said
from .i18n import translator as translator_of

OUTPUT_FORMATS = ("table", "json", "csv")


def _is_frame(obj) -> bool:
    # pandas is imported by the analyses; a command that never made a frame
    # (``--help``, a usage error) never pays for importing it.
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, pd.DataFrame)


def _jsonable(obj):
    if _is_frame(obj):
        return json.loads(obj.to_json(orient="records", force_ascii=False))
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return obj


def out(text: str = "", err: bool = False, nl: bool = True):
    """Print text that may hold values from the data: control characters
    escaped; a message in the command's language."""
    if isinstance(text, Message):
        text = _t()(text)
    click.echo(escape.terminal(str(text)), err=err, nl=nl)


def emit(obj, fmt: str, table=None, t=None):
    """Print ``obj`` as JSON, CSV (DataFrames) or a readable table (in the
    language of ``t``; JSON and CSV are for machines and stay as they are).

    Every value from the data is inert: JSON escapes control characters, CSV
    cells cannot start a spreadsheet formula, and a table shows control
    characters as escapes.
    """
    if fmt == "json":
        text = json.dumps(_jsonable(obj), indent=2, ensure_ascii=False, default=str)
        # json escapes C0 controls itself; C1 and bidi controls get \u escapes.
        click.echo(escape.json_controls(text))
    elif fmt == "csv":
        import pandas as pd
        frame = obj if _is_frame(obj) else pd.json_normalize(_jsonable(obj))
        text = escape.to_csv(frame)
        # A pipe gets the data as it is; a terminal never gets raw controls.
        click.echo(escape.terminal(text) if sys.stdout.isatty() else text, nl=False)
    else:
        out(table() if table else _table(obj, t))


def _table(obj, t=None) -> str:
    if _is_frame(obj):
        if obj.empty:
            return t("(nothing to show)") if t else "(nothing to show)"
        return (t.frame(obj) if t else obj).to_string(index=False)
    return t(obj) if t and isinstance(obj, str) else str(obj)


#: The language of what a command prints: --lang (anywhere on the command
#: line), else ORGMODEL_LANG, else the organisation's ``language:``, else en.
_LANG: str | None = None
#: The ``language:`` of the organisation the command read: what it says,
#: errors included, when neither --lang nor ORGMODEL_LANG asked.
_OWN: str | None = None


def _set_lang(ctx, param, value):
    global _LANG
    if value:
        _LANG = value


def lang_option(f):
    """``--lang en|nl``: the language of what the command prints."""
    return click.option("--lang", type=click.Choice(["en", "nl"]), expose_value=False,
                        callback=_set_lang,
                        help="The language of the output: en or nl (default: "
                             "ORGMODEL_LANG, else the language in the organisation's org.yaml, else "
                             "en).")(f)


def _t(org=None):
    """The translator of the command's language (see :data:`_LANG`)."""
    from .i18n import LANGS
    env = os.environ.get("ORGMODEL_LANG", "").strip()
    if env and env not in LANGS:
        raise click.BadParameter(Message("ORGMODEL_LANG='{env}': use en or nl", env=env))
    own = _own_language(org) if org is not None else None
    return translator_of(_LANG or env or own or _OWN or "en")


def _line_by_line(t):
    """``t``'s language for a log of one line per item (an import's): each
    value of the data in it on one line (see :func:`orgmodel.escape.one_line`)."""
    return translator_of(t.lang, inert=escape.one_line)


def _read(path, fmt=None, left_out=None):
    """The organisation at ``path`` (any format), its ``language:`` kept as
    the command's (see :data:`_OWN`); ``left_out``: see
    :func:`orgmodel.formats.read_any`."""
    from .formats import read_any
    try:
        org = read_any(path, fmt, left_out)
    except OrgModelError:
        if _is_folder(path):
            _folder_language(path)      # (a folder that does not read says so in its language)
        raise
    _own_language(org)
    return org


def _folder_language(folder) -> None:
    """A folder's ``language:`` as the command's (see :data:`_OWN`), read
    before the folder is validated: an org.yaml that does not read leaves
    English, and validating it says why."""
    global _OWN
    from .i18n import LANGS
    from .read import read_manifest

    # (orgmodel's own reader: a plain YAML load let an impossible date out
    # as Python's words, and expands aliases that the reader refuses)
    path = Path(folder) / "org.yaml"
    manifest = read_manifest(path, []) if path.is_file() else None
    if isinstance(manifest, dict) and manifest.get("language") in LANGS:
        _OWN = manifest["language"]
    elif manifest is None and path.is_file():
        # (a file YAML cannot read still says its language on a line of its
        # own: why it does not read is said in that language)
        said = _LANGUAGE_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
        if said and said.group(1) in LANGS:
            _OWN = said.group(1)


def _named_language(args) -> None:
    """The language a command line's own arguments give, as the command's
    (see :data:`_OWN`) before click parses it: the ``language:`` of the
    folder it names with ``--org``, or Dutch for an import that reads a
    Dutch file (``--preset nl-hr``, ``--locale nl``, as the import's log
    is).  A usage error (a choice not known, an option misspelt) is then
    said in the same language as the command's other errors, which come
    after the folder or file is read."""
    global _OWN
    given = _option_values(args, ("--org", "--preset", "--locale"))
    folder = given.get("--org")
    if folder and _is_folder(folder):
        _folder_language(folder)
    elif given.get("--locale") == "nl" or given.get("--preset") == "nl-hr":
        _OWN = "nl"


def _is_folder(path) -> bool:
    """Whether ``path`` is a folder; False for a path the file system
    cannot look up (a name too long for it): the command reading it says
    why, as its own error, not a traceback before it starts."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def _option_values(args, names) -> dict:
    """``{option: value}`` of ``names`` on a command line not yet parsed
    (``--org DIR`` or ``--org=DIR``; the first of each)."""
    args, found = list(args), {}
    for i, a in enumerate(args):
        name, eq, value = a.partition("=")
        if name in names and name not in found:
            if eq:
                found[name] = value
            elif i + 1 < len(args):
                found[name] = args[i + 1]
    return found


#: A top-level ``language: nl`` line of an org.yaml (quoted or not, a comment after).
_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*["']?([a-z]{2})["']?[ \t]*(?:#.*)?$""",
                            re.MULTILINE)


def _own_language(org) -> str | None:
    """An organisation's ``language:``, kept as the command's (see :data:`_OWN`)."""
    global _OWN
    from .i18n import LANGS
    own = org.manifest.get("language")
    if own in LANGS:
        _OWN = own
    return own


class _Path(click.Path):
    """click's ``Path``, refusing an empty value: ``''`` is no file or
    folder (a script's variable left unset, ``--out "$DIR"``), though
    ``Path('')`` is the current folder, which an import would write into."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail(Message("'{v}' is empty: give a file or folder (an empty value is no path)",
                              v=value), param, ctx)
        return super().convert(value, param, ctx)


def org_option(f):
    """``--org DIR`` (or ``--neo4j NAME`` where the command reads a model)."""
    return click.option("--org", "org_dir", type=_Path(path_type=Path),
                        help="Organisation folder (org.yaml, nodes.csv, edges.csv), or a "
                             "workbook (.xlsx) or W3C ORG file (.ttl, .jsonld).")(f)


def _one_source(org_dir, neo4j_name) -> None:
    """A model read from a folder (--org) or the database (--neo4j): one of them."""
    if bool(org_dir) == bool(neo4j_name):
        raise click.UsageError(Message("give exactly one of --org DIR or --neo4j ORG_NAME"))


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                        show_default=True, help="Output format.")(f)


def _named(ctx, param, value):
    """A column's name given as an option: not empty (``--unit ""`` named
    no column, and was refused as a column '' the file lacks)."""
    for name in (value if isinstance(value, tuple) else (value,)):
        if name is not None and not name.strip():
            raise click.BadParameter(Message("names no column: give the column's name as the "
                                             "file's header writes it"))
    return value


def _date(ctx, param, value):
    """``--on``: ISO always; in the language the command line asked for
    (--lang, ORGMODEL_LANG), also as that language writes a date (Dutch
    ``31-12-2026``, ``31 december 2026``; English ``31 December 2026``).
    Another form is kept as :class:`_DateText`, read by the command once it
    has read the organisation: in its language, or as its files write dates
    (a Dutch organisation's ``31-12-2026`` under ``--lang en`` too; see
    :func:`_read_date`)."""
    if value is None:
        return None
    from .notation import iso_date, parse_date
    value = value.strip()
    asked = _LANG or _ASKED
    try:
        return parse_date(value, asked) if asked else iso_date(value)
    except InputError:
        _a_date_somewhere(value)
        return _DateText(value)


def _a_date_somewhere(value: str) -> None:
    """Refuse ``value`` at once when no language orgmodel reads writes it as
    a date (``31-31-2026``): it is not left for the organisation to read,
    so that the typo is said before a server is asked for the model."""
    from .notation import LOCALES, NO_SUCH_DAY, parse_date
    reasons = {}
    for lang in (_said_in(), *LOCALES):
        try:
            parse_date(value, lang)
            return
        except InputError as exc:
            reasons.setdefault(lang, exc)
    # (a notation that reads its shape says why, the command's first:
    # '31-2-2026' names no day, more to the point than how English writes one)
    reason = next((w for w in reasons.values() if NO_SUCH_DAY in (
        getattr(m, "text", "") for m in [w.args[0], *getattr(w.args[0], "items", [])[:1]])),
        reasons[_said_in()])
    raise click.BadParameter(said(reason)) from None


class _DateText(str):
    """A date option's text not yet read: its language is the organisation's
    (see :func:`_date`)."""


def _file_date(ctx, param, value):
    """``import posts --date``: ISO always; another form is kept as
    :class:`_DateText`, read by the command as the file writes dates (a
    Dutch file's 31-12-2026 under ``--lang en`` too)."""
    if value is None:
        return None
    from .notation import iso_date
    try:
        return iso_date(value.strip())
    except InputError:
        return _DateText(value.strip())


def _read_date(value, lang: str, option: str, also: str | None = None) -> str:
    """``value`` (a date option's text) as an ISO date, written as ``lang``
    writes dates, or else as the organisation's locale ``also`` does (see
    :func:`orgmodel.notation.parse_date`); refused with the reason the
    organisation's way of writing dates gives (``31-2-2026`` names no day),
    else ``lang``'s."""
    from .notation import parse_date
    try:
        return parse_date(value, lang)
    except InputError as exc:
        why = exc
    if also and also != lang:
        try:
            return parse_date(value, also)
        except InputError as exc:
            why = exc
    raise click.BadParameter(said(why), param_hint=f"'{option}'") from None


def _folders_there(path: Path) -> None:
    """Refuse an output path under a file (``-o notes.txt/chart.svg``), as
    making its folder would (exit status 1: the file system's answer)."""
    for parent in Path(path).parents:
        if parent.exists():
            if not parent.is_dir():
                raise OrgModelError(Message("{path}: {reason}", path=str(parent), reason=Message(
                    "is a file, where a folder is needed")))
            return


_ON_HELP = ("Analyse the organisation as it stands on this date (YYYY-MM-DD; in Dutch also "
            "31-12-2026): edges and "
            "nodes outside their valid_from/valid_to are left out. Default: the model's own "
            "date (org.yaml).")
_ON_HELP_WHOLE = ("Write the organisation as it stands on this date (YYYY-MM-DD; in Dutch "
                  "also 31-12-2026): edges and "
                  "nodes outside their valid_from/valid_to are left out. Default: every fact, "
                  "dated ones included, as convert writes them.")


def reads_model(f=None, *, whole: bool = False, local=None, first=None):
    """Give the command an ``org`` from ``--org DIR`` or ``--neo4j ORG_NAME``,
    as it stands on ``--on DATE`` (default: the date the model describes;
    with ``whole``, for a format export, every fact unless ``--on`` is given:
    an exchange format keeps the dated facts, as ``convert`` does).

    ``local(store, name, **options)``: with ``--neo4j`` (and no ``--on``),
    answers the command from the database without reading the whole
    organisation, or returns False when this use of it needs the whole.

    ``first(**options)``: refuses what is wrong with the command's own
    options (an output path under a file, a rule with no check) before the
    model is read or a server asked for it: that is the cause to say first."""
    if f is None:
        return lambda g: reads_model(g, whole=whole, local=local, first=first)

    @org_option
    @lang_option
    @click.option("--neo4j", "neo4j_name", metavar="ORG_NAME",
                  help="Read the model from Neo4j (see 'orgmodel db') instead of files.")
    @click.option("--on", "on_date", metavar="DATE", callback=_date,
                  help=_ON_HELP_WHOLE if whole else _ON_HELP)
    @wraps(f)
    def wrapper(org_dir, neo4j_name, on_date, **kw):
        _one_source(org_dir, neo4j_name)
        if first:
            first(**kw)
        if org_dir:
            org = _read(org_dir)
        else:
            from .store import connect, pull_model
            with connect() as store:
                if local and not on_date and local(store, neo4j_name, **kw) is not False:
                    return None
                org = pull_model(store, neo4j_name)
            _own_language(org)
        if isinstance(on_date, _DateText):
            on_date = _read_date(on_date, _said_in(), "--on", also=org.manifest.get("locale"))
        if on_date or not whole:
            org = org.on(on_date)
        if org.graph.number_of_nodes() < _FREEZE_FROM:
            return f(org=org, **kw)
        # The model (millions of dicts at scale) lives as long as the command:
        # the cycle collector (paused by main() anyway) is told never to walk it.
        gc.freeze()
        try:
            return f(org=org, **kw)
        finally:
            gc.unfreeze()
    return wrapper


#: Models from this many nodes are kept out of the cycle collector's passes
#: while a command runs (see :func:`reads_model`).
_FREEZE_FROM = 50_000


_DEBUG = False
#: The language the command line being run asked for (see :func:`_asked_language`).
_ASKED: str | None = None
#: The command line's words, as given (see _org_without_option).
_ARGS: list = []


#: The modules of click that write its own texts (usage, errors) with gettext.
_CLICK_TEXTS = ("click.core", "click.exceptions", "click.parser", "click.types",
                "click.formatting", "click.decorators", "click.termui")


def _asked_language(args) -> str | None:
    """The language a command line asks for before it is parsed (--lang
    anywhere, else ORGMODEL_LANG; None when neither is there)."""
    from .i18n import LANGS
    asked = _option_values(args, ("--lang",)).get("--lang")
    if asked in LANGS:
        return asked
    env = os.environ.get("ORGMODEL_LANG", "").strip()
    return env if env in LANGS else None


def _said_in() -> str:
    """The language the command line speaks now: the one it asked for, else
    that of the organisation it read (see :data:`_OWN`), else English."""
    return _LANG or _ASKED or _OWN or "en"


@contextlib.contextmanager
def _click_says():
    """click's usage and error messages in the command line's language
    (:func:`_said_in`, asked when click says them: an error comes after
    the organisation was read): its gettext calls, the modules' ``_`` and
    ``ngettext``, answered from orgmodel's catalog while a command line runs
    (and put back after)."""
    def t(text):
        return translator_of(_said_in())(text)
    modules = [sys.modules[m] for m in _CLICK_TEXTS if m in sys.modules]
    saved = [(m, m.__dict__.get("_"), m.__dict__.get("ngettext")) for m in modules]
    for m in modules:
        if "_" in m.__dict__:
            m._ = t
        if "ngettext" in m.__dict__:
            m.ngettext = lambda one, many, n: t(one if n == 1 else many)
    try:
        yield
    finally:
        for m, under, nget in saved:
            if under is not None:
                m._ = under
            if nget is not None:
                m.ngettext = nget


def help_texts(group=None) -> list:
    """``(holder, text)`` of every help text ``--help`` prints: each
    command's (as click shows it: its docstring without indentation, up to a
    form feed) and each option's, of ``group`` (default: orgmodel's) and
    every command under it.  The catalog takes them (``make messages``), so
    a Dutch command line gets Dutch help."""
    import inspect
    found, stack = [], [group or cli]
    while stack:
        cmd = stack.pop()
        if cmd.help:
            found.append((cmd, inspect.cleandoc(cmd.help).partition("\f")[0]))
        found += [(p, p.help) for p in cmd.params if isinstance(p, click.Option) and p.help]
        if isinstance(cmd, click.Group):
            stack += [cmd.commands[n] for n in sorted(cmd.commands, reverse=True)]
    return found


@contextlib.contextmanager
def _helps_in(lang: str):
    """Every command's and option's help text in ``lang`` while a command
    line runs (and put back after: a test runs many in one process)."""
    if lang == "en":
        yield
        return
    t = translator_of(lang)
    found = help_texts()
    saved = [holder.help for holder, _ in found]
    for holder, text in found:
        holder.help = t(text)
    words = _usage_words_of(cli)
    for holder, attr, _, words_of in words:
        setattr(holder, attr, words_of(t))
    try:
        yield
    finally:
        for (holder, _), text in zip(found, saved):
            holder.help = text
        for holder, attr, was, _ in words:
            setattr(holder, attr, was)


#: The words of a usage line click writes in English (its ``[OPTIONS]``, and
#: the kind of value an option takes where it names none of its own: ``--org
#: PATH``), each a message of the catalog.
_USAGE_WORDS = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
                "text": N_("TEXT"), "path": N_("PATH"), "directory": N_("DIRECTORY"),
                "file": N_("FILE"), "integer": N_("INTEGER"), "integer range": N_("INTEGER")}
#: The names an option or argument gives its value (``--neo4j ORG_NAME``,
#: ``escalate ROLE``), as the help texts and messages name them too, each a
#: message of the catalog.
VALUE_NAMES = frozenset((
    N_("ORG_NAME"), N_("DATE"), N_("COLUMN"), N_("ROLE"), N_("NAME"), N_("SOURCE"), N_("WHAT"),
    N_("POWER"), N_("KEY=VALUE"), N_("TARGET"), N_("REGISTER_FILE"), N_("POSTS_FILE"),
    N_("HOURS"), N_("id|holder|COLUMN"), N_("SEP"), N_("FOLDER"), N_("AMOUNT"), N_("KIND"),
    N_("ORG"), N_("AS_IS"), N_("TO_BE")))


def _usage_words_of(group) -> list:
    """``(holder, attribute, its value, how to say it)`` of each word of a
    usage line under ``group`` that :data:`_USAGE_WORDS` or
    :data:`VALUE_NAMES` translates (see :func:`_helps_in`); ``how to say
    it`` takes a translator."""
    found, stack = [], [group]
    while stack:
        cmd = stack.pop()
        found += [(cmd, a, w, lambda t, w=w: t(_USAGE_WORDS[w]))
                  for a in ("options_metavar", "subcommand_metavar")
                  if (w := getattr(cmd, a, None)) in _USAGE_WORDS]
        found += [_value_name(p) for p in cmd.params if _value_name(p)]
        if isinstance(cmd, click.Group):
            stack += list(cmd.commands.values())
    return found


def _value_name(p):
    """:func:`_usage_words_of`'s row of the name parameter ``p`` gives its
    value, or None: an option's metavar or the kind of value it takes, an
    argument's name (``[ROLE]`` when it may be left out)."""
    if isinstance(p, click.Option) and not p.is_flag:
        if p.metavar in VALUE_NAMES:
            return (p, "metavar", p.metavar, lambda t, w=p.metavar: t(w))
        if p.metavar is None and p.type.name in _USAGE_WORDS:
            return (p, "metavar", None, lambda t, w=p.type.name: t(_USAGE_WORDS[w]))
    if isinstance(p, click.Argument) and (p.metavar or str(p.name).upper()) in VALUE_NAMES:
        word = p.metavar or str(p.name).upper()
        return (p, "metavar", p.metavar, lambda t, w=word, p=p: _argument_shown(t(w), p))
    return None


def _argument_shown(word: str, p) -> str:
    """An argument's name in a usage line, as click writes it: ``[ROL]``
    when it may be left out, ``...`` after one that takes several."""
    return (word if p.required else f"[{word}]") + ("..." if p.nargs != 1 else "")


class OrgGroup(click.Group):
    """Turns library errors into one clear line and exit 1 (a traceback with --debug)."""

    def main(self, args=None, *rest, **kwargs):
        # (click's own messages, "No such option" and the like, in the asked language)
        global _ASKED, _OWN
        asked = sys.argv[1:] if args is None else args
        _ASKED, _OWN = _asked_language(asked), None
        _ARGS[:] = map(str, asked)
        if _ASKED is None:
            _named_language(asked)
        with _click_says(), _helps_in(_ASKED or _OWN or "en"):
            return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):
        global _LANG
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            # A usage message may quote what the user typed (or a name).
            exc.message = _clean(_usage_words(_org_without_option(exc) or exc.message))
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # (the reader of the output went away, `| head`: a Unix tool then
            # says nothing; what is left to print goes nowhere, so that
            # Python's own flush at exit does not fail again)
            _quiet_stdout()
            raise click.exceptions.Exit(1) from None
        except (OrgModelError, OSError, ValueError) as exc:
            if _DEBUG:
                raise
            raise click.ClickException(_clean(_in_words(exc))) from None
        except Exception as exc:  # noqa: BLE001 - the promise: no traceback without --debug
            if _DEBUG:
                raise
            error = f"{type(exc).__name__}: {exc}"
            raise click.ClickException(_clean(_in_words(OrgModelError(Message(
                "{error} (run again with --debug for details)", error=error))))) from None
        finally:
            _LANG = None     # (one command's language is not the next one's, in one process)


def _org_without_option(exc: click.ClickException) -> Message | None:
    """What to say of ``orgmodel span data/deventer``: an organisation's
    folder or file given where the command takes it as ``--org`` (click
    says only "Got unexpected extra argument"); None for another error."""
    ctx = getattr(exc, "ctx", None)
    if not isinstance(exc, click.UsageError) or ctx is None or not any(
            "--org" in p.opts for p in ctx.command.params if isinstance(p, click.Option)):
        return None
    words = ctx.args or _ARGS
    if "--org" in words:
        return None
    for before, word in zip([""] + words, words):
        if not before.startswith("-") and f"({word})" in str(exc.message) \
                and os.path.exists(word):
            return Message("'{path}' is given without its option: the organisation is given "
                           "as --org {path}", path=word)
    return None


def _quiet_stdout() -> None:
    """Standard output pointed at the null device (see :meth:`OrgGroup.invoke`)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass          # (no file behind it: a test's runner)


def _usage_words(message) -> str:
    """A usage error of orgmodel's own (a :class:`Message`) in the language
    the command line asked for, which its --lang may not have set yet when
    an option before it was refused."""
    if not isinstance(message, Message):
        return message
    return translator_of(_said_in())(message)


def _in_words(exc) -> str:
    """An error as the user reads it, in the command's language."""
    from .i18n import said
    try:
        t = _t()
    except click.BadParameter:
        return str(exc)
    if isinstance(exc, ValidationError):
        return exc.render(t)
    if isinstance(exc, OSError) and not isinstance(exc.strerror, Message):
        from ._staging import os_error_words
        words = os_error_words(exc)
        if words is not None:
            return t(words)
    return t(said(exc))


def _clean(message: str) -> str:
    """An error message as it may be shown: no password, no control characters."""
    return escape.terminal(escape.redact(message, os.environ.get("NEO4J_PASSWORD", "")))


def _set_debug(ctx, param, value):
    global _DEBUG
    _DEBUG = _DEBUG or bool(value)


@click.group(cls=OrgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
              help="Show the full traceback when something fails.")
@lang_option
@click.version_option(package_name="orgmodel")
def cli():
    """Model how an organisation steers itself, as a graph.

    Add --debug anywhere to see a full traceback when something fails.
    """
    from . import _progress
    # A progress bar on a terminal; nothing on a pipe or in a file.
    _progress.enable(sys.stderr.isatty())


def _problems(org_dir, left_out=None):
    """Every problem of a folder, or of a workbook or ORG file as it is read
    (what its reader leaves out added to ``left_out``)."""
    from .formats import guess
    from .validate import validate_folder
    if guess(org_dir) == "folder":
        _folder_language(org_dir)
        return validate_folder(org_dir)
    try:
        _read(org_dir, left_out=left_out)
    except ValidationError as exc:
        return exc.problems
    return []



#: The paper a static chart's pages fit (``a4`` and ``a3`` turn to portrait
#: for a page taller than wide).
paper_option = click.option(
    "--paper", type=click.Choice(["a4", "a3", "slide"]), default="a4", show_default=True,
    help="The paper each page of the chart fits, its text at least 2.5 mm high: a4 or a3 "
         "(landscape or portrait), or a 16:9 slide.")

@cli.command()
@org_option
@lang_option
@format_option
def validate(org_dir, fmt):
    """Check an organisation folder and list every problem found."""
    if org_dir is None:
        raise click.UsageError(Message("--org DIR is required"))
    left_out: list = []
    problems = _problems(org_dir, left_out)
    if fmt == "table":
        t = _t()
        if problems:
            out(ValidationError(problems, where=str(org_dir)).render(t), err=True)
        else:
            out(t("{folder}: valid", folder=org_dir))
            # (a file of another tool is valid as far as it is read: what
            # was not read was said by import alone, and "valid" hid it)
            from .write import left_out_lines
            _say_left_out(t, left_out_lines(org_dir, left_out))
    else:
        import pandas as pd
        emit(pd.DataFrame([p.to_dict() for p in problems], columns=["file", "row", "message"]),
             fmt)
    sys.exit(1 if problems else 0)


@cli.command()
@reads_model
@format_option
def summary(org, fmt):
    """Count nodes and edges per kind and evidence grade, and add up the
    formation: posts, vacancies, people, staff and FTE (a range)."""
    from .formation import not_counted_text, staff_text
    from .summary import import_text, summarize
    s = summarize(org)
    t = _t(org)

    def table():
        f = s.formation
        w = max(12, *(len(t.value(k)) for k in (*s.nodes, *s.edges, *s.evidence["nodes"])))
        lines = [f"{s.name}", "", t("Nodes") + ":"]
        lines += [f"  {t.value(k):<{w}} {t.number(v):>6}" for k, v in s.nodes.items()]
        lines += ["", t("Edges") + ":"]
        lines += [f"  {t.value(k):<{w}} {t.number(v):>6}" for k, v in s.edges.items()]
        lines += ["", t("How the facts are known (nodes / edges)") + ":"]
        lines += [f"  {t.value(g):<{w}} {t.number(s.evidence['nodes'][g]):>6} "
                  f"{t.number(s.evidence['edges'][g]):>6}" for g in s.evidence["nodes"]]
        lines += ["", _formation_line(org, f, s, t) + not_counted_text(org, t)]
        staff = staff_text(f, t, "  " + t("plus") + " ")
        if staff:
            lines.append(staff)
        left_out = import_text(org, t)
        if left_out:        # (the counts above are only as good as the rows behind them)
            lines += ["", t("The import") + ": " + left_out]
        return "\n".join(lines)
    emit(s, fmt, table)


def _formation_line(org, f, s, t) -> str:
    """The summary's line on the formation (no FTE given said so, not as
    "0 FTE over 0 posts with an FTE")."""
    from .formation import counted_people, counted_posts, holders_recorded, unrecorded_text
    held = holders_recorded(org, f)
    if not s.roles_with_fte:
        return (t("Formation: {posts} ({vacant} vacant), no FTE given; {people} in post",
                  posts=_posts_text(f, t), vacant=f["vacant"],
                  people=counted_people(f["people"])) + t(unrecorded_text(f)) if held else
                t("Formation: {posts}, no FTE given; who holds the posts, and which are "
                  "vacant, is not recorded", posts=_posts_text(f, t)))
    return (t("Formation: {posts} ({vacant} vacant), {fte} over {with_fte} with an FTE; "
              "{people} in post", posts=_posts_text(f, t), vacant=f["vacant"],
              fte=_fte_parts(f, t), with_fte=counted_posts(s.roles_with_fte),
              people=counted_people(f["people"])) + t(unrecorded_text(f)) if held else
            t("Formation: {posts}, {fte} FTE in posts over {with_fte} with an FTE; who "
              "holds the posts, and which are vacant, is not recorded",
              posts=_posts_text(f, t), fte=t.span(f["fte_min"], f["fte_max"]),
              with_fte=counted_posts(s.roles_with_fte)))


def _escalate_in_database(store, name, role, via, all_roles, paths, max_routes, load, other,
                          fmt, **_):
    """``escalate ROLE --neo4j ORG``: one role's routes from the route steps the
    push stored, without reading the rest (any other use reads the whole)."""
    if not role or not role.strip() or all_roles or load or other or paths:
        return False
    from .indb import escalate as in_database
    from .indb import find_team
    from .store import _manifest
    rid, rg = in_database(store, name, role, via)
    t = _t(_settings_only(_manifest(store, name) or {}))
    _show_routes(t, rid, rg, max_routes, fmt, find_team(store, name, role))
    return True


def _settings_only(manifest):
    """An organisation with its settings and no nodes (for its language)."""
    import networkx as nx

    from .model import OrgModel
    return OrgModel(nx.MultiDiGraph(), manifest)


@cli.command()
@click.argument("role", required=False)
@reads_model(local=_escalate_in_database)
@click.option("--via", metavar="KIND",
              help="Route kind of the organisation's escalation policy (line, commission ...); "
                   "default: the policy's first kind.")
@click.option("--all", "all_roles", is_flag=True,
              help="One row per role: next step(s), distances, tops, outcomes, routes.")
@click.option("--paths", is_flag=True, help="With --all: the routes themselves, one row each.")
@click.option("--max-routes", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many routes per role, shortest first.")
@click.option("--load", is_flag=True,
              help="Who carries the escalations: how many roles' routes reach each role.")
@click.option("--meet", "other", metavar="ROLE",
              help="Who decides when ROLE and this role disagree: where their routes meet.")
@format_option
def escalate(org, role, via, all_roles, paths, max_routes, load, other, fmt):  # noqa: C901 - one command, five outputs (a role, --all, --paths, --load, --meet) chosen by its options
    """Whom ROLE (an id or a name) takes an issue to, step by step, and why.

    With --all, one row per role; with --load, who carries the escalations.
    """
    from .escalation import escalate as one
    from .escalation import escalation_load, meet, route_graph
    t = _t(org)
    for value, hint in ((role, "ROLE"), (other, "--meet")):
        if value is not None and not value.strip():
            raise click.BadParameter(Message("is empty: give a role's id or name"), param_hint=hint)
    if sum((bool(role), all_roles, load)) != 1:
        raise click.UsageError(Message("give a ROLE, --all or --load (one of them)"))
    if paths and not all_roles:
        raise click.UsageError(Message("--paths goes with --all (a ROLE's routes are always "
                                        "shown)"))
    if other:
        if not role:
            raise click.UsageError(Message("--meet needs a ROLE"))
        m = meet(org, role, other, via)

        nm = _shown_names(org)

        def who(side):
            # (a team asked for is named, with the post whose route it takes)
            team = m[side].get("team")
            return t("{team} (led by {post})", team=team["name"], post=nm(m[side])) \
                if team else nm(m[side])

        def table():
            if m["meet"] is None:
                return t("The {via} routes of {a} and {b} never meet.", via=t.value(m["via"]),
                         a=who("a"), b=who("b"))

            def names(steps):
                return " → ".join(map(nm, steps)) or t("(starts there)")
            return (t("{a} and {b} meet at {c}", a=who("a"), b=who("b"),
                      c=nm(m["meet"])) + "\n"
                    f"  {nm(m['a'])}: {names(m['path_a'])}\n"
                    f"  {nm(m['b'])}: {names(m['path_b'])}")
        emit(m, fmt, table)
        return
    if load:
        emit(escalation_load(org, via), fmt, t=t)
        return
    if all_roles:
        rg = route_graph(org, via)
        frame = rg.paths_frame(max_routes=max_routes) if paths else rg.to_frame()
        if fmt == "table" and not len(frame) and not (org.ids("Post") or org.ids("Role")):
            from .escalation import NO_ROUTES
            emit(frame, fmt, lambda: t(NO_ROUTES))
            return
        if fmt == "json" and not paths:
            emit(rg.compact_records(), fmt)
        else:
            emit(frame, fmt, t=t)
        return
    rid, rg = one(org, role, via)
    team = org.find_team(role)
    _show_routes(t, rid, rg, max_routes, fmt,
                 team and {"id": team, "name": org.label(team)})


def _shown_names(org):
    """A step's name as a table shows it (``{"id", "name"}`` of a route's
    record): with its id where two nodes share the name (two teams'
    Teamleider), see :func:`orgmodel.model.display_names`.  Without the
    model (routes read from Neo4j alone, ``org`` None), which names repeat
    is not known: the name as stored."""
    if org is None:
        return lambda step: step["name"]
    from .model import display_names
    names = display_names(org.graph)
    return lambda step: names[step["id"]] if step["id"] in org.graph else step["name"]


def _show_routes(t, rid, rg, max_routes, fmt, team=None):
    """One role's routes: a table of steps, or the record as JSON or CSV;
    ``team`` (``id``, ``name``), the team asked for, whose leader it is."""
    rec = rg.record(rid)
    shown = [rg.route_record(r) for r in rg.routes(rid, max_routes)]
    result = {**rec, "paths": shown, **({"team": team} if team else {})}

    nm = _shown_names(rg.org)

    def table():
        kind = rg.kind
        lines = [t("{name} ({id}), {via} route", name=rec["name"], id=rid,
                   via=t(kind.label or rg.via))]
        if team:
            lines.append("  " + t("the team {team} ({id}) escalates through the post that "
                                  "leads it", team=team["name"], id=team["id"]))
        if kind.issue:
            lines.append("  " + t("for") + f": {t(kind.issue)}")
        for b in rec["blocked"]:
            lines.append("  " + t("not to {name} ({sphere}): the policy forbids it",
                                  name=nm(b), sphere=t.value(b["sphere"]))
                         + f" [{t.value(b['via'])}]")
        tops = ", ".join(map(nm, rec["tops"])) or t("no top")
        span = t.span(rec["shortest"], rec["longest"])
        lines.append("  " + t("outcome: {outcomes}; reaches {tops}; {steps}; {routes}",
                              outcomes=", ".join(t.value(o) for o in rec["outcomes"]),
                              tops=tops,
                              steps=t("1 step") if span == "1" else t("{n} steps", n=span),
                              routes=t("1 route") if rec["routes"] == 1 else
                              t("{n} routes", n=rec["routes"])))
        for i, r in enumerate(shown, 1):
            lines.append(f"  {i}. {rec['name']}")
            for st in r["steps"]:
                marks = [t(m) for m, on in (("temporary", st["temporary"]), ("vacant post",
                         st["vacant"]), ("outside the organisation", st["external"])) if on]
                lines.append(f"       → {nm(st)}   [{t.value(st['via'])}: {t(st['rule'])}"
                             + (f"; {', '.join(marks)}" if marks else "") + "]")
            end = t.value(r["outcome"])
            if "blocked" in r:
                end += ": " + t("would go on to {names}", names=t(" or ").join(
                    f"{nm(b)} ({t.value(b['sphere'])})" for b in r["blocked"]))
            if "loop" in r:
                end += ": " + t("runs in a loop through {names}",
                                names=", ".join(map(nm, r["loop"])))
            lines.append(f"       ({end})")
        if rec["routes"] > len(shown):
            lines.append("  " + t("showing {n} of {total} routes, shortest first "
                                  "(--max-routes N for more)", n=len(shown),
                                  total=rec["routes"]))
        return "\n".join(lines)
    if fmt == "csv":
        emit(rg.paths_frame([rid], max_routes), fmt)
    else:
        emit(result, fmt, table)


@cli.command()
@reads_model
@click.option("--target", type=click.IntRange(min=1), help="Target depth (default: layering.target_depth).")
@format_option
def layers(org, target, fmt):
    """Management layers (R6), by steps in the line and by declared levels."""
    from .layers import layering, layers_view
    lay = layering(org, target)
    t = _t(org)

    def table():
        if not len(lay.frame):
            from .layers import NO_LAYERS
            return t(NO_LAYERS)
        head = (t(count(lay.depth, N_("{name}: {n} management layer by {basis} (target "
                                      "{target})"),
                        N_("{name}: {n} management layers by {basis} (target {target})"),
                        name=org.name, basis=t(lay.basis),
                        target=lay.target if lay.target else t("not set"))) + "\n"
                + "\n".join("  " + t(line) for line in lay.explanation))
        below = lay.below_target
        tail = ("\n" + t("Below the target depth") + ":\n" + _table(below, t)) \
            if len(below) else ""
        return head + "\n\n" + _table(layers_view(lay.frame, lay.target), t) + tail
    emit(lay.frame if fmt == "csv" else lay, fmt, table)


@cli.command()
@reads_model
@click.option("--min", "lo", type=click.IntRange(min=0), help="Flag managers with fewer direct reports.")
@click.option("--max", "hi", type=click.IntRange(min=0), help="Flag managers with more direct reports.")
@click.option("--by", type=click.Choice(["posts", "people", "fte"]),
              help="Compare the thresholds with this count (default: span.by, else posts).")
@format_option
def span(org, lo, hi, by, fmt):
    """Span of control: posts, people and FTE managed directly, and mandates."""
    from .span import span_of_control, span_view
    s = span_of_control(org, lo, hi, by)
    t = _t(org)

    def table():
        if not len(s.frame):
            # (an empty table, the columns' rules and an empty distribution of
            # no manager at all: a flat organisation, a formatie without a line)
            from .span import NO_SPAN
            return t(NO_SPAN)
        out = [_table(span_view(s.frame, s.min, s.max), t), "",
               *map(t, s.explain()), "", t("Distribution") + ":", _table(s.distribution, t)]
        if len(s.outside):
            out += ["", t("Outside thresholds by {by} (min {lo}, max {hi})", by=t(s.by),
                          lo=s.min if s.min is not None else t("none"),
                          hi=s.max if s.max is not None else t("none")) + ":",
                    _table(s.outside[["id", "name", "direct_reports", "people", "fte",
                                      "reason"]], t)]
        return "\n".join(out)
    emit(s.frame if fmt == "csv" else s, fmt, table)


def _partners_in_database(store, name, fmt, **_):
    """``partners --neo4j ORG``: from the partners, the commissions assigned
    to them and who commissions or contracts them
    (orgmodel.indb.partner_model), not the whole."""
    from .indb import partner_model
    _show_partners(partner_model(store, name), fmt)
    return True


@cli.command()
@reads_model(local=_partners_in_database)
@format_option
def partners(org, fmt):
    """Partners, their commissioners, shared partners and brokerage."""
    _show_partners(org, fmt)


def _show_partners(org, fmt):
    from .partners import partner_network
    net = partner_network(org)
    t = _t(org)

    def table():
        if not len(net.partners):       # (four tables of nothing)
            return t("The data names no partners.")
        def part(frame):    # (a heading over "(nothing to show)": "none" says it)
            return _table(frame, t) if len(frame) else "  " + t("none")
        return "\n".join([t("Partners") + ":", _table(net.partners, t), "",
                          t("Roles sharing partners") + ":", part(net.shared), "",
                          t("Brokerage (betweenness)") + ":", part(net.brokerage), "",
                          t("Partners hanging on one commissioner") + ":",
                          part(net.single_commissioner[["id", "name",
                                                        "official_commissioners"]])])
    emit(net.partners if fmt == "csv" else net, fmt, table)


def _posts_text(tot: dict, t) -> str:
    """``'8 posts, and 9 more of a number not recorded'`` from a totals dict."""
    from .formation import counted_posts
    text = t(counted_posts(tot["posts"]))
    if tot.get("posts_count_unknown"):
        text += t(", and {n} more of a number not recorded", n=tot["posts_count_unknown"])
    return text


def _fte_parts(tot: dict, t) -> str:
    """``'6.4 FTE in posts (5.4 held, 1 vacant)'`` from a totals dict, and
    the FTE of posts whose holder is not recorded when there are any."""
    parts = {"fte": t.span(tot["fte_min"], tot["fte_max"]),
             "held": t.span(tot["held_fte_min"], tot["held_fte_max"]),
             "vacant": t.span(tot["vacant_fte_min"], tot["vacant_fte_max"])}
    if tot.get("unrecorded_fte_max"):
        return t("{fte} FTE in posts ({held} held, {vacant} vacant, {unrecorded} on posts whose "
                 "holder is not recorded)", **parts,
                 unrecorded=t.span(tot["unrecorded_fte_min"], tot["unrecorded_fte_max"]))
    return t("{fte} FTE in posts ({held} held, {vacant} vacant)", **parts)


def _fte_in_all(tot: dict, t, held: bool) -> str:
    """The FTE of the formation's last line: in posts (held and vacant, when
    ``held``: holders are recorded) and with staff, or that none is given
    (``0 FTE in posts (0 held, 0 vacant)`` said of a file without FTE that
    it had none)."""
    from .formation import gives_fte
    if not gives_fte(tot):
        return t("no FTE given")
    unknown = ("; " + t(count(tot["posts_without_fte"], N_("{n} post gives no FTE"),
                              N_("{n} posts give no FTE")))
               if tot["posts_without_fte"] else "")
    fte = _fte_parts(tot, t) if held else \
        t("{fte} FTE in posts", fte=t.span(tot["fte_min"], tot["fte_max"]))
    if not tot["staff_fte"] and not tot["staff"]:
        # (the same amount again as "with staff" read as the FTE of people,
        # beside a line saying that who holds the posts is not recorded)
        return fte + unknown
    return t("{fte}; {total} FTE with staff{unknown}", fte=fte, unknown=unknown,
             total=t.span(tot["total_fte_min"], tot["total_fte_max"]))


@cli.command()
@reads_model
@click.option("--by", type=click.Choice(["unit", "manager", "post"]), default="unit",
              show_default=True, help="Roll up per unit, per manager (the line below it) or "
                                      "show each post.")
@format_option
def formation(org, by, fmt):
    """Formation, headcount and FTE per unit, manager or post.

    Posts (vacant ones included), the people holding them, and staff counted
    per grade under a post.  The table shows a range as one column (2–3),
    and the columns of staff, or of posts whose holder is not recorded, only
    where a row has one; --format csv or json gives every column.
    """
    from .formation import (
        counted_people,
        formation_view,
        holders_recorded,
        not_counted_text,
        staff_text,
        totals,
        unrecorded_text,
    )
    from .formation import formation as roll_up
    frame = roll_up(org, by)
    t = _t(org)

    def table():
        tot = totals(org)
        # (20 columns ran past any terminal: a range as one, the columns of
        # staff or of posts whose holder is not recorded only where a row has
        # one, as the web app shows them; --format csv gives every column)
        shown = _table(formation_view(frame, t), t)
        if frame.empty and by in (None, "unit") and tot["posts"]:
            # (a list of posts without units: "nothing to show" said nothing)
            shown = t("The data names no units: --by manager or --by post gives the formation "
                      "per manager or per post.")
        if not holders_recorded(org, tot):
            return (shown + "\n\n" + t(
                "In all: {posts}{staff}; {fte}; who holds the posts, and which are vacant, is "
                "not recorded", posts=_posts_text(tot, t), staff=staff_text(tot, t, ", "),
                fte=_fte_in_all(tot, t, False)) + not_counted_text(org, t))
        return (shown + "\n\n" + t(
            "In all: {posts} ({vacant} vacant), {people}{staff}; {fte}",
            posts=_posts_text(tot, t), vacant=tot["vacant"],
            people=counted_people(tot["people"]), staff=staff_text(tot, t, ", "),
            fte=_fte_in_all(tot, t, True)) + t(unrecorded_text(tot)) + not_counted_text(org, t))
    emit(frame, fmt, table)


@cli.command()
@click.argument("power", required=False)
@reads_model
@click.option("--within", help="Only mandates whose 'within' mentions this text.")
@format_option
def powers(org, power, within, fmt):
    """Who holds POWER (an id, a name, or a part of one name, of org.yaml's powers), through which mandate.

    Without POWER, every power on every mandate.
    """
    from .powers import power_holders
    held, t = power_holders(org, power, within), _t(org)

    def none_held():        # ("nothing to show" said nothing of why)
        if not org.vocabulary("powers"):
            from .powers import NO_POWERS
            return t(NO_POWERS)
        if within:
            return t("No mandate whose 'within' mentions '{words}' passes on the power "
                     "{power}.", words=within, power=power) if power else \
                t("No mandate whose 'within' mentions '{words}' passes on a declared power.",
                  words=within)
        return t("No mandate passes on the power {power}.", power=power) if power else \
            t("No mandate passes on a declared power.")
    emit(held, fmt, none_held if held.empty else None, t=t)


def _register_file(out_file=None, **_) -> None:
    """``mandates -o``: a register's kind, where it can be written."""
    if out_file is None:
        return
    if out_file.suffix.lower() not in (".md", ".csv", ".xlsx"):
        raise click.BadParameter(Message("{path}: write the register as .md, .csv or .xlsx",
                                         path=out_file), param_hint="--out")
    _folders_there(out_file)


@cli.command()
@reads_model(first=_register_file)
@click.option("--power", help="Only this power (an id, a name, or a part of one name, of "
              "org.yaml's powers).")
@click.option("-o", "--out", "out_file", type=_Path(path_type=Path, dir_okay=False),
              help="Write the register to a file: .md (Markdown), .csv or .xlsx.")
@format_option
def mandates(org, power, out_file, fmt):
    """The mandate register: per power, the chains of mandates down to posts.

    With holders, deputies, ceilings, instructions, validity, the decision and
    the signing formula.
    """
    from .mandates import NO_MANDATE, register, write_register
    reg = register(org, power)
    t = _t(org)
    if out_file:
        path = write_register(reg, out_file, org, lang=t.lang)
        out(t(count(len(reg), N_("Register of {n} mandate link written to {path}"),
                    N_("Register of {n} mandate links written to {path}"), path=path)))
        return
    if reg.empty:       # ("nothing to show" said nothing of why)
        emit(reg, fmt, lambda: t("No mandate names the power {power}.", power=power) if power
             else t(NO_MANDATE))
        return
    emit(reg, fmt, lambda: _table(reg[["power", "depth", "chain", "holders", "ceiling_applies",
                                       "valid_to", "decision", "signing"]], t))


def _who_decides_in_database(store, name, power, amount, role, fmt, **_):
    """``who-decides POWER --neo4j ORG``: from the mandates, the roles played
    and the holders alone (orgmodel.indb.mandate_model), not the whole."""
    from .indb import mandate_model
    from .indb import who_decides as in_database
    part = mandate_model(store, name)
    amount = _amount(part, amount)
    # (the part read once: for the amount's locale and the answer both)
    _show_who_decides(part, in_database(store, name, power, amount=amount, role=role,
                                        part=part), role, fmt)
    return True


def _an_amount_somewhere(ctx, param, value):
    """``--amount``: refused at once when it is no amount in any notation
    orgmodel reads (``abc``, ``-5``), before the organisation (or a server)
    is read; else read by :func:`_amount` in the organisation's."""
    from .notation import LOCALES
    if value is None:
        return None
    refusals = []
    for lang in LOCALES:
        try:
            _amount_in(value, lang)
            return value
        except click.BadParameter as why:
            refusals.append((lang, why))
    raise dict(refusals).get(_said_in(), refusals[0][1])


def _amount(org, amount):
    if amount is None:
        return None
    # (an organisation that declares no locale: as the command line's
    # language writes numbers, as its dates are read; a three-decimal amount
    # of the other notation is refused either way)
    return _amount_in(amount, org.manifest.get("locale") or _said_in())


def _amount_in(amount: str, locale: str) -> float:
    """``--amount`` as ``locale`` writes numbers: 0 or more, else refused."""
    from .notation import parse_number
    try:
        value = parse_number(amount, locale, amount=True)
    except OrgModelError as exc:
        raise click.BadParameter(said(exc), param_hint="--amount") from None
    if value < 0:
        raise click.BadParameter(Message("an amount is 0 or more"), param_hint="--amount")
    return value


def _show_who_decides(org, result, role, fmt):
    t = _t(org)
    if role:
        team = org.find_team(role)       # (a team is asked through the post that leads it)
        said = [t("the team {team} ({id}), through the post that leads it:",
                  team=org.label(team), id=team)] if team else []
        emit(result, fmt, lambda: "\n".join(said + [t(result["why"])] + [
            "  " + t("warning: the chain passes a link check flags: {finding}", finding=t(w))
            for w in result["warnings"]]))
        return
    emit(result, fmt, t=t)


@cli.command("who-decides")
@click.argument("power")
@reads_model(local=_who_decides_in_database)
@click.option("--amount", metavar="AMOUNT", callback=_an_amount_somewhere,
              help="The amount of the decision, written as the "
              "organisation writes numbers (its locale: 25.000 under nl, 25,000 under en; "
              "25000 always; without a locale, as the command's language writes them).")
@click.option("--role", help="Say whether this role (an id or name) may, and why.")
@format_option
def who_decides_cmd(org, power, amount, role, fmt):
    """Who may exercise POWER (on --on DATE, up to --amount), each with its chain."""
    from .mandates import who_decides
    amount = _amount(org, amount)
    _show_who_decides(org, who_decides(org, power, amount=amount, role=role), role, fmt)


@cli.command()
@click.argument("folder", type=_Path(path_type=Path))
@click.option("--out", "out_dir", type=_Path(path_type=Path, file_okay=False),
              help="Write the migrated folder here (default: in place).")
@lang_option
def migrate(folder, out_dir):
    """Migrate an organisation FOLDER of model v1 or v2 to model v3.

    v2: a Role is a post (kind Post) unless another role 'held' it: that one
    stays a Role, and the HOLDS becomes PLAYS.  v1: rows with source
    'assumption' become evidence 'assumed'; rows citing a source stay
    ungraded until a reader grades them.
    """
    from .migrate import migrate as run
    c = run(folder, out_dir)
    out(Message(
        "{v}: {posts}, {plays} HOLDS between roles now PLAYS, {assumed}",
        v=out_dir or folder, plays=c['plays'],
        posts=count(c['posts'], N_("{n} role now a post"), N_("{n} roles now posts")),
        assumed=count(c['assumed'], N_("{n} row now 'assumed'"), N_("{n} rows now 'assumed'")))
        + (Message("; rows citing a source are ungraded: grade them stated or inferred")
           if c["assumed"] else ""))


def _rules_checked(rules=(), **_) -> None:
    """``check --rule``: a rule orgmodel has no check for is refused first."""
    from .checks import CHECKS
    unknown = [r for r in rules if r.casefold() != "awb" and r not in CHECKS]
    if unknown:
        raise click.BadParameter(Message("no check for rule {rules}; checkable rules: {checkable}",
                                         rules=", ".join(unknown), checkable=", ".join(CHECKS)),
                                 param_hint="--rule")


@cli.command("check")
@reads_model(first=_rules_checked)
@click.option("--strict", is_flag=True, help="Exit 1 when there is any finding.")
@click.option("--rule", "rules", multiple=True,
              help="Only this rule (repeatable); 'awb' for the Awb's checks on mandates.")
@format_option
def check_cmd(org, strict, rules, fmt):
    """Governance checks (R1, R2, R3, R4, R5, R7, R10) with their sources, and the
    Awb's checks on mandates (10:1, 10:3, 10:4, 10:9)."""
    from .checks import CHECKS, applicable_rules, check
    wanted = [r for r in rules if r.casefold() != "awb"]
    awb = not rules or len(wanted) < len(rules)
    found = check(org, wanted if rules else None, awb=awb)
    t = _t(org)

    def table():
        lines = ([f"[{f['rule']}] {t(f['message'])}" + (f" ({t.cite(f['source'])})" if f["source"] and
                                                        f["source"] != f["rule"] else "")
                  for f in found.to_dict("records")]
                 or [t("{name}: no findings", name=org.name)])
        adopted = applicable_rules(org)
        checked = wanted if rules else [r for r in adopted if r in CHECKS]
        if checked:
            lines.append(t("rules checked: {rules}", rules=", ".join(checked))
                         + (t("; and the Awb's checks on mandates (10:1, 10:3, 10:4, 10:9)")
                            if awb else ""))
        elif awb:   # ("rules checked: none; and the Awb's ..." read as a slip)
            lines.append(t("rules checked: only the Awb's checks on mandates (10:1, 10:3, "
                           "10:4, 10:9)") + ("" if rules else "; " + t(
                               "org.yaml names none of the rules orgmodel checks ('rules')")))
        else:
            lines.append(t("rules checked: none"))
        elsewhere = {"R6": "layers", "R8": "advice", "R9": "portfolios"}
        unchecked = [r for r in adopted if r not in CHECKS]
        shown = [t("{rule} (see '{command}')", rule=r, command=elsewhere[r])
                 for r in unchecked if r in elsewhere]
        shown += [t("{rule} (not checked automatically)", rule=r)
                  for r in unchecked if r not in elsewhere]
        if shown and not rules:
            lines.append(t("also adopted: {rules}", rules=", ".join(shown)))
        return "\n".join(lines)
    emit(found, fmt, table)
    if strict and len(found):
        sys.exit(1)


@cli.command()
@reads_model
@format_option
def portfolios(org, fmt):
    """Portfolio balance (R9): items per category per holder, and the imbalance."""
    from .portfolios import portfolio_balance
    pb = portfolio_balance(org)
    t = _t(org)

    def table():
        if not len(pb.frame):       # (an imbalance of 0 of no portfolio read as a balance)
            return t("The data names no portfolios: there is no balance to test.")
        return (_table(pb.frame, t) + "\n\n" + t("Imbalance (coefficient of variation)")
                + f": {t.number(pb.imbalance) if pb.imbalance is not None else t('none')}")
    emit(pb.frame if fmt == "csv" else pb, fmt, table)


@cli.command()
@reads_model
@click.option("--threshold", type=click.IntRange(1, 13),
              help="Criteria needed (default: executive_commission_threshold; without "
                   "one, only the counts are given).")
@format_option
def advice(org, threshold, fmt):
    """Executive-commission advice (R8) from the organisation's own criteria."""
    from .advice import executive_commission_advice
    advised, t = executive_commission_advice(org, threshold), _t(org)
    emit(advised, fmt, (lambda: t("The data names no commissions.")) if advised.empty else None,
         t=t)


def _report_folder(out_dir, **_) -> None:
    """``report --out``: a folder, or where one can be made."""
    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(Message("{folder} is a file: give a folder for the report",
                                         folder=out_dir), param_hint="--out")
    _folders_there(out_dir)


@cli.command()
@reads_model(first=_report_folder)
@click.option("--out", "out_dir", type=_Path(path_type=Path), required=True,
              help="Folder for report.md, report.html, the charts, graph.html and one CSV "
                   "per analysis.")
def report(org, out_dir):
    """The main job: every analysis, as a report (Markdown and a self-contained HTML page)
    with charts, CSVs and the org charts; --lang nl writes it in Dutch."""
    from .report import write_report
    t = _t(org)
    path = write_report(org, out_dir, lang=t.lang)
    out(t("Report written to {path} and {html}", path=path, html=path.with_suffix(".html")))


@cli.command()
@click.option("--roles", "n_roles", type=click.IntRange(min=10), required=True,
              help="Number of roles.")
@click.option("--seed", default=0, show_default=True, help="Random seed: same seed, same files.")
@click.option("--out", "out_dir", type=_Path(path_type=Path, file_okay=False),
              required=True, help="Folder to write the organisation to.")
@click.option("--force", is_flag=True, help="Replace an organisation already in --out.")
@click.option("--shape", type=click.Choice(["municipality", "chain", "matrix"]),
              default="municipality", show_default=True,
              help="municipality: a realistic line with teams, commissions and partners; "
                   "chain: one line --roles deep; matrix: levels of two roles, each "
                   "reporting to both roles above.")
@lang_option
def synth(n_roles, seed, out_dir, force, shape):
    """Write a synthetic organisation (for scale tests and benchmarks).

    With --lang nl (or ORGMODEL_LANG=nl) the municipality is a Dutch one: the
    same organisation, its names and texts in Dutch.
    """
    from ._progress import task
    from .synth import SHAPES
    from .write import save
    _refuse_overwrite(out_dir, force)
    with task(Message("Writing a synthetic organisation of {n_roles} roles", n_roles=n_roles), 2) as step:
        # (a Dutch command line writes a Dutch municipality: its names and texts)
        org = SHAPES[shape](n_roles, seed, _t().lang)
        step("generated")
        with output_folder(out_dir):
            save(org, out_dir)
        step("written")
    out(Message(
        "Wrote {name}: {nodes}, {edges} to {out_dir}", name=org.name,
        **_nodes_and_edges(org.graph.number_of_nodes(), org.graph.number_of_edges()),
        out_dir=out_dir))


def _refuse_overwrite(out_dir: Path, force: bool, names: tuple = ()):
    """An organisation folder (or the files ``names`` a format writes into
    a folder) is only replaced when the user says so."""
    from .read import EDGES, MANIFEST, NODES
    there = [n for n in (names or (MANIFEST, NODES, EDGES)) if (out_dir / n).exists()]
    if there and not force:
        found = dict(folder=out_dir, files=", ".join(there))
        raise click.UsageError(
            Message("{folder} already holds an organisation ({files}); add --force to replace "
                    "them", found) if not names else
            Message("{folder} already holds files of the same names ({files}); add --force to "
                    "replace them", found))


@cli.group()
@lang_option
def export():
    """Export the organisation for people to look at."""


def _exporting(path, write):
    """Run ``write()`` under a progress bar named after the file (on a terminal)."""
    from ._progress import task
    with task(f"Exporting {Path(path).name}", 1) as step:
        result = write()
        step("written")
    return result


def _split(values):
    return [v.strip() for item in values for v in item.split(",") if v.strip()] or None


def _page_options(out_file, kinds=(), edge_kinds=(), **_) -> None:
    """``export html``: kinds the schema has, a page where it can be written."""
    from .schema import EDGE_KINDS, NODE_KINDS
    for k in _split(kinds) or ():
        if k not in NODE_KINDS:
            raise click.BadParameter(Message("'{k}' is not a node kind ({kinds})", k=k,
                                             kinds=", ".join(NODE_KINDS)),
                                     param_hint="--kinds")
    for k in _split(edge_kinds) or ():
        if k not in EDGE_KINDS:
            raise click.BadParameter(Message("'{k}' is not an edge kind ({kinds})", k=k,
                                             kinds=", ".join(EDGE_KINDS)),
                                     param_hint="--edge-kinds")
    _folders_there(out_file)


@export.command("html")
@reads_model(first=_page_options)
@click.option("-o", "--out", "out_file", type=_Path(path_type=Path, dir_okay=False),
              required=True, help="The HTML file to write.")
@click.option("--focus", metavar="ROLE", help="Draw only this role and its neighbourhood.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0), help="Steps around --focus.")
@click.option("--kinds", multiple=True, help="Node kinds to draw, e.g. Post,Partner.")
@click.option("--edge-kinds", multiple=True, help="Edge kinds to draw, e.g. REPORTS_TO.")
@click.option("--route", metavar="ROLE", help="Open the page with this role selected and its "
              "escalation routes drawn.")
def export_html(org, out_file, focus, depth, kinds, edge_kinds, route):
    """Write an interactive, self-contained org chart page (works offline)."""
    from .formats.html import write_html
    kinds, edge_kinds = _split(kinds), _split(edge_kinds)
    t = _t(org)
    path = _exporting(out_file, lambda: write_html(
        org, out_file, focus=focus, depth=depth, kinds=kinds, edge_kinds=edge_kinds,
        route=route, lang=t.lang))
    out(t("Graph written to {path}", path=path))


def _export_command(name, rows):
    """``orgmodel export NAME``, made from the formats registry's rows."""
    from .formats import guess
    cmd = rows[0].command
    names = [r.name for r in rows]

    def row_for(out_file):
        """The registry's row of the format ``out_file`` is written in."""
        if len(rows) == 1:
            return rows[0]
        try:
            fmt = guess(out_file) if Path(out_file).suffix else None
        except OrgModelError:
            fmt = None
        if fmt not in names:
            raise click.BadParameter(Message(
                "give a {v} file",
                v=Listing(" or ", [s for r in rows for s in r.suffixes[:1]])), param_hint="--out")
        return next(r for r in rows if r.name == fmt)

    def first(out_file, force=False):
        _folders_there(out_file)
        if cmd.folder:
            _refuse_overwrite(Path(out_file), force, cmd.files)
        row_for(out_file)

    @reads_model(whole=True, first=first)
    def command(org, out_file, force=False):
        row = row_for(out_file)
        writer = row.function("writer")
        write = (lambda: writer(org, out_file, row.name)) if row.passes_name else \
            (lambda: writer(org, out_file))
        label = f"{cmd.label} ({row.name})" if len(rows) > 1 else cmd.label
        with output_folder(out_file) if cmd.folder else contextlib.nullcontext():
            written = _exporting(out_file, write)
        out(Message("{label} written to {written}", label=label, written=written))
    command.__doc__ = cmd.export_help
    kind = _Path(path_type=Path, file_okay=False) if cmd.folder else \
        _Path(path_type=Path, dir_okay=False)
    command = click.option("-o", "--out", "out_file", type=kind, required=True,
                           help=cmd.out_help)(command)
    if cmd.folder:
        command = click.option("--force", is_flag=True, help="Replace files of the same "
                               f"names already in the folder ({', '.join(cmd.files)}).")(command)
    return click.command(name, help=cmd.export_help)(command)


def _import_command(name, rows):
    """``orgmodel import NAME``, made from the formats registry's rows."""
    from .formats import guess
    cmd = rows[0].command

    def command(source, out_dir, force):
        row = rows[0]
        if len(rows) > 1:
            row = next((r for r in rows if r.name == guess(source)), rows[0])
        left_out: list = []
        _import_into(out_dir, force, lambda: _read(source, row.name, left_out), source,
                     left_out)
    kind = _Path(path_type=Path, file_okay=False, exists=True) if cmd.folder else \
        _Path(path_type=Path, dir_okay=False, exists=True)
    command = click.option("--force", is_flag=True,
                           help="Replace an organisation already in --out.")(command)
    command = click.option("--out", "out_dir", type=_Path(path_type=Path), required=True,
                           help="The organisation folder to write.")(command)
    command = click.argument("source", type=kind)(command)
    return click.command(name, help=cmd.import_help)(lang_option(command))


def _chart_file(out_file, option="--out", **_) -> None:
    """``chart -o``: of a kind a chart is, where it can be written."""
    from .formats.chart import CHART_KINDS
    if out_file.suffix.lower() not in CHART_KINDS:
        raise click.BadParameter(Message("{v}: a chart is .svg, .png, .pdf or .dot",
                                         v=out_file.name), param_hint=option)
    _folders_there(out_file)


@cli.command()
@reads_model(first=_chart_file)
@click.option("-o", "--out", "out_file", type=_Path(path_type=Path, dir_okay=False),
              required=True, help="The chart to write: .svg, .png, .pdf (or .dot).")
@click.option("--route", metavar="ROLE", help="Highlight this role's line routes.")
@click.option("--focus", metavar="ROLE", help="Draw only this role and the posts around it.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0),
              help="Lines up and down from --focus.")
@click.option("--dpi", default=96, show_default=True, type=click.IntRange(24, 1200),
              help="The resolution of a PNG (a PNG too large for it is refused, never "
                   "shrunk).")
@paper_option
def chart(org, out_file, route, focus, depth, dpi, paper):
    """Draw the line as a static org chart with Graphviz, in pages that fit the
    paper: the top first, then a page per part that did not fit (a PDF holds
    them all; other kinds write page N beside the first as NAME-N)."""
    from .formats.chart import write_chart
    t = _t(org)
    _said_chart(t, write_chart(org, out_file, route=route, focus=focus, depth=depth,
                               lang=t.lang, dpi=dpi, paper=paper), out_file)


def _said_chart(t, written, path) -> None:
    """Where a chart went, and on how many pages."""
    n = written.pages
    out(t("Chart written to {path}", path=path) if n == 1 else
        t("Chart written to {path} ({n} pages)", path=path, n=n))


@cli.group("import")
@lang_option
def import_():
    """Import an organisation from posts tables, W3C ORG or Archi CSV; add a mandate register to one."""


def _import_target(out_dir: Path, force: bool):
    _refuse_overwrite(out_dir, force)
    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(Message("{folder} is a file, not a folder", folder=out_dir))
    _folders_there(out_dir)


def _import_into(out_dir: Path, force: bool, read, source=None, left_out=None):
    """Read an organisation (``read()``) and save it as the folder ``out_dir``;
    the rows the reader left out (``left_out``), if any, are named on the
    terminal (the first :data:`SHOWN_LEFT_OUT`) and in ``IMPORT.md``."""
    from .write import left_out_lines, save
    _import_target(out_dir, force)
    org = read()
    t = _t(org)
    lines = left_out_lines(source, left_out)
    with output_folder(out_dir):
        save(org, out_dir, left_out, source, t.lang)
    _say_left_out(t, lines)
    out(t(Message(
        "Imported {name}: {nodes}, {edges} into {out_dir}", name=org.name,
        **_nodes_and_edges(org.graph.number_of_nodes(), org.graph.number_of_edges()),
        out_dir=out_dir)) + (t(Message(" (what was left out: {v})", v=out_dir / "IMPORT.md"))
                             if lines else ""))


def _nodes_and_edges(n_nodes: int, n_edges: int) -> dict:
    """``nodes`` and ``edges`` as counted words (``1 node``, ``2 edges``)."""
    return {"nodes": count(n_nodes, N_("{n} node"), N_("{n} nodes")),
            "edges": count(n_edges, N_("{n} edge"), N_("{n} edges"))}


#: How many rows left out an import names on the terminal (IMPORT.md names all).
SHOWN_LEFT_OUT = 20


def _say_left_out(t, lines) -> None:
    """The rows left out on the terminal: the first :data:`SHOWN_LEFT_OUT`."""
    if not lines:
        return
    out("\n".join(map(t, lines[2:3 + SHOWN_LEFT_OUT])))
    if len(lines) - 3 > SHOWN_LEFT_OUT:
        out("  " + t("... and {n} more", n=len(lines) - 3 - SHOWN_LEFT_OUT))


def _hours(ctx, param, value):
    """--full-time: a number of hours (36, 36,5 or 36.5)."""
    from .notation import parse_number
    if value is None:
        return None
    try:
        hours = parse_number(value, None)
    except OrgModelError as exc:
        raise click.BadParameter(said(exc)) from None
    if not 0 < hours <= 168:
        raise click.BadParameter(Message("a week has more than 0 and at most 168 hours"))
    return hours


@import_.command("posts")
@lang_option
@click.argument("posts_file", type=_Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--junior", "junior_file", type=_Path(path_type=Path, dir_okay=False,
              exists=True), help="Junior staff counted per grade under their senior post.")
@click.option("--out", "out_dir", type=_Path(path_type=Path), required=True,
              help="The organisation folder to write.")
@click.option("--preset", type=click.Choice(["uk-organogram", "nl-hr"]),
              help="A known file format (its column names and values): uk-organogram, or "
                   "nl-hr for a Dutch HR export (read under locale nl).")
@click.option("--id", "c_id", metavar="COLUMN", callback=_named, help="Column of the post id.")
@click.option("--reports-to", "c_sup", metavar="COLUMN", callback=_named, help="Column of the superior's post id.")
@click.option("--second-line", "c_second", metavar="COLUMN", callback=_named,
              help="Column of a second superior (Functioneel leidinggevende: a functional or "
                   "matrix line), read as a second reporting line, which routes take beside the "
                   "first; not read unless given.")
@click.option("--title", "c_title", metavar="COLUMN", callback=_named, help="Column of the job title.")
@click.option("--roles", "c_roles", metavar="COLUMN", callback=_named,
              help="Column of the roles each post plays (rollen: 'Budgethouder, "
                   "Projectleider', several between commas or semicolons), each read as a role "
                   "the post plays; not read unless given.")
@click.option("--unit", "c_unit", metavar="COLUMN", callback=_named, multiple=True,
              help="Column of the unit; given again for a unit's levels, the widest first "
                   "(--unit Afdeling --unit Team: each team in the afdeling on its row).")
@click.option("--fte", "c_fte", metavar="COLUMN", callback=_named, help="Column of the FTE.")
@click.option("--holder", "c_holder", metavar="COLUMN", callback=_named, multiple=True,
              help="Column of the holder's name; given again for a name in parts, in order "
                   "(--holder Voornaam --holder Tussenvoegsel --holder Achternaam: joined with "
                   "a space).")
@click.option("--holder-fte", "c_holder_fte", metavar="COLUMN", callback=_named,
              help="Column of the holder's own FTE (a bezetting beside the post's formatie): on "
                   "the holder, where the FTE column gives the post's.")
@click.option("--grade", "c_grade", metavar="COLUMN", callback=_named, help="Column of the grade.")
@click.option("--hours", "c_hours", metavar="COLUMN", callback=_named, help="Column of the hours per week, read "
              "as FTE over --full-time when the file has no FTE column.")
@click.option("--full-time", "full_time", metavar="HOURS", callback=_hours,
              help="The hours of this organisation's full-time week (36, say): hours per week "
                   "(a column of them, or '32 uur') are read as FTE over it. None is assumed.")
@click.option("--unknown-superior", type=click.Choice(["error", "external"]),
              help="A superior not in the file: an error, or a role outside the organisation "
                   "(default: the preset's, else error).")
@click.option("--name", help="The organisation's name (default: from the file).")
@click.option("--date", callback=_file_date, help="The date the file describes (YYYY-MM-DD, or as "
              "the file writes dates: 31-12-2026 in a Dutch one; "
              "default: a date in the file's name, or one a title above the table states after "
              "'per', 'peildatum' or 'as at').")
@click.option("--sheet", help="The sheet of a workbook posts file (default: the sheet with a "
              "header row of posts; several such sheets are refused).")
@click.option("--junior-sheet", help="The sheet of a workbook junior file (default: the first "
              "sheet with the senior post column).")
@click.option("--locale", type=click.Choice(["nl", "en"]), help="How the files write numbers: "
              "nl (0,8; 1.000) or en (0.8; 1,000); kept in org.yaml.")
@click.option("--strict", is_flag=True, help="Refuse the import (write nothing) when a row is "
              "left out or a cell not used; each is named.")
@click.option("--split-reused-ids", is_flag=True, help="A post id on rows that describe "
              "different posts: keep each row as its own post (ID~ROW) instead of refusing.")
@click.option("--reports-to-by", "reports_to_by", metavar="id|holder|COLUMN", default="id",
              show_default=True,
              help="What the superior column gives: the superior's post id; the name of the "
                   "person holding that post (holder, as many HR exports name the manager, also "
                   "'Vries, Anna de', 'Mevr. A. de Vries' or 'Anna de Vries (Hoofd)'); or the "
                   "value of another COLUMN on the superior's row (a personeelsnummer).")
@click.option("--no-line", "no_line", is_flag=True,
              help="The file gives no reporting lines (a formatie list by unit): read its posts "
                   "without them; the line is not recorded.")
@click.option("--row-ids", "row_ids", is_flag=True,
              help="The file gives no post ids (a list of employees with their manager's name): "
                   "each row is a post, its id its row number (R2, R3 ...); with --reports-to-by "
                   "holder or COLUMN, or --no-line.")
@click.option("--unit-headings", "unit_headings", is_flag=True,
              help="A row with one cell filled in (in the first column, or the post id's or "
                   "job title's), a heading over a part of the table ('Afdeling Ruimte'), names "
                   "the unit of the posts under it, up to the next heading: the widest unit, "
                   "--unit's columns inside it.")
@click.option("--fill-ditto", "fill_ditto", is_flag=True,
              help="Read a ditto mark typed for 'the same as the row above' (idem, \", 〃) as "
                   "the cell above it, said in the log (without it such a cell is refused).")
@click.option("--unit-path", "unit_path", metavar="SEP",
              help="The unit column writes a unit's place as a path, its parts between SEP "
                   "('Ruimte / Vergunningen' with --unit-path /): each part a unit inside the one "
                   "before.")
@click.option("--force", is_flag=True, help="Replace an organisation already in --out.")
def import_posts(posts_file, junior_file, out_dir, preset, c_id, c_sup, c_second, c_title, c_roles,
                 c_unit,
                 c_fte,
                 c_holder, c_holder_fte, c_grade, c_hours, full_time, unknown_superior, name, date, sheet,
                 junior_sheet, locale, strict, split_reused_ids, reports_to_by, no_line, row_ids,
                 unit_headings, unit_path, fill_ditto, force):
    """Import one row per post (CSV, XLSX, XLS or ODS) into an organisation folder.

    Prints what it found and decided, and writes that as IMPORT.md beside the data.
    """
    from .formats.posts import PRESETS, Columns, import_posts
    _import_target(out_dir, force)
    # (the language of what it says: --lang, ORGMODEL_LANG, else Dutch for a
    # Dutch export)
    t = _t()
    global _OWN
    lang = t.lang if _LANG or os.environ.get("ORGMODEL_LANG") else (
        "nl" if preset == "nl-hr" or locale == "nl" else "en")
    t, _OWN = translator_of(lang), lang      # (its refusals in that language too)
    if isinstance(date, _DateText):
        # (a date written as the file writes them: a Dutch file's 31-12-2026)
        dutch = "nl" in (lang, locale, preset and PRESETS[preset].locale)
        date = _read_date(date, "nl" if dutch else "en", "--date")
    given = dict(id=c_id, reports_to=c_sup, second_line=c_second, title=c_title, roles=c_roles,
                 fte=c_fte,
                 holder=c_holder[0] if len(c_holder) == 1 else None,
                 holder_parts=tuple(c_holder) if len(c_holder) > 1 else None,
                 grade=c_grade, hours=c_hours, holder_fte=c_holder_fte,
                 unit=c_unit[0] if len(c_unit) == 1 else None,
                 units=tuple(c_unit) if len(c_unit) > 1 else None)
    columns = Columns(**given)     # None: the preset's (or the plain default) column
    with output_folder(out_dir):
        n_nodes, n_edges, log = import_posts(posts_file, junior_file, out_dir, preset=preset,
                                             columns=columns, name=name, date=date,
                                             unknown_superior=unknown_superior, sheet=sheet,
                                             junior_sheet=junior_sheet, locale=locale,
                                             strict=strict, lang=lang,
                                             reused_ids="split" if split_reused_ids else "error",
                                             reports_to_by=reports_to_by,
                                             full_time=full_time, line=not no_line,
                                             row_ids=row_ids, unit_headings=unit_headings,
                                             unit_path=unit_path, fill_ditto=fill_ditto)
    out("\n".join(map(_line_by_line(t), log.lines())))
    out(t(Message(
        "\nImported {nodes} and {edges} into {out_dir} (what was decided: {v})",
        **_nodes_and_edges(n_nodes, n_edges), out_dir=out_dir, v=out_dir / 'IMPORT.md')))


@import_.command("mandates")
@lang_option
@click.argument("register_file", type=_Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--org", "folder", type=_Path(path_type=Path, file_okay=False, exists=True),
              required=True, help="The organisation folder the mandates are added to.")
@click.option("--sheet", help="The sheet of a workbook register (default: the sheet with a "
              "header row of mandates).")
@click.option("--locale", type=click.Choice(["nl", "en"]), help="How the register writes "
              "numbers and dates: nl (25.000; 1-7-2026) or en (default: the folder's locale).")
@click.option("--replace", is_flag=True, help="Replace the mandates the folder holds with the "
              "register's (without it, a folder with mandates is refused).")
@click.option("--add-bodies", is_flag=True, help="A competent body (bevoegd orgaan, or a "
              "mandator that names one: het college, de raad, de burgemeester) that no post of "
              "the folder is named for is added as a political post.")
@click.option("--every-post", is_flag=True, help="A mandatee named by a job title that several "
              "posts have (Teamleider, or Teamleiders) is each of them: each is given the "
              "mandate, graded inferred (without it, such a row is refused).")
@click.option("--fill-ditto", "fill_ditto", is_flag=True,
              help="Read a ditto mark typed for 'the same as the row above' (idem, \", 〃) as "
                   "the cell above it, said in the log (without it such a cell is refused).")
def import_mandates(register_file, folder, sheet, locale, replace, add_bodies, every_post,
                    fill_ditto):
    """Add a mandate register (CSV, XLSX, XLS or ODS) to an organisation folder.

    Reads the columns `orgmodel mandates --out` writes, in English or Dutch
    (bevoegdheid, mandaatgever, gemandateerde, financiële grens ...): each row
    a mandate (MANDATES edge), its power declared in org.yaml when new.
    """
    from .formats.register import import_register
    _folder_language(folder)
    t = _t()
    log = import_register(register_file, folder, sheet=sheet, locale=locale, replace=replace,
                          add_bodies=add_bodies, every_post=every_post,
                          fill_ditto=fill_ditto)
    out("\n".join(map(_line_by_line(t), log.lines())))
    out(t(count(log.mandates, N_("\nAdded {n} mandate from {file} to {folder} (what was "
                                 "decided: {log})"),
                N_("\nAdded {n} mandates from {file} to {folder} (what was decided: {log})"),
                file=register_file, folder=folder, log=folder / "IMPORT.md")))


def _add_format_commands():
    # (one export and one import command per command of the formats registry:
    # a new format is one module and one row of orgmodel.formats)
    from .formats import commands
    for name, rows in commands().items():
        if any(r.can_write for r in rows):
            export.add_command(_export_command(name, [r for r in rows if r.can_write]))
        if any(r.can_read for r in rows):
            import_.add_command(_import_command(name, [r for r in rows if r.can_read]))


_add_format_commands()


#: The exit status of ``diff --fail-on`` and ``whatif --fail-on`` when the
#: change breaks one of the named things (1 is an error, 2 a usage error).
BROKEN_EXIT = 3


def _read_sides(as_is, to_be, neo4j) -> list:
    """The two organisations a diff compares: files, or (``neo4j``) names
    in the database, both read over one connection once both names read
    (a mistyped version is said before the server is asked anything)."""
    if not neo4j:
        for value in (as_is, to_be):
            if not Path(value).exists():
                raise click.BadParameter(Message("{path} does not exist", path=value))
        return [_read(as_is), _read(to_be)]
    from .store import connect, pull_model
    named = [_versioned_name(v) for v in (as_is, to_be)]
    with connect() as store:
        orgs = [pull_model(store, name, version=version, at=at) for name, version, at in named]
    for org in orgs:
        _own_language(org)
    return orgs


def _versioned_name(value: str) -> tuple:
    """``(name, version, at)`` of ``ORG``, ``ORG@N`` (a version) or ``ORG@DATE``.

    >>> _versioned_name("Deventer@3")
    ('Deventer', 3, None)
    >>> _versioned_name("Deventer@2026-12-01")
    ('Deventer', None, '2026-12-01T23:59:59.999+00:00')
    >>> _versioned_name("Deventer")
    ('Deventer', None, None)
    >>> _versioned_name("Deventer@1 December 2026")
    ('Deventer', None, '2026-12-01T23:59:59.999+00:00')

    A date may be written as the command's language writes one, as ``db pull
    --at`` reads it (``Deventer@31-12-2026`` in Dutch).
    """
    name, sep, suffix = value.rpartition("@")
    if not sep or not name:
        return value, None, None
    if suffix.isdigit() and int(suffix) > 0:
        return name, int(suffix), None
    if re.fullmatch(r"\d{4}-\d\d-\d\d([T ].*)?", suffix) or _written_day(suffix):
        return name, None, _moment(suffix)
    how = _DATES_WRITTEN.get(_said_in(), _DATES_WRITTEN["en"])
    raise click.BadParameter(Message("'{value}': after '@' comes a version (a number from db "
                                     "log) or a date ({how})", value=value, how=Message(how)))


def _fail_on(value):
    from .diff import FAIL_ON
    wanted = [v.strip() for v in (value or "").split(",") if v.strip()]
    bad = [v for v in wanted if v not in FAIL_ON]
    if bad:
        raise click.BadParameter(Message("{bad}: choose from {choices}", bad=", ".join(bad),
                                         choices=", ".join(FAIL_ON)),
                                 param_hint="--fail-on")
    return wanted


def _write_diff(d, out_dir: Path, lang: str = "en"):
    from .diff import write_diff
    for name, where in write_diff(d, out_dir, lang).items():
        if isinstance(where, str):
            out(Message("No {name}: {why}", name=name, why=where), err=True)


def _report_diff(d, out_dir, fmt, fail_on, written=False):
    t = _t(d.after)
    if out_dir and not written:
        with output_folder(out_dir):
            _write_diff(d, out_dir, t.lang)
    if fmt == "table":
        md = d.markdown(t.lang)
        # (with --out: the title and the first lines of the impact, up to the
        # section on what changes)
        impact = "\n## ".join(md.split("\n## ")[:2])
        out(md if not out_dir else "\n".join(impact.splitlines()[:12]))
        if out_dir:
            out("\n" + t("The whole comparison: {md}; the change list: {csv} and changes.json",
                         md=out_dir / "DIFF.md", csv=out_dir / "changes.csv"))
    else:
        emit(d.changes(), fmt)
    broken = {k: v for k, v in d.broken().items() if k in fail_on and v}
    if broken:
        out(t("The change breaks: {what}", what=", ".join(f"{t.number(v)} {t(k)}"
                                                          for k, v in broken.items())),
            err=True)
        sys.exit(BROKEN_EXIT)


def _events_kind(path: Path) -> str:
    """``diff --events``: the W3C ORG format its file is written in."""
    from .formats import guess
    try:
        kind = guess(path)
    except OrgModelError:
        kind = None
    if kind not in ("turtle", "json-ld"):
        raise click.BadParameter(Message("give a .ttl or .jsonld file"), param_hint="--events")
    _folders_there(path)
    return kind


@cli.command("diff")
@lang_option
@click.argument("as_is")
@click.argument("to_be")
@click.option("--neo4j", "neo4j", is_flag=True,
              help="AS_IS and TO_BE are organisation names in Neo4j, not files; NAME@N is "
                   "its version N, NAME@DATE the version that held on that day (YYYY-MM-DD, or "
                   "as the command's language writes a date: 31-12-2026 in Dutch).")
@click.option("--key", default="id", show_default=True,
              help="Match nodes on this column instead of id, or on two (name,grade) when "
                   "one does not tell them apart.")
@click.option("--out", "out_dir", type=_Path(path_type=Path, file_okay=False),
              help="Write DIFF.md, diff.html, changes.csv and changes.json into this folder.")
@click.option("--fail-on", "fail_on", metavar="WHAT",
              help="Exit 3 when the change breaks any of: routes, mandates, findings, roles, "
                   "commissions (comma-separated).")
@click.option("--events", "events_file", type=_Path(path_type=Path, dir_okay=False),
              help="Also write the change as W3C ORG org:ChangeEvent records (.ttl or .jsonld).")
@click.option("--chart", "chart_file", type=_Path(path_type=Path, dir_okay=False),
              help="Also draw the change as a static chart (.svg, .png, .pdf), in pages "
                   "that fit --paper.")
@paper_option
@format_option
def diff_cmd(as_is, to_be, neo4j, key, out_dir, fail_on, events_file, chart_file, paper, fmt):
    """What changes from AS_IS to TO_BE (folders, workbooks, ORG files or, with
    --neo4j, organisation names), and what it does to who decides.

    Exit status: 0, or 3 when --fail-on names something the change breaks.
    """
    from .diff import diff
    wanted = _fail_on(fail_on)
    # (what the options name is checked before the two sides are read)
    events_kind = _events_kind(events_file) if events_file else None
    if chart_file:
        _chart_file(chart_file, "--chart")
    if out_dir:
        _folders_there(out_dir)
    d = diff(*_read_sides(as_is, to_be, neo4j), key=key)
    if events_file:
        from .formats.w3c_org import write_change_events
        write_change_events(d, events_file, events_kind)
    if chart_file:
        from .formats.chart import write_chart
        write_chart(d.after, chart_file, diff=d, paper=paper)
    _report_diff(d, out_dir, fmt, wanted)


@cli.command()
@lang_option
@click.option("--org", "org_dir", type=_Path(path_type=Path, exists=True), required=True,
              help="The as-is organisation (folder, workbook or ORG file).")
@click.option("--changes", "changes_file", type=_Path(path_type=Path, dir_okay=False,
              exists=True), required=True, help="The change script (a YAML list).")
@click.option("--out", "out_dir", type=_Path(path_type=Path), required=True,
              help="The to-be organisation folder to write (with DIFF.md and the change list).")
@click.option("--fail-on", "fail_on", metavar="WHAT",
              help="Exit 3 when the change breaks any of: routes, mandates, findings, roles, "
                   "commissions.")
@click.option("--force", is_flag=True, help="Replace an organisation already in --out.")
@format_option
def whatif(org_dir, changes_file, out_dir, fail_on, force, fmt):
    """Apply a change script to an organisation: write the to-be folder and its diff.

    The script is a YAML list: '- close: ID' (reports: superior|keep|none),
    '- move: ID' (to: SUPERIOR, unit: TEAM), '- merge: [KEEP, GONE]',
    '- add: {id: ..., kind: ..., name: ..., reports_to: ...}', '- move_mandate: {...}',
    '- move_commission: {...}'.
    """
    from .diff import diff
    from .whatif import apply, read_changes
    from .write import save
    wanted = _fail_on(fail_on)
    _refuse_overwrite(out_dir, force)
    _folders_there(out_dir)
    before = _read(org_dir)
    after = apply(before, read_changes(changes_file))
    d = diff(before, after)
    d.what_if = Path(changes_file).name
    with output_folder(out_dir):
        save(after, out_dir)
        _write_diff(d, out_dir, _t(after).lang)
    _report_diff(d, out_dir, fmt, wanted, written=True)


@cli.command()
@click.argument("source", type=_Path(path_type=Path, exists=True))
@click.argument("target", type=_Path(path_type=Path))
@click.option("--from", "src_fmt", type=click.Choice(readable()),
              help="The source's format (default: from its name).")
@click.option("--to", "dst_fmt", type=click.Choice(writable()),
              help="The target's format (default: from its name).")
@click.option("--force", is_flag=True, help="Replace an organisation already in TARGET.")
@lang_option
def convert(source, target, src_fmt, dst_fmt, force):
    """Convert an organisation between formats: a folder, a workbook (.xlsx),
    W3C ORG (.ttl, .jsonld), Archi CSV (--to archi), GraphML, GEXF.

    Example: orgmodel convert data/deventer deventer.xlsx (and back).
    """
    from .formats import FORMATS, guess, write_any
    dst = guess(target, dst_fmt)
    if dst in ("folder", "archi"):
        _import_target(target, force)
        _refuse_overwrite(target, force, FORMATS[dst].command.files if dst == "archi" else ())
    elif target.exists() and not force:
        raise click.UsageError(Message(
            "{target} exists; add --force to replace it",
            target=target))
    _folders_there(target)
    left_out: list = []
    org = _read(source, src_fmt, left_out)
    from .write import left_out_lines, save
    lines = left_out_lines(source, left_out)
    with output_folder(target) if dst in ("folder", "archi") else contextlib.nullcontext():
        if dst == "folder":
            save(org, target, left_out, source, _t(org).lang)
            path = target
        else:
            path = _exporting(target, lambda: write_any(org, target, dst))
    _say_left_out(_t(org), lines)
    out(Message(
        "{name}: {nodes}, {edges} written to {path} ({dst})", name=org.name,
        **_nodes_and_edges(org.graph.number_of_nodes(), org.graph.number_of_edges()), path=path,
        dst=dst))


def connection_options(f):
    """--uri/--user/--password/--database, defaulting to the NEO4J_* variables."""
    f = click.option("--database", envvar="NEO4J_DATABASE",
                     help="Database name [env NEO4J_DATABASE; default: the server's].")(f)
    f = click.option("--password", envvar="NEO4J_PASSWORD", show_envvar=True,
                     help="Password; prefer the NEO4J_PASSWORD variable (never printed).")(f)
    f = click.option("--user", envvar="NEO4J_USER", help="User [env NEO4J_USER; default neo4j].")(f)
    f = click.option("--uri", envvar="NEO4J_URI",
                     help="Server address [env NEO4J_URI; default bolt://127.0.0.1:7687].")(f)
    return f


def _store(uri, user, password, database):
    from .store import connect
    return connect(uri, user, password, database)


@cli.group()
@lang_option
def db():
    """Share a model through Neo4j: push, pull, query, status, serve."""


@db.command()
@lang_option
@org_option
@connection_options
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Rows per UNWIND batch (1 or more).")
@click.option("--message", "-m", help="Why: kept with the change in the history (db log).")
@click.option("--force", is_flag=True,
              help="Write this model over whatever the database holds (others' changes too).")
def push(org_dir, uri, user, password, database, batch_size, message, force):
    """Write an organisation to the shared model: only what changed since it was pulled.

    Changes others pushed meanwhile are kept (and written into the folder);
    a push that changed the same post, edge or org.yaml as theirs is refused,
    nothing written.  Every push is a version in the history (db log).
    """
    from .store import BASE_FILE, Base
    from .store import push as do_push
    if org_dir is None:
        raise click.UsageError(Message("--org DIR is required"))
    org = _read(org_dir)
    base = Base.read(org_dir) if Path(org_dir).is_dir() else None
    with _store(uri, user, password, database) as store:
        if org.graph.number_of_nodes() > 5 * batch_size:
            # (its length is the number of changes the push writes, which it
            # gives with its first batch: the model's size left a push of 1%
            # at 1% when it was done)
            with click.progressbar(length=1, label=f"Pushing {org.name}",
                                   file=sys.stderr) as bar:
                state = {"done": 0}

                def progress(done, total):
                    bar.length = max(total, 1)
                    bar.update(done - state["done"])
                    state["done"] = done
                res = do_push(store, org, batch_size, progress, base=base, force=force,
                              message=message, validated=True)
        else:
            # (read_any validated what it read: every reader does)
            res = do_push(store, org, batch_size, base=base, force=force, message=message,
                          validated=True)
    if Path(org_dir).is_dir():
        _record_push(org_dir, res, BASE_FILE)
    if res["mode"] == "unchanged":
        out(Message("{organisation} is unchanged: nothing to push (version {version})",
                    organisation=res["organisation"], version=str(res["version"])))
        return
    if res["mode"] != "changed":
        out(Message("Pushed {organisation} as version {version} ({how}): {nodes}, {edges}",
                    organisation=res["organisation"], version=str(res["version"]),
                    how=Message("new") if res["mode"] == "created" else Message("replaced"),
                    **_nodes_and_edges(res["nodes"], res["edges"])))
        return
    out(Message(
        "Pushed {organisation} as version {version}: {added} added, {changed} changed, "
        "{removed} removed (nodes and edges; it holds {nodes}, {edges})",
        organisation=res["organisation"], version=str(res["version"]), added=res["added"],
        changed=res["changed"], removed=res["removed"],
        **_nodes_and_edges(res["nodes"], res["edges"])))
    if res.get("theirs"):
        text = (N_("Kept the changes of version {versions}, pushed by others since you "
                   "pulled; {folder} now has them too") if len(res["theirs"]) == 1 else
                N_("Kept the changes of versions {versions}, pushed by others since you "
                   "pulled; {folder} now has them too"))
        out(Message(text, versions=", ".join(map(str, res["theirs"])), folder=org_dir))


def _record_push(folder, res, base_file):
    """After a push: the folder records the version it now is (and, when
    others' changes were merged in, holds them too)."""
    from .versions import to_model
    from .write import to_tables, write_tables
    if res.get("theirs"):
        manifest, nodes, edges = to_tables(to_model(res["snapshot"]))
        write_tables(manifest, nodes, edges, folder, extra={base_file: res["base"].to_text()})
    else:
        from ._staging import replace_text
        replace_text(Path(folder) / base_file, res["base"].to_text())


@db.command()
@lang_option
@click.argument("org_name", required=False, metavar="ORG")
@click.option("--org-name", "org_name_opt", help="Name of the organisation (or give it as ORG).")
@click.option("--out", "out_dir", type=_Path(path_type=Path, file_okay=False),
              required=True, help="Folder to write org.yaml, nodes.csv and edges.csv to.")
@click.option("--version", "version", type=click.IntRange(min=1),
              help="An earlier version (a number from db log).")
@click.option("--at", "at", metavar="DATE",
              help="The version that held on DATE (YYYY-MM-DD, or as the command's language "
                   "writes a date: 31-12-2026 in Dutch; at its end, UTC) or at a time "
                   "(YYYY-MM-DDTHH:MM[:SS], UTC).")
@click.option("--force", is_flag=True, help="Replace an organisation already in --out.")
@connection_options
def pull(org_name, org_name_opt, out_dir, version, at, force, uri, user, password, database):
    """Rebuild an organisation's data folder from the database (any version)."""
    from .store import pull as do_pull
    name = _one_name(org_name, org_name_opt)
    if version and at:
        raise click.UsageError(Message("give --version or --at, not both"))
    moment = _moment(at) if at else None
    _refuse_overwrite(out_dir, force)
    _folders_there(out_dir)
    with _store(uri, user, password, database) as store, output_folder(out_dir):
        path = do_pull(store, name, out_dir, version=version, at=moment)
    out(Message("Pulled {org_name} into {path}", org_name=name, path=path))


def _one_name(arg, opt):
    if bool(arg) == bool(opt):
        raise click.UsageError(Message("give the organisation's name once: ORG or --org-name ORG"))
    return arg or opt


def _moment(text: str) -> str:
    """``--at``'s date or time as an ISO instant (UTC) to compare with the history's.
    A date may also be written as the command's language writes one
    (``31-12-2026`` or ``31 december 2026`` in Dutch, as the history shows
    its times; ``31 December 2026`` in English).

    >>> _moment("2026-12-01")
    '2026-12-01T23:59:59.999+00:00'
    >>> _moment("2026-12-01T09:30")
    '2026-12-01T09:30:00.000+00:00'
    >>> _moment("1 December 2026")
    '2026-12-01T23:59:59.999+00:00'
    """
    import datetime as dt
    given = text.strip()
    try:
        # (a day alone, YYYY-MM-DD or written out, is read below: at its end)
        when = None if len(given) == 10 and given[4:5] == "-" else dt.datetime.fromisoformat(given)
    except ValueError:
        when = None
    if when is None:
        day = _written_day(given)
        if day is None:
            how = _DATES_WRITTEN.get(_said_in(), _DATES_WRITTEN["en"])
            raise click.BadParameter(Message("'{text_}' is not a date ({how}) or a time "
                                             "(YYYY-MM-DDTHH:MM)", text_=text, how=Message(how)),
                                     param_hint="--at")
        when = dt.datetime.combine(day, dt.time(23, 59, 59, 999000))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")


#: How a date for --at may be written, per language of the command line.
_DATES_WRITTEN = {"nl": N_("YYYY-MM-DD, 31-12-2026 or 31 december 2026"),
                  "en": N_("YYYY-MM-DD or 31 December 2026")}


def _written_day(text: str):
    """A date as the command line's language writes it (see
    :func:`orgmodel.notation.parse_date`), or None."""
    import datetime as dt

    from .notation import parse_date
    try:
        return dt.date.fromisoformat(parse_date(text, _said_in()))
    except OrgModelError:
        return None


@db.command("log")
@lang_option
@click.argument("org_name", metavar="ORG")
@click.option("--version", "version", type=click.IntRange(min=1),
              help="Show what one version changed (its change events).")
@connection_options
@format_option
def log_cmd(org_name, version, uri, user, password, database, fmt):
    """The history of an organisation: who pushed what, when and why."""
    from .store import change_events, log
    with _store(uri, user, password, database) as store:
        table = change_events(store, org_name, version) if version else log(store, org_name)
    if fmt == "table" and version and table.empty:
        out(Message("version {version} of {name} keeps no list of its changes: a first push, "
                    "and a forced push not based on a pulled version, keep none ('db pull "
                    "{name} --version {version}' reads what it held)", version=str(version),
                    name=org_name))
        return
    if fmt == "table":
        # (a push's own message, not a check's finding, which "message" names elsewhere)
        table = table.rename(columns={"message": "push_message"})
    emit(table, fmt, t=_t())


@db.command()
@lang_option
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Query parameter (repeatable); a JSON value such as [\"a\"] is parsed.")
@connection_options
@format_option
def query(name, params, uri, user, password, database, fmt):
    """Run a query of cypher/ by NAME (escalation, layering, span, partners ...)."""
    from .store import run_query
    values = {}
    for p in params:
        key, sep, raw = p.partition("=")
        if not sep or not key:
            raise click.BadParameter(Message("'{p}' is not KEY=VALUE", p=p), param_hint="--param")
        try:
            values[key] = json.loads(raw)
        except json.JSONDecodeError:
            values[key] = raw
    with _store(uri, user, password, database) as store:
        emit(run_query(store, name, **values), fmt, t=_t())


@db.command()
@lang_option
@connection_options
@format_option
def status(uri, user, password, database, fmt):
    """Check the connection and list the organisations stored."""
    from .store import organisations
    with _store(uri, user, password, database) as store:
        info = store.driver.get_server_info()
        orgs = organisations(store)
        rec = {"uri": store.uri, "user": store.user, "database": store.database,
               "server": info.agent, "organisations": orgs.to_dict("records")}
    t = _t()
    emit(rec, fmt, lambda: t("Connected to {server} at {uri} as {user} (database {database})",
                             server=rec["server"], uri=rec["uri"], user=rec["user"],
                             database=rec["database"] or Message("default"))
         + "\n\n" + _table(orgs, t))


@db.command()
@click.option("--engine", type=click.Choice(["neo4j", "arcadedb"]), default=None,
              help="Neo4j 5 Community (needs Java 17 and Maven; the default where they are "
                   "there) or ArcadeDB (needs nothing more).")
@click.option("--port", default=7687, show_default=True, type=click.IntRange(1, 65535),
              help="Bolt port (loopback only).")
@click.option("--root", default="./orgmodel-db", show_default=True,
              type=_Path(file_okay=False), help="Where the server keeps its data.")
@click.option("--database", default="orgmodel", show_default=True,
              help="Database to create (ArcadeDB; Neo4j Community has one, 'neo4j').")
@lang_option
def serve(engine, port, root, database):
    """Start a local Bolt server on 127.0.0.1: Neo4j 5 or ArcadeDB."""
    import os
    import threading

    from .server import DEFAULT_PASSWORD, USERS, default_engine
    from .server import serve as run_server
    engine = engine or default_engine()
    password = os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD
    user = USERS[engine]
    shown_db = database if engine == "arcadedb" else "neo4j"

    def ready(uri):
        out(Message(
            "{engine} ready at {uri}, database '{database}', user {user}.",
            engine="Neo4j" if engine == "neo4j" else "ArcadeDB", uri=uri, database=shown_db,
            user=user))
        out(Message(
            "  export NEO4J_URI={uri} NEO4J_USER={user} NEO4J_DATABASE={database}",
            uri=uri, database=shown_db, user=user))
        out(Message("  export NEO4J_PASSWORD=... (yours, or the local default from the README)"))
        out(Message("Press Ctrl+C to stop."))
    if engine == "neo4j":
        out(Message("Starting Neo4j (the first start builds its launcher with Maven) ..."))
    stop = threading.Event()
    # serve() turns Ctrl+C and SIGTERM into an orderly stop.
    run_server(port, root, database, password, ready=ready, stop=stop, engine=engine)
    out(Message("Server stopped."))


def _workspace(org_dir, neo4j_name):
    """The workspace of ``--org DIR`` or ``--neo4j ORG``, and where its
    accounts and drafts live (the folder, or ``--home``)."""
    from .workspace import FolderWorkspace, Neo4jWorkspace
    _one_source(org_dir, neo4j_name)
    if org_dir:
        if not Path(org_dir).is_dir():
            raise click.BadParameter(Message("{folder} is not a folder", folder=org_dir),
                                     param_hint="--org")
        return FolderWorkspace(org_dir)
    return Neo4jWorkspace(neo4j_name)


@cli.command("serve")
@click.option("--org", "org_dir", type=_Path(path_type=Path), help="The model's folder.")
@click.option("--neo4j", "neo4j_name", metavar="ORG_NAME",
              help="An organisation in Neo4j (the NEO4J_* settings).")
@click.option("--home", type=_Path(path_type=Path, file_okay=False),
              help="Where drafts and the session key live (default: the folder; with "
                   "--neo4j, ./orgmodel-ORG_NAME; its accounts are in the database).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another than 127.0.0.1 needs accounts).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--allowed-host", "allowed", multiple=True, metavar="NAME",
              help="A host name the app answers to besides 127.0.0.1, localhost and ::1 "
                   "(a proxy's, a server's); again for each. Listening on 127.0.0.1, or with "
                   "this option, it answers to those names only; elsewhere without it, to "
                   "any.")
@lang_option
def serve_cmd(org_dir, neo4j_name, home, host, port, allowed):
    """The team's web app over the model: browse, drafts, history (see the docs)."""
    from .webapp import create_app
    ws = _workspace(org_dir, neo4j_name)
    home = _home(org_dir, neo4j_name, home)
    read_only = not len(_accounts(org_dir, neo4j_name, home))
    if read_only and host not in LOOPBACK:
        raise click.UsageError(Message(
            "without accounts the app is read-only and listens on 127.0.0.1 only, not "
            "{host}: add one with 'orgmodel users add NAME --role admin'", host=host))
    ws.current()          # a model that does not load is said here, not on every page
    import uvicorn

    from ._perf import collecting
    from .server import listening_socket
    # (bound before anything is said: a port in use is one message, not
    # uvicorn's log line after "Serving")
    sock = listening_socket(host, port)
    if read_only:
        out(Message("No accounts: the app is read-only, on 127.0.0.1 only (orgmodel users add "
                    "NAME --role editor to change that)."))
    # (the port as text: a number in Dutch notation, 18.088, is no address)
    out(Message("Serving {name} at http://{host}:{port}/ (Ctrl+C stops)", name=ws.name,
                host=host, port=str(port)))
    app = create_app(ws, home, lang=_t().lang, users=_accounts(org_dir, neo4j_name, home),
                     hosts=_hosts(host, allowed))
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           server_header=False))
    # (the collector main() paused is on while the server runs: it serves for
    # days, and its requests leave cycles only the collector frees)
    with collecting():
        server.run(sockets=[sock])



LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _hosts(host: str, allowed) -> tuple | None:
    """The host names the app answers to: on a loopback address the
    loopback names and those ``allowed`` (a page elsewhere whose name is
    pointed at 127.0.0.1 reads nothing); on another address any (``None``),
    as its users reach it by names orgmodel cannot know; or those allowed.

    >>> _hosts("127.0.0.1", ())
    ('127.0.0.1', 'localhost', '::1')
    >>> _hosts("0.0.0.0", ()) is None
    True
    """
    if host in LOOPBACK or allowed:
        return LOOPBACK + tuple(allowed)
    return None


def _accounts(org_dir, neo4j_name, home):
    """The accounts: the folder's file, or the database's for --neo4j."""
    from .users import DatabaseUsers, Users
    if neo4j_name:
        return DatabaseUsers(neo4j_name)
    return Users(_home(org_dir, neo4j_name, home) / ".orgmodel-users.json")


def _home(org_dir, neo4j_name, home) -> Path:
    if home is None:
        home = Path(org_dir) if org_dir else Path(f"orgmodel-{neo4j_name}")
    home.mkdir(parents=True, exist_ok=True)
    return home


@cli.group()
@lang_option
def users():
    """Accounts of the web app (orgmodel serve): add, remove, list."""


def _account_options(f):
    """--org / --neo4j / --home: whose accounts."""
    f = click.option("--home", type=_Path(path_type=Path, file_okay=False),
                     help="Where the app keeps its drafts and session key (default: the "
                          "folder; with --neo4j, ./orgmodel-ORG_NAME).")(f)
    f = click.option("--neo4j", "neo4j_name", metavar="ORG_NAME",
                     help="The accounts of the app over this organisation in Neo4j.")(f)
    f = click.option("--org", "org_dir", type=_Path(path_type=Path, file_okay=False),
                     help="The accounts of the app over this folder.")(f)
    return f


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), required=True,
              help="viewer reads; editor also keeps drafts and applies them; admin also "
                   "sees the accounts.")
@_account_options
@lang_option
def users_add(name, role, org_dir, neo4j_name, home):
    """Add an account, or give one a new password and role (its password asked
    twice, or read from standard input)."""
    _one_source(org_dir, neo4j_name)
    if sys.stdin.isatty():
        password = click.prompt(_t()("Password"), hide_input=True, confirmation_prompt=True)
    else:
        # (a line from a file saved on Windows ends in "\r\n": its "\r" is
        # no part of the password typed at the login)
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    book = _accounts(org_dir, neo4j_name, home)
    if book.add(name, role, password):
        out(Message("Replaced the account {name} ({role}): a new password, any lock lifted",
                    name=name, role=role))
    else:
        out(Message("Added {name} ({role})", name=name, role=role))


@users.command("remove")
@click.argument("name")
@_account_options
@lang_option
def users_remove(name, org_dir, neo4j_name, home):
    """Remove an account (its drafts stay, as a record of who wrote them)."""
    _one_source(org_dir, neo4j_name)
    _accounts(org_dir, neo4j_name, home).remove(name)
    out(Message("Removed {name}", name=name))


@users.command("list")
@_account_options
@lang_option
def users_list(org_dir, neo4j_name, home):
    """List the accounts and their roles (never a password)."""
    _one_source(org_dir, neo4j_name)
    book = _accounts(org_dir, neo4j_name, home)
    for n in book.names():
        t = _t()
        # (the role as --role takes it; whether it is locked in the reader's language)
        out(f"{n}\t{book.role(n)}" + ("\t" + t("locked") if book.locked(n) else ""))


def main(argv=None):
    """Entry point.  ``--debug`` may stand anywhere on the command line."""
    global _DEBUG
    process = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    _DEBUG = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    # The cycle collector is paused for the whole command: the results it
    # builds (routes, tables) hold no cycles, yet their millions of objects
    # set off full passes (measured: 6.5 of 83 s of a 1,000,000-role report).
    from ._perf import paused_gc
    if process:
        # (the command is the process: the collector stays off to its end, so
        # that neither leaving the block nor the interpreter's exit starts a
        # full pass over everything the command imported and built)
        gc.disable()
    try:
        with paused_gc():
            cli.main(args=argv, prog_name="orgmodel")
    finally:
        _DEBUG = False
