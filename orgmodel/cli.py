"""The ``orgmodel`` command line: a thin skin over the library.

Each command opens the organisation, makes one library call and prints the
result as a table, JSON or CSV.  Library errors become one clear message and
exit status 1; ``--debug`` anywhere on the command line shows the traceback.
"""
from __future__ import annotations

import json
import sys
from functools import wraps
from pathlib import Path

import click
import pandas as pd

from . import model
from .errors import OrgModelError, ValidationError

FORMATS = ("table", "json", "csv")


def _jsonable(obj):
    if isinstance(obj, pd.DataFrame):
        return json.loads(obj.to_json(orient="records", force_ascii=False))
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return obj


def emit(obj, fmt: str, table=None):
    """Print ``obj`` as JSON, CSV (DataFrames) or a readable table."""
    if fmt == "json":
        click.echo(json.dumps(_jsonable(obj), indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        frame = obj if isinstance(obj, pd.DataFrame) else pd.json_normalize(_jsonable(obj))
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        click.echo(table() if table else _table(obj))


def _table(obj) -> str:
    if isinstance(obj, pd.DataFrame):
        if obj.empty:
            return "(nothing to show)"
        return obj.to_string(index=False)
    return str(obj)


def org_option(f):
    """``--org DIR`` (or ``--neo4j NAME`` where the command reads a model)."""
    return click.option("--org", "org_dir", type=click.Path(path_type=Path),
                        help="Organisation folder (org.yaml, nodes.csv, edges.csv).")(f)


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="Output format.")(f)


def reads_model(f):
    """Give the command an ``org`` from ``--org DIR`` or ``--neo4j ORG_NAME``."""
    @org_option
    @click.option("--neo4j", "neo4j_name", metavar="ORG_NAME",
                  help="Read the model from Neo4j (see 'orgmodel db') instead of files.")
    @wraps(f)
    def wrapper(org_dir, neo4j_name, **kw):
        if bool(org_dir) == bool(neo4j_name):
            raise click.UsageError("give exactly one of --org DIR or --neo4j ORG_NAME")
        if org_dir:
            org = model.load(org_dir)
        else:
            from .store import connect, pull_model
            with connect() as store:
                org = pull_model(store, neo4j_name)
        return f(org=org, **kw)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="orgmodel")
def cli():
    """Model how an organisation steers itself, as a graph.

    Add --debug anywhere to see a full traceback when something fails.
    """


@cli.command()
@org_option
@format_option
def validate(org_dir, fmt):
    """Check an organisation folder and list every problem found."""
    if org_dir is None:
        raise click.UsageError("--org DIR is required")
    from .validate import validate_folder
    problems = validate_folder(org_dir)
    if fmt == "table":
        if problems:
            click.echo(str(ValidationError(problems, where=str(org_dir))), err=True)
        else:
            click.echo(f"{org_dir}: valid")
    else:
        emit(pd.DataFrame([p.to_dict() for p in problems], columns=["file", "row", "message"]),
             fmt)
    sys.exit(1 if problems else 0)


@cli.command()
@reads_model
@format_option
def summary(org, fmt):
    """Count nodes and edges per kind and add up the formation (FTE range)."""
    from .summary import summarize
    s = summarize(org)

    def table():
        lines = [f"{s.name}", "", "Nodes:"]
        lines += [f"  {k:<12} {v:>6}" for k, v in s.nodes.items()]
        lines += ["", "Edges:"] + [f"  {k:<12} {v:>6}" for k, v in s.edges.items()]
        lines += ["", f"Formation: {s.fte_min:g}-{s.fte_max:g} FTE "
                      f"({s.roles_with_fte} roles with an FTE)"]
        return "\n".join(lines)
    emit(s, fmt, table)


def main(argv=None):
    """Entry point: run the CLI, turning library errors into one clear message."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    try:
        cli.main(args=argv, prog_name="orgmodel", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OrgModelError as exc:
        if debug:
            raise
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except (OSError, ValueError) as exc:
        if debug:
            raise
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback without --debug
        if debug:
            raise
        click.echo(f"Error: {type(exc).__name__}: {exc} (run again with --debug for details)",
                   err=True)
        sys.exit(1)
