"""``orgmodel serve``: the team's web app over the library (Starlette, Jinja2
templates, served by uvicorn; no front-end build, no script but the org chart
page's own).

Every page has a stable URL; Dutch or English is the reader's choice, kept in
the session.  Without accounts the app is read-only and listens on 127.0.0.1
only.  With accounts (:mod:`orgmodel.users`) every page but the login asks for
a session (a signed cookie, HttpOnly, SameSite=Strict); every form carries the
session's CSRF token and every change is a POST; viewers read, editors keep
drafts (:mod:`orgmodel.drafts`) and apply them through the workspace's
conflict-checked change (:mod:`orgmodel.workspace`), with their name and a
message in the history; admins also see the accounts.  Every value from the
data is escaped by Jinja2's autoescape; a Content-Security-Policy allows only
the app's own resources; an error is a page with one message.
"""
from __future__ import annotations

import hmac
import json
import secrets
from collections import Counter
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from starlette.responses import HTMLResponse, RedirectResponse, Response

from .errors import ConflictError, OrgModelError
from .i18n import N_, OWN_WORDS, Column, Listing, Message, in_language, said
from .i18n import translator as translator_of

__all__ = ["create_app", "SECRET_FILE"]

SECRET_FILE = ".orgmodel-secret"
#: What the pages may load: their own resources only (the chart page also
#: runs its own inline script).
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
CSP_CHART = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
RANK = {"guest": 0, "viewer": 1, "editor": 2, "admin": 3}
#: Up to how many posts and roles a draft's form lists under its id fields;
#: past it the list is filled as the editor types (/suggest): every id of
#: 100,000 roles made each draft page 2.8 MB.
LIST_ALL = 2000
#: How many posts and roles /suggest gives at most.
SUGGESTED = 20
_ASSETS = resources.files("orgmodel").joinpath("assets")


def _secret(home: Path) -> str:
    """The key that signs the session cookies (kept beside the accounts, so
    that sessions survive a restart)."""
    path = home / SECRET_FILE
    if not path.is_file():
        from ._staging import replace_text
        replace_text(path, secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


class Refused(OrgModelError):
    """A request the app refuses (status and one message)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def create_app(workspace, home, lang: str = "en", users=None, hosts=None):
    """The Starlette app serving ``workspace``; drafts and the session key
    live in ``home``, and the accounts too unless ``users`` is given
    (:class:`orgmodel.users.DatabaseUsers` for an organisation in Neo4j).

    ``hosts``, when given, are the only host names a request may be
    addressed to (its ``Host`` header, the port aside); a request to another
    is refused with 400. ``orgmodel serve`` on a loopback address gives the
    loopback names: a web page elsewhere whose name an attacker points at
    127.0.0.1 (DNS rebinding) then reads nothing of the model.
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware
    from starlette.middleware.sessions import SessionMiddleware

    site = _Site(workspace, Path(home), lang, users)
    site.hosts = None if hosts is None else frozenset(h.casefold() for h in hosts)
    return Starlette(routes=site.routes(), middleware=[
        Middleware(BaseHTTPMiddleware, dispatch=site.headers),
        Middleware(SessionMiddleware, secret_key=_secret(site.home), session_cookie="orgmodel",
                   same_site="strict", https_only=False, max_age=8 * 3600)],
        exception_handlers={OrgModelError: site.failed, 404: site.failed, 405: site.failed,
                            Exception: site.unexpected})


class _Site:
    """The app's pages and actions over one workspace, and the state they
    share: the accounts, the drafts, the templates, the default language, and
    the current version's findings (worked out once per version: they are the
    whole model's, and a node's page shows its own among them)."""

    def __init__(self, workspace, home: Path, lang: str, users=None):
        import jinja2
        from starlette.templating import Jinja2Templates

        from .drafts import Drafts
        from .users import Users
        self.workspace, self.home, self.lang = workspace, home, lang
        self.hosts: frozenset | None = None      # (set by create_app)
        self.users = users if users is not None else Users(home / ".orgmodel-users.json")
        self.drafts = Drafts(home)
        # (autoescape on for every template: each value from the data is inert)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(
            str(Path(__file__).parent / "templates" / "web")), autoescape=True)
        self.templates = Jinja2Templates(env=env)
        self.templates.env.filters["q"] = lambda v: quote(str(v), safe="")
        self.found: dict = {}
        self.named: dict = {}       # how many nodes have each name, per version

    def routes(self) -> list:
        """The app's addresses and the method serving each."""
        from starlette.routing import Route
        return [
            Route("/login", self.login, methods=["GET", "POST"]),
            Route("/logout", self.logout, methods=["POST"]),
            Route("/lang", self.set_lang, methods=["POST"]),
            Route("/", self.home_page),
            Route("/search", self.search),
            Route("/suggest", self.suggest),
            Route("/suggest.js", self.suggest_script),
            Route("/node/{id:path}", self.node),
            Route("/chart", self.chart),
            Route("/report", self.report),
            Route("/figure/{which}.svg", self.figure),
            Route("/history", self.history),
            Route("/history/diff", self.history_diff),
            Route("/drafts", self.drafts_page, methods=["GET", "POST"]),
            Route("/drafts/{name}", self.draft_page),
            Route("/drafts/{name}/{action}", self.draft_action, methods=["POST"]),
            Route("/accounts", self.accounts, methods=["GET", "POST"]),
            Route("/{what:str}.csv", self.table_csv),
            Route("/{what:str}", self.table_page),
        ]

    def language(self, request) -> str:
        """The reader's language: chosen in the session, else the app's."""
        return request.session.get("lang") or self.lang

    def translator(self, request):
        """The words of the reader's language (see :meth:`language`)."""
        return translator_of(self.language(request))

    def who(self, request) -> dict:
        accounts = self.users.stamped()          # (one read of the accounts a request)
        request.state.accounts = bool(accounts)
        if not accounts:
            return {"name": "", "role": "guest"}
        name = request.session.get("user")
        role, stamp = (accounts.get(name) if name else None) or (None, None)
        # (a session opened before the password was set anew, or the account
        # removed and added again, is over: a lost laptop's session ends with it)
        if not role or not hmac.compare_digest(request.session.get("stamp", ""), stamp or "\0"):
            raise Refused(401, Message("log in first"))
        return {"name": name, "role": role}

    def csrf(self, request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return token

    async def form_of(self, request) -> dict:
        form = dict(await request.form())
        sent = str(form.pop("csrf", ""))
        if not hmac.compare_digest(sent, request.session.get("csrf") or "\0"):
            raise Refused(403, Message("this form has expired or did not come from this "
                                       "app: reload the page and try again"))
        return {k: str(v) for k, v in form.items()}

    def need(self, request, role: str) -> dict:
        me = self.who(request)
        if RANK[me["role"]] < RANK[role]:
            raise Refused(403, Message("your account may not do this") if me["role"] != "guest"
                          else Message("this app is read-only: it has no accounts (orgmodel "
                                       "users add)"))
        return me

    def page(self, request, name: str, status: int = 200, **context):
        t = self.translator(request)
        me = context.pop("me", None)
        if me is None:         # (a page that asked nobody: an error, the login)
            user = request.session.get("user", "")
            me = {"name": user, "role": self.users.roles().get(user, "guest") if user else "guest"}
        return self.templates.TemplateResponse(
            request, name, {"t": t, "me": me, "csrf": self.csrf(request),
                            "title": self.workspace.title(),
                            "read_only": not getattr(request.state, "accounts", len(self.users)),
                            **context}, status_code=status)

    def frame(self, df, request, own=()):
        """A DataFrame as the reader's language writes it (see
        :meth:`translated`), as header + rows of text."""
        df = self.translated(df, request, own)
        cols = [str(c) for c in df.columns]
        return {"columns": cols, "rows": [["" if v is None else str(v) for v in row]
                                          for row in df.itertuples(index=False)]}

    def translated(self, df, request, own=(), citations: bool = True):
        """A DataFrame as the reader's language writes it (columns, numbers,
        yes/no, the analyses' words; the columns ``own``, beside those of
        names and ids, are the data's words; a citation as the data writes
        it unless ``citations``)."""
        t = self.translator(request)
        df = df.copy()
        for c in df.columns:       # a list in a cell (nodes, facts not stated), item by item
            if df[c].map(lambda v: isinstance(v, (list, tuple))).any():
                df[c] = df[c].map(lambda v: "; ".join(map(t, v)) if isinstance(v, (list, tuple))
                                  else v)
        return t.frame(df, own=OWN_WORDS + tuple(own), citations=citations)

    # -- pages --------------------------------------------------------------

    async def login(self, request):
        if request.method == "POST":
            form = await self.form_of(request)
            name = form.get("name", "")
            ok = self.users.check(name, form.get("password", ""))
            then = local_path(form.get("next", ""))
            if not ok:
                # (the same words for a wrong name, a wrong password and a locked account)
                return self.page(request, "login.html", status=401, then=then,
                                 error="wrong user name or password, or the account is locked "
                                  "for a while after too many tries")
            request.session.clear()
            request.session.update(user=ok["name"], stamp=ok["stamp"],
                                   csrf=secrets.token_urlsafe(32))
            # (the page a colleague's link asked for, not the start page)
            return RedirectResponse(then, status_code=303)
        return self.page(request, "login.html", then=local_path(
            request.query_params.get("next", "")))

    async def logout(self, request):
        await self.form_of(request)
        if request.session.get("user"):
            # (a copy of the cookie, on another machine or in a proxy's log,
            # ends with it: the user's other sessions too)
            self.users.end_sessions(request.session["user"])
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    async def set_lang(self, request):
        form = await self.form_of(request)
        if form.get("lang") in ("en", "nl"):
            request.session["lang"] = form["lang"]
        back = form.get("back", "/")
        return RedirectResponse(local_path(back), status_code=303)

    async def home_page(self, request):
        me = self.who(request)
        org, version = self.workspace.current()
        from .summary import summarize
        return self.page(request, "home.html", me=me, org=org, version=version,
                         counts=summarize(org).nodes)

    async def search(self, request):
        me = self.who(request)
        org, _ = self.workspace.current()
        q = request.query_params.get("q", "").strip()
        hits = [{"id": n, "name": d.get("name", n), "kind": d.get("kind")}
                for n, d in _matching(org, q, 100)] if q else []
        return self.page(request, "search.html", me=me, q=q, hits=hits)

    async def suggest(self, request):
        """Posts and roles whose id or name holds ``q``: a draft form's list."""
        self.who(request)
        org, _ = self.workspace.current()
        q = request.query_params.get("q", "").strip()
        hits = [{"id": n, "name": str(d.get("name", n))}
                for n, d in _matching(org, q, SUGGESTED, ("Post", "Role"))] if len(q) > 1 else []
        # (<, > and & written as \u escapes: inert even if a browser is
        # told to read the answer as a page)
        text = json.dumps(hits, ensure_ascii=False)
        for ch in "<>&":
            text = text.replace(ch, f"\\u{ord(ch):04x}")
        return Response(text, media_type="application/json")

    async def suggest_script(self, request):
        self.who(request)
        return Response(_ASSETS.joinpath("suggest.js").read_text(encoding="utf-8"),
                        media_type="text/javascript")

    def findings_of(self, org, version) -> list:
        if self.found.get("version") != version or self.found.get("org") is not org:
            from .checks import check
            self.found.update(version=version, org=org, rows=check(org).to_dict("records"))
        return self.found["rows"]

    def names_of(self, org, version) -> Counter:
        """How many nodes of the model have each name (worked out once per
        version: a page names a step with its id where another has its name)."""
        if self.named.get("version") != version or self.named.get("org") is not org:
            self.named.update(version=version, org=org, counts=Counter(
                d.get("name") or n for n, d in org.graph.nodes(data=True)))
        return self.named["counts"]

    async def node(self, request):
        me = self.who(request)
        org, version = self.workspace.current()
        nid = request.path_params["id"]
        if nid not in org.graph:
            raise Refused(404, Message("'{id}' is not in the model", id=nid))
        t = self.translator(request)
        return self.page(request, "node.html", me=me,
                         **_node_facts(org, nid, t, self.findings_of(org, version),
                                       self.names_of(org, version)))

    async def chart(self, request):
        self.who(request)
        org, _ = self.workspace.current()
        from .formats.html import render_html, to_pyvis
        chosen = self.language(request)
        response = HTMLResponse(render_html(org, to_pyvis(org, lang=chosen), lang=chosen))
        response.headers["content-security-policy"] = CSP_CHART
        return response

    def table_of(self, request):
        """``(title, DataFrame, form fields)`` of the table page asked for."""
        org, version = self.workspace.current()
        t = self.translator(request)
        what = request.path_params["what"]
        if what == "findings":
            import pandas as pd

            from .checks import FINDING_COLUMNS
            return t("Findings"), pd.DataFrame(self.findings_of(org, version),
                                               columns=FINDING_COLUMNS), []
        return _table(org, what, request.query_params, t)

    async def table_page(self, request):
        me = self.who(request)
        org, _ = self.workspace.current()
        what = request.path_params["what"]
        params = request.query_params
        number = _page_number(params)
        title, df, form = self.table_of(request)
        # (a page of rows: 100,000 posts were a page of 14 MB, 17 s to draw)
        shown, paging = _page_of(df, number, params, what)
        empty = _empty_said(org, what, params, self.translator(request)) if df.empty else None
        if what == "formation":
            from .formation import formation_view
            shown = formation_view(shown, self.translator(request), df)
        elif what == "layers":
            from .layers import layers_view, target_depth
            shown = layers_view(shown, target_depth(org))
        elif what == "span":
            from .span import span_view, thresholds
            shown = span_view(shown, *thresholds(org))
        note = None
        if what == "mandates" and not shown.empty:
            # (its 31 columns made a row a screen high and the page a scroll
            # sideways: the report's columns, the CSV every one)
            from .mandates import REGISTER_SHOWN
            shown = shown[REGISTER_SHOWN]
            note = self.translator(request)(N_(
                "The register's main columns; the whole register, every column (ids, each "
                "link's mandator, mandatee and ceiling, instructions, dates, source), is its "
                "CSV."))
        return self.page(request, "table.html", me=me, heading=title,
                         table=self.frame(shown, request), note=note,
                         form=form, params=dict(params), what=what, by_options=FORMATION_BY,
                         paging=paging, empty=empty,
                         powers=[(k, v["text"]) for k, v in org.vocabulary("powers").items()],
                         figure=f"/figure/{what}.svg" if what in ("layers", "span") else None)

    async def table_csv(self, request):
        """The whole table of a page as CSV (its cells inert: none starts a
        spreadsheet formula), for a spreadsheet: with a byte-order mark (else
        Excel reads UTF-8 as its own code page); in English as ``--format
        csv`` gives it, in Dutch as the Dutch report's CSV files are (its
        columns, numbers and words in Dutch, ``;`` between cells, as a
        spreadsheet set to Dutch reads them; a citation as the data writes
        it)."""
        self.who(request)
        _, df, _ = self.table_of(request)
        from .escape import to_csv
        name = request.path_params["what"]
        dutch = self.language(request) == "nl"
        if dutch:
            df = self.translated(df, request, citations=False)
        text = to_csv(df, sep=";" if dutch else ",", decimal="," if dutch else ".", bom=True)
        return Response(text, media_type="text/csv; charset=utf-8", headers={
            "content-disposition": f'attachment; filename="{name}.csv"'})

    async def figure(self, request):
        """The layers' and the spans' chart, as the report draws them (an SVG
        loaded as an image: no script in it can run)."""
        self.who(request)
        org, _ = self.workspace.current()
        t = self.translator(request)
        from . import figures
        which = request.path_params["which"]
        if which == "layers":
            from .layers import layering
            lay = layering(org)
            svg = figures.layer_pyramid(lay.frame, t, lay.target)
        elif which == "span":
            from .span import span_of_control
            spans = span_of_control(org)
            svg = figures.span_chart(spans.distribution, t, spans.min, spans.max)
        else:
            raise Refused(404, Message("no chart '{which}'", which=which))
        if svg is None:
            raise Refused(404, Message("nothing to draw"))
        return Response(svg, media_type="image/svg+xml")

    async def report(self, request):
        self.who(request)
        import tempfile

        from .report import write_report
        org, _ = self.workspace.current()
        with tempfile.TemporaryDirectory() as tmp:
            write_report(org, Path(tmp), lang=self.language(request))
            body = (Path(tmp) / "report.html").read_bytes()
        return Response(body, media_type="text/html", headers={
            "content-disposition": 'attachment; filename="report.html"'})

    async def history(self, request):
        me = self.who(request)
        rows = self.workspace.history()
        # (the column says why the change was made: not a finding's message)
        return self.page(request, "history.html", me=me,
                         table=self.frame(rows.rename(columns={"message": "why"}), request),
                         versions=list(rows["version"]))

    async def history_diff(self, request):
        me = self.who(request)
        try:
            a, b = int(request.query_params["a"]), int(request.query_params["b"])
        except (KeyError, ValueError):
            raise Refused(400, Message("give two versions: ?a=N&b=M")) from None
        from .diff import diff
        d = diff(self.workspace.at(a), self.workspace.at(b))
        return self.page(request, "diff.html", me=me, heading=f"{a} → {b}",
                         table=self.frame(_readable(d.changes()), request))

    def base_of(self, draft):
        """The model a draft was started from: the current one when nothing was
        applied since (whatif copies it before changing), else that version."""
        org, version = self.workspace.current()
        return org if draft["base"] == version else self.workspace.at(draft["base"])

    async def drafts_page(self, request):
        me = self.who(request)
        if request.method == "POST":
            me = self.need(request, "editor")
            form = await self.form_of(request)
            _, version = self.workspace.current()
            d = self.drafts.create(form.get("name", ""), me["name"], version)
            return RedirectResponse(f"/drafts/{quote(d['name'], safe='')}", status_code=303)
        return self.page(request, "drafts.html", me=me, names=self.drafts.names())

    async def draft_page(self, request):
        me = self.who(request)
        name = request.path_params["name"]
        d = self.drafts.get(name)
        base = self.base_of(d)
        model = self.drafts.model(d, base)
        from .diff import ROUTE_VIEW_OWN, diff
        t = self.translator(request)
        impact = []
        table = None
        if d["changes"]:
            changed = diff(base, model)
            listed = _readable(changed.changes())
            # (findings are the impact's own table, in the reader's words)
            table = self.frame(listed[listed["section"] != "finding"], request)
            # the governance impact, each part where there is one, as DIFF.md
            # shows it (names, not ids; the figures named)
            for title, df, own in (
                    (t("Figures"), changed.figures_view(t), ("figure",)), (t("Spans"), changed.spans, ()),
                    (t("Routes that change"), changed.routes_view(), ROUTE_VIEW_OWN),
                    (t("Mandates"), changed.mandates[["problem", "detail", "rule"]], ()),
                    (t("Posts whose holders change"),
                     changed.holders_view()[["name", "before", "after"]], ()),
                    (t("Findings added and resolved"), changed.findings, ())):
                if len(df):
                    impact.append((title, self.frame(df, request, own)))
        ids = [n for n, k in base.graph.nodes(data="kind") if k in ("Post", "Role")]
        return self.page(request, "draft.html", me=me, draft=d, table=table, impact=impact,
                         said=[t(_change_said(c, base)) for c in d["changes"]],
                         posts=sorted(ids) if len(ids) <= LIST_ALL else None)

    async def draft_action(self, request):
        me = self.need(request, "editor")
        name, action = request.path_params["name"], request.path_params["action"]
        form = await self.form_of(request)
        d = self.drafts.get(name)
        if action == "change":
            base = self.base_of(d)
            locale = base.manifest.get("locale") or self.language(request)
            self.drafts.add_change(name, _change_of(form, locale), base)
        elif action == "undo":
            index = form.get("index", "").strip()
            if not (index.isascii() and index.isdigit()):   # (the page sends its number)
                raise Refused(400, Message("which change to take back: a number, not '{index}'",
                                           index=index))
            self.drafts.remove_change(name, int(index))
        elif action == "delete":
            self.drafts.delete(name)
            return RedirectResponse("/drafts", status_code=303)
        elif action == "apply":
            model = self.drafts.model(d, self.base_of(d))
            version = self.workspace.apply(model, d["base"], me["name"],
                                           form.get("message") or f"draft {name}")
            self.drafts.delete(name)
            return RedirectResponse(f"/history?applied={version}", status_code=303)
        else:
            raise Refused(404, Message("no action '{action}'", action=action))
        return RedirectResponse(f"/drafts/{quote(name, safe='')}", status_code=303)

    async def accounts(self, request):
        me = self.need(request, "admin")
        if request.method == "POST":
            form = await self.form_of(request)
            if form.get("remove"):
                if form["remove"] == me["name"]:
                    raise Refused(400, Message("an admin does not remove their own account here"))
                self.users.remove(form["remove"])
            else:
                if form.get("password", "") != form.get("again", ""):
                    raise Refused(400, Message("the two passwords differ"))
                if form.get("name", "").strip() in self.users.roles():
                    # (never a colleague's password or role replaced in passing)
                    raise Refused(409, Message("there is an account '{name}' already: remove it "
                                               "first to give it a new password or role",
                                               name=form["name"].strip()))
                self.users.add(form.get("name", ""), form.get("role", ""),
                               form.get("password", ""))
            return RedirectResponse("/accounts", status_code=303)
        return self.page(request, "accounts.html", me=me,
                         accounts=[(n, self.users.role(n), self.users.locked(n))
                                   for n in self.users.names()])

    async def failed(self, request, exc):
        status = (getattr(exc, "status", None) or getattr(exc, "status_code", None)
                  or (409 if isinstance(exc, ConflictError) else 400))
        if status == 401:
            if request.method == "GET":
                asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse("/login?next=" + quote(asked, safe=""), 303)
        t = self.translator(request)
        message = t(said(exc)) if isinstance(exc, OrgModelError) else \
            t(str(getattr(exc, "detail", exc)))
        return self.page(request, "error.html", status=status, message=message)

    async def unexpected(self, request, exc):
        t = self.translator(request)
        return self.page(request, "error.html", status=500,
                         message=t("something went wrong on the server; the model is unchanged"))

    async def headers(self, request, call_next):
        if self.hosts is not None and host_name(request.headers.get("host", "")) not in self.hosts:
            # (before the session and the pages: the request reads nothing)
            from starlette.responses import PlainTextResponse
            response = PlainTextResponse(translator_of(self.lang)(Message(
                "this app answers to {names} only, not to the address this request was "
                "sent to: open it by one of those, or start it with --allowed-host NAME",
                names=", ".join(sorted(self.hosts)))) + "\n", status_code=400)
        else:
            response = await call_next(request)
        response.headers.setdefault("content-security-policy", CSP)
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["referrer-policy"] = "no-referrer"
        response.headers["x-frame-options"] = "DENY"
        response.headers["cache-control"] = "no-store"
        return response


def local_path(path: str) -> str:
    r"""``path`` when it is a page of this app (``/node/tm?x=1``), else ``/``:
    a redirect after a form never leaves the app.

    >>> local_path("/who-decides?power=budget"), local_path("//evil.example/")
    ('/who-decides?power=budget', '/')
    >>> local_path("/\\evil.example"), local_path("https://evil.example"), local_path("")
    ('/', '/', '/')
    """
    if (not path.startswith("/") or path.startswith("//") or "\\" in path
            or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in path)):
        return "/"
    return path


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port, in lower case.

    >>> host_name("127.0.0.1:8000"), host_name("[::1]:8000"), host_name("LocalHost")
    ('127.0.0.1', '::1', 'localhost')
    """
    host = host.strip().casefold()
    if host.startswith("["):                 # an IPv6 address, [::1]:8000
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


TABLES = ("mandates", "who-decides", "findings", "layers", "span", "formation")
#: The fields of the tables' forms, named in the reader's language by the page.
FIELDS = (N_("power"), N_("amount"), N_("role"), N_("on"), N_("by"))
#: What the formation page rolls up by, named in the reader's language.
FORMATION_BY = {"unit": N_("unit"), "manager": N_("manager"), "post": N_("post")}
def _matching(org, q: str, limit: int, kinds=None) -> list:
    """The first ``limit`` ``(id, attributes)`` whose id or name holds ``q``
    (upper and lower case alike), of ``kinds`` only when given."""
    low, hits = q.casefold(), []
    for n, d in org.graph.nodes(data=True):
        if (kinds is None or d.get("kind") in kinds) and (
                low in str(n).casefold() or low in str(d.get("name", "")).casefold()):
            hits.append((n, d))
            if len(hits) >= limit:
                break
    return hits


def _empty_said(org, what: str, params, t) -> str | None:
    """Why a table page has no row, where the data says why ("nothing to
    show" said nothing): no units, no findings, no span, no mandate, no
    power declared; ``None`` for the page's own "nothing to show"."""
    if what == "formation" and params.get("by", "unit") == "unit" and org.ids("Post"):
        return t("The data names no units: choose per manager or per post.")
    if what == "findings":
        return t("{name}: no findings", name=org.name)
    from .mandates import NO_MANDATE
    from .powers import NO_POWERS
    from .span import NO_SPAN
    if what == "span":
        return t(NO_SPAN)
    if what == "layers":
        from .layers import NO_LAYERS
        return t(NO_LAYERS)
    if what == "mandates":
        return t(NO_MANDATE)
    if what == "who-decides" and not params.get("power") and not org.vocabulary("powers"):
        return t(NO_POWERS)
    return None


def _table(org, what, params, t):
    """``(title, DataFrame, form fields)`` of one of :data:`TABLES`."""
    import pandas as pd
    if what == "mandates":
        from .mandates import register
        df = register(org, params.get("power") or None)
        return t("Mandate register"), df, ["power"]
    if what == "who-decides":
        from .mandates import who_decides
        from .notation import parse_number
        power = params.get("power")
        if not power:
            # (the powers to ask about, rather than an empty table)
            return t("Who decides"), _powers(org), ["power", "amount", "role"]
        amount = params.get("amount") or None
        if amount is not None:
            # (an organisation that declares no locale: as the page's
            # language writes numbers, as the command line reads --amount)
            amount = parse_number(amount, org.manifest.get("locale") or t.lang, amount=True)
        on = params.get("on") or None
        model = org.on(on) if on else org
        res = who_decides(model, power, amount=amount, role=params.get("role") or None)
        if isinstance(res, dict) and res["may"] is None:
            # (it turns on a ceiling the sources do not record: said, not left blank)
            res = {**res, "may": Message("not recorded")}
        df = pd.DataFrame([res]) if isinstance(res, dict) else res
        return t("Who decides"), df, ["power", "amount", "role", "on"]
    if what == "layers":
        from .layers import layering
        return t("Layers"), layering(org).frame, []
    if what == "span":
        from .span import span_of_control
        res = span_of_control(org)
        return t("Spans of control"), getattr(res, "frame", res), []
    if what == "formation":
        from .formation import formation
        by = params.get("by") or "unit"
        return t("Formation"), formation(org, by), ["by"]
    raise Refused(404, Message("no page '{what}'", what=what))


#: Rows a table page shows at once; the others are on the pages after it,
#: and the whole table is its CSV.
ROWS_PER_PAGE = 200


def _page_number(params) -> int:
    """The page ``params`` asks for (``page=N``, from 1; the first without one)."""
    text = params.get("page") or "1"
    if not text.isdigit() or int(text) < 1:
        raise Refused(400, Message("page '{v}' is not a page number (1, 2, ...)", v=text))
    return int(text)


def _page_of(df, number: int, params, what: str):
    """``(rows shown, paging)`` of page ``number`` (past the last: the last):
    ``paging`` has the rows' first and last number, their total, and the
    addresses of the pages before and after it and of the CSV."""
    from urllib.parse import urlencode
    total = len(df)
    start = min((number - 1) * ROWS_PER_PAGE, max(total - 1, 0) // ROWS_PER_PAGE * ROWS_PER_PAGE)
    rest = {k: v for k, v in params.items() if k != "page"}

    def link(n):
        return f"/{what}?" + urlencode({**rest, "page": n})
    n = start // ROWS_PER_PAGE + 1
    return df.iloc[start:start + ROWS_PER_PAGE], {
        "first": start + 1 if total else 0, "last": min(start + ROWS_PER_PAGE, total),
        "total": total, "prev": link(n - 1) if n > 1 else None,
        "next": link(n + 1) if start + ROWS_PER_PAGE < total else None,
        "csv": f"/{what}.csv" + ("?" + urlencode(rest) if rest else "")}


def _powers(org):
    """The powers ``org`` declares: ``power, name, kind, source``."""
    import pandas as pd
    return pd.DataFrame([{"power": k, "name": v["text"], "kind": v.get("kind", ""),
                          "source": v.get("source", "")}
                         for k, v in org.vocabulary("powers").items()],
                        columns=["power", "name", "kind", "source"])


def _readable(changes):
    """The diff's change list with keys a reader reads: an edge's or a
    mandate's as ``from → to`` (its kind is in the kind column, in the
    reader's words) instead of ``from|KIND|to``, a route's as its role (the
    route kind is in the kind column), a finding's as its rule (its words are
    the detail)."""
    out = changes.copy()
    edges = out["section"].isin(["edge", "mandate"])
    out.loc[edges, "key"] = [k.replace(f"|{kind}|", " → ", 1)
                             for k, kind in zip(out.loc[edges, "key"], out.loc[edges, "kind"])]
    for section in ("route", "finding"):
        rows = out["section"] == section
        out.loc[rows, "key"] = [k.split("|", 1)[0] for k in out.loc[rows, "key"]]
    return out


#: A draft's change in words, per verb (see :func:`_change_said`).
_SAID = {"close": N_("close {post}"), "move": N_("move {post} to {to}"),
         "rename": N_("rename {post} to '{name}'"), "add": N_("add {post}"),
         "link": N_("give: {a} {kind} {b}"), "unlink": N_("withdraw: {a} {kind} {b}"),
         "move_commission": N_("move commission {post} from {a} to {b}")}


def _change_said(change: dict, org) -> Message:
    """A draft's change as its list on the page says it, in the reader's
    words, each post by its name with its id (``org``: the model the draft
    starts from; a post the change adds by the name it is given).

    >>> str(_change_said({"move": "tm", "to": "cd"}, sample))
    'move Team manager Finance (tm) to Corporate director (cd)'
    >>> str(_change_said({"merge": ["tm2", "tm"]}, sample))
    'merge Team manager Finance (tm) into Team manager Customer contact (tm2)'
    >>> str(_change_said({"link": {"kind": "MANDATES", "from": "cd", "to": "tm",
    ...                            "powers": "budget"}}, sample))
    'give: Corporate director (cd) MANDATES Team manager Finance (tm) (powers: budget)'
    """
    def named(x) -> str:
        x = str(x or "")
        name = org.graph.nodes[x].get("name") if x in org.graph else None
        return f"{name} ({x})" if name and name != x else x
    verb = next(iter(change))
    what = change[verb]
    if verb == "add":
        spec = what if isinstance(what, dict) else {"id": what}
        post = "{} ({})".format(spec.get("name") or spec.get("id"), spec.get("id"))
        if spec.get("reports_to"):
            return Message("add {post} under {to}", post=post, to=named(spec["reports_to"]))
        return Message(_SAID["add"], post=post)
    if verb in ("link", "unlink"):
        spec = dict(what)
        said = Message(_SAID[verb], kind=Message(spec.pop("kind", "")),
                       a=named(spec.pop("from", "")), b=named(spec.pop("to", "")))
        if spec:
            said += Message(" ({terms})", terms=Listing(", ", [
                Message("{what}: {value}", what=Column(k), value=v) for k, v in spec.items()]))
        return said
    if verb == "merge" and isinstance(what, list) and len(what) == 2:
        return Message("merge {post} into {to}", post=named(what[1]), to=named(what[0]))
    if verb == "move_commission":
        return Message(_SAID[verb], post=named(what.get("commission")), a=named(what.get("from")),
                       b=named(what.get("to")))
    if verb == "move_mandate":
        said = Message("move the mandate of {a} to {b}", a=named(what.get("from")),
                       b=named(what.get("to")))
        for key, text in (("mandator", N_("; new mandator: {x}")),
                          ("mandatee", N_("; new mandatee: {x}"))):
            if what.get(key):
                said += Message(text, x=named(what[key]))
        return said
    return Message(_SAID.get(verb, N_("{verb} {post}")), verb=verb, post=named(what),
                   to=named(change.get("to")), name=str(change.get("name", "")))


def _change_of(form: dict, locale: str | None = None) -> dict:
    """A draft's change from a form: the verb and its fields, as whatif takes
    them; a ceiling read as ``locale`` writes numbers (the organisation's, or
    the page's language where it declares none) and kept as the number it
    is, so that the draft reads the same whatever page shows it."""
    verb = form.get("verb", "")
    subject = form.get("subject", "").strip()
    if verb == "close":
        return {"close": subject}
    if verb == "move":
        return {"move": subject, "to": form.get("to", "").strip()}
    if verb == "rename":
        return {"rename": subject, "name": form.get("name", "")}
    if verb == "merge":          # (whatif's [KEEP, GONE]: the subject goes)
        return {"merge": [form.get("to", "").strip(), subject]}
    if verb == "move_mandate":
        change = {"from": form.get("mandator", "").strip(), "to": subject}
        for key, field in (("mandator", "new_mandator"), ("mandatee", "new_mandatee"),
                           ("powers", "powers")):
            if form.get(field, "").strip():
                change[key] = form[field].strip()
        return {"move_mandate": change}
    if verb == "move_commission":
        return {"move_commission": {"commission": subject, "from": form.get("from", "").strip(),
                                    "to": form.get("to", "").strip()}}
    if verb in ("link", "unlink"):
        spec = {"kind": form.get("kind", "").strip(), "from": subject,
                "to": form.get("to", "").strip()}
        if verb == "link":
            spec.update({k: form[k] for k in ("powers", "ceiling", "scope", "capacity")
                         if form.get(k, "").strip()})
            if "ceiling" in spec:
                spec["ceiling"] = _ceiling(spec["ceiling"], locale)
        elif form.get("powers", "").strip():
            # (some of a mandate's powers withdrawn: the field was ignored, and
            # every mandate between the two posts went)
            spec["powers"] = form["powers"]
        return {verb: spec}
    if verb == "add":
        return {"add": {"id": subject, "kind": form.get("kind") or "Post",
                        "name": form.get("name", "") or subject,
                        **({"reports_to": form["to"].strip()} if form.get("to") else {})}}
    raise Refused(400, Message("no change '{verb}': choose close, move, merge, rename, add, "
                               "link, unlink, move_mandate or move_commission", verb=verb))


def _ceiling(text: str, locale: str | None):
    """A ceiling typed in a form (``25.000``, ``onbeperkt``) as the number
    (or ``none``) it is; refused, said, when it is none."""
    from .errors import InputError
    from .validate import parse_cell
    try:
        return parse_cell("ceiling", text, locale)
    except InputError as exc:
        raise Refused(400, said(exc)) from None


def _grouped(facts: list) -> list:
    """``[label, text]`` pairs as ``(label, [texts])``, each label once, where
    it first comes, with all its texts (three commissions under one
    "commissions", not three rows of it).

    >>> _grouped([["a", "1"], ["b", "2"], ["b", "3"], ["a", "4"]])
    [('a', ['1', '4']), ('b', ['2', '3'])]
    """
    out: dict = {}
    for label, text in facts:
        out.setdefault(label, []).append(text)
    return list(out.items())


def _leader(org, team: str) -> str | None:
    """The post that leads ``team``, or ``None`` where none or several do
    (its page then shows no route; `escalate` says why)."""
    try:
        return org.leader(team)
    except OrgModelError:
        return None


def _node_facts(org, nid, t, findings, counts=None) -> dict:
    """What a node's page shows: its facts (as the chart page's panel says
    them), its routes per route kind with each step's rule, its findings
    (from ``findings``, the organisation's, worked out once per version),
    each name with its id where another node has it (``counts``: how many
    nodes have each name, also once per version).
    Only the node and its neighbours are looked at, and only the routes above it."""
    from ._nx import part as nx_part
    from .escalation import RouteGraph, escalation_policy
    from .formats.html import _Facts
    from .model import OrgModel
    g = org.graph
    d = g.nodes[nid]
    near = {nid, *g.successors(nid), *g.predecessors(nid)}
    # (a role played "for" a commission names it: its scope's names come along)
    near |= {x for _, _, e in [*g.edges(nid, data=True), *g.in_edges(nid, data=True)]
             for x in e.get("scope") or () if x in g}
    part = OrgModel(nx_part(g, near), org.manifest)
    facts = _grouped(_Facts(part, part.graph.subgraph([nid]), t, {}).out.get(nid, []))
    facts += _how_known(d, t)
    routes = []
    # (a team escalates through the post that leads it: that post's routes)
    led_by = _leader(org, nid) if d.get("kind") == "Team" else None
    start = nid if d.get("kind") in ("Post", "Role") else led_by
    if start is not None:
        for via in escalation_policy(org).routes:
            rg = RouteGraph(org, via)          # (lazy: only the roles above it)
            rec = rg.record(start)
            paths = [rg.route_record(r) for r in rg.routes(start, 10)]
            routes.append({"via": via, "record": rec, "paths": paths})
    mine = [r for r in findings if nid in (r["nodes"] or ())]
    edges = _links_shown([(u, v, k.get("kind")) for u, v, k in g.edges(nid, data=True)], nid, True)
    edges += _links_shown([(u, v, k.get("kind")) for u, v, k in g.in_edges(nid, data=True)], nid,
                          False)
    return {"node": {"id": nid, **d}, "facts": facts, "routes": routes, "findings": mine,
            "led_by": led_by and {"id": led_by, "name": org.label(led_by)},
            # (a route's steps told apart as the lines are: two teams'
            # "Teamleider" on one page)
            "edges": edges, "names": _names_apart(g, {n for u, v, _, _ in edges
                                                      for n in (u, v) if n is not None}
                                                  | {s["id"] for r in routes for p in r["paths"]
                                                     for s in p["steps"]}, counts)}


def _how_known(d: dict, t) -> list:
    """``(label, [text])`` of how a node is known: its grade, its source (in
    the reader's words: ``D-FS-VI punt 6``) and its note (in the reader's
    language where the data gives it so: ``note_nl``), those it has."""
    from .formats.html import _shown
    d = in_language(d, t.lang)
    return [(t.column(k), [_shown(t, k, d[k])]) for k in ("evidence", "source", "note")
            if d.get(k)]


#: Lines and links of one kind a node's page lists (a manager with 5,000
#: reports listed 5,000 lines); the rest are counted.
LINKS_SHOWN = 50


def _links_shown(edges: list, nid, outgoing: bool) -> list:
    """``(u, v, kind, 0)`` of the first :data:`LINKS_SHOWN` ``edges`` of each
    kind (all from ``nid`` when ``outgoing``, else all to it), then one
    ``(u, v, kind, how many more)`` for the rest of that kind, its other end None.

    >>> _links_shown([("a", "m", "REPORTS_TO")] * 52, "m", False)[-1]
    (None, 'm', 'REPORTS_TO', 2)
    """
    out, seen = [], {}
    for u, v, kind in edges:
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= LINKS_SHOWN:
            out.append((u, v, kind, 0))
    more = [(kind, n - LINKS_SHOWN) for kind, n in seen.items() if n > LINKS_SHOWN]
    return out + [(nid, None, kind, n) if outgoing else (None, nid, kind, n) for kind, n in more]


def _names_apart(g, nodes, counts=None) -> dict:
    """Each node's name, with its id beside it where another of ``nodes``
    has the same name (forty reports named "Medewerker" were forty equal
    links), or, with ``counts`` (how many nodes have each name), another
    node of the model."""
    names = {n: g.nodes[n].get("name") or n for n in nodes}
    twice = {x for x, k in Counter(names.values()).items() if k > 1}
    if counts is not None:
        twice |= {x for x in names.values() if counts.get(x, 0) > 1}
    return {n: f"{x} ({n})" if x in twice and x != n else x for n, x in names.items()}
