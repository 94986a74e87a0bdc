"""`news-compare`: parse arguments, call the library, print results; errors become messages.

Exit status: 0 success, 1 an error stopped the command, 2 bad usage, 3 the command
finished but skipped some input (import lines that were bad, or every feed failed).
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from compare import __version__
from compare.collect.fetch import HttpClient
from compare.collect.importer import import_files
from compare.collect.pipeline import Progress, collect, update
from compare.config import PASSWORD_ENV, Settings, dashboard_password, load_config, load_settings
from compare.errors import CompareError, ConfigError, StoreError
from compare.models import CollectReport
from compare.store import Store, describe_target, is_server_url
from compare.ui import serve, story_list
from compare.ui.summaries import analyse_lines, counted, match_lines

# Commands import the later stages when they run: the analysis stack (scikit-learn) takes
# over a second to load, which `feeds`, `collect` or `import` need not wait for.

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # as a shell reports a command ended by SIGPIPE
DEFAULT_DB = "compare.db"
DEFAULT_FEEDS = "feeds.toml"

logger = logging.getLogger("compare")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # Defaults are filled in here: set on the parsers, a subcommand's default would
    # overwrite a value given before the subcommand's name.
    given = getattr(args, "db", None)
    args.db = given or os.environ.get("NEWS_COMPARE_DB") or DEFAULT_DB
    args.db_named_by = ("named by --db" if given else "named by $NEWS_COMPARE_DB" if os.environ.get("NEWS_COMPARE_DB")
                        else "the default, in the current folder")
    args.verbose = getattr(args, "verbose", 0)
    args.quiet = getattr(args, "quiet", 0)
    _configure_logging(args.verbose - args.quiet)
    try:
        status = int(args.handler(args))
        sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
        return status
    except BrokenPipeError:
        # The reader went away (`news-compare stories | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except CompareError as exc:
        print(f"news-compare: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("news-compare: interrupted; run the command again to finish the work", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    # The global options live in a parent parser too, so `news-compare collect --db x.db` works
    # as well as `news-compare --db x.db collect`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help=f"SQLite file, or a PostgreSQL address postgresql://user@host/db "
                             f"(default: $NEWS_COMPARE_DB or {DEFAULT_DB})")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="say more")
    common.add_argument("-q", "--quiet", action="count", default=argparse.SUPPRESS,
                        help="say less (no progress bar)")

    parser = argparse.ArgumentParser(prog="news-compare", parents=[common],
                                     description="See how different news outlets cover the same event.")
    parser.add_argument("--version", action="version", version=f"news-compare {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("collect", cmd_collect, "poll every feed, fetch and extract new articles, record feed health")
    sub.add_argument("--feeds", default=DEFAULT_FEEDS, help=f"outlets and settings (default: {DEFAULT_FEEDS})")

    sub = command("import", cmd_import, "load articles from JSON Lines or CSV files")
    sub.add_argument("files", nargs="+", metavar="FILE")

    sub = command("feeds", cmd_feeds, "list the feeds with their health; `feeds import FILE.opml` adds a feed "
                                      "reader's subscriptions to feeds.toml, `feeds export FILE.opml` writes them")
    sub.add_argument("action", nargs="?", choices=("list", "import", "export"), default="list")
    sub.add_argument("file", nargs="?", metavar="FILE.opml", help="the OPML file to read or write")
    sub.add_argument("--feeds", default=DEFAULT_FEEDS, help=f"outlets and settings (default: {DEFAULT_FEEDS})")

    sub = command("match", cmd_match, "assign new articles to stories (incremental)")
    sub.add_argument("--feeds", default=DEFAULT_FEEDS, help="settings file (optional; defaults apply without it)")

    sub = command("analyse", cmd_analyse, "find facts, omissions, conflicting figures, framing and sources "
                                          "in stories that changed")
    sub.add_argument("--feeds", default=DEFAULT_FEEDS, help="settings file (optional; names a user lexicon)")

    sub = command("export", cmd_export, "write stories, articles, facts, discrepancies, framing and sources as CSV")
    sub.add_argument("--out", required=True, metavar="DIR", help="folder for the CSV files (created if needed)")

    sub = command("stories", cmd_stories, "list stories in the terminal: those the most outlets covered first, "
                                          "then the latest")
    sub.add_argument("--min-outlets", type=int, default=1, metavar="N", help="only stories covered by N outlets")
    sub.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N stories (0: all)")

    sub = command("demo", cmd_demo, "build a demo database by replaying the bundled demo corpus through the "
                                    "real pipeline over loopback HTTP")
    sub.add_argument("--no-dashboard", action="store_true", help="only build the database")
    _dashboard_options(sub)

    sub = command("dashboard", cmd_dashboard, "start the Streamlit dashboard on this database")
    _dashboard_options(sub)

    sub = command("run", cmd_run, "collect (and every later stage), once or every few minutes")
    sub.add_argument("--feeds", default=DEFAULT_FEEDS, help=f"outlets and settings (default: {DEFAULT_FEEDS})")
    sub.add_argument("--every", type=float, metavar="MINUTES", help="repeat every MINUTES until stopped")
    return parser


def _dashboard_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    sub.add_argument("--host", default=serve.LOOPBACK,
                     help=f"address to listen on (default {serve.LOOPBACK}: this machine only); any other, such as "
                          f"0.0.0.0, lets other machines in and needs a password (${PASSWORD_ENV}, or "
                          "dashboard_password in feeds.toml)")
    sub.add_argument("--feeds", default=DEFAULT_FEEDS,
                     help=f"settings, and the outlets the dashboard's Collect button polls (default: {DEFAULT_FEEDS})")


# -- commands ------------------------------------------------------------------------------

_ARTICLE_ERRORS_SHOWN = 10  # after a collect run, unless -v asks for all


def cmd_collect(args: argparse.Namespace) -> int:
    config = load_config(args.feeds)
    with _store(args) as store, HttpClient(config.settings) as client, _progress_bars(args) as progress:
        report = collect(config, store, client, progress=progress)
    return _report_collect(args, report)


def _report_collect(args: argparse.Namespace, report: CollectReport) -> int:
    for url, message in report.feed_errors:
        print(f"feed failed: {url}: {message}", file=sys.stderr)
    if args.verbose >= args.quiet:  # the first few by default, all with -v, none with -q
        errors = report.article_errors
        shown = errors if args.verbose else errors[:_ARTICLE_ERRORS_SHOWN]
        for where, message in shown:
            print(f"article: {where}: {message}", file=sys.stderr)
        if len(errors) > len(shown):
            print(f"... and {len(errors) - len(shown)} more articles with problems (-v lists them all)",
                  file=sys.stderr)
    for line in report.lines():
        print(line)
    every_feed_failed = report.feeds_failed and not (report.feeds_ok or report.feeds_not_modified)
    return EXIT_PARTIAL if every_feed_failed else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    # The report lists every skipped line; the importer's own log of each would say it twice.
    importer_log = logging.getLogger("compare.collect.importer")
    level = importer_log.level
    importer_log.setLevel(logging.ERROR)
    try:
        with _store(args) as store:
            report = import_files(store, args.files)
    finally:
        importer_log.setLevel(level)
    *problems, summary = report.lines()
    for line in problems:
        print(line, file=sys.stderr)
    print(summary)
    return EXIT_PARTIAL if report.skipped else EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    if args.action in ("import", "export"):
        return _feeds_opml(args)
    with _store(args, existing=True) as store:
        health = store.feed_health()
    if not health:
        print("no feeds yet: run `news-compare collect --feeds feeds.toml`")
        return EXIT_OK
    for feed in health:
        state = "never polled" if feed.last_attempt is None else (
            "ok" if feed.consecutive_failures == 0 else f"FAILING x{feed.consecutive_failures}")
        print(f"{feed.outlet} | {feed.url}")
        print(f"    {state}; last attempt {feed.last_attempt or '-'}; last success {feed.last_success or '-'}; "
              f"HTTP {feed.http_status or '-'}; {feed.entries_seen} entries, {feed.new_articles} new")
        if feed.error:
            print(f"    {'warning' if feed.consecutive_failures == 0 else 'error'}: {feed.error}")
    return EXIT_OK


def _feeds_opml(args: argparse.Namespace) -> int:
    from compare.collect.opml import export_opml, import_opml

    if not args.file:
        raise ConfigError(f"feeds {args.action}: name the OPML file (news-compare feeds {args.action} FILE.opml)")
    if args.action == "import":
        report = import_opml(args.file, args.feeds)
        for line in report.lines():
            print(line)
        return EXIT_OK
    Path(args.file).write_text(export_opml(load_config(args.feeds)), encoding="utf-8")
    print(f"wrote the feeds of {args.feeds} to {args.file}")
    return EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    from compare.stories.assign import match_new_articles, params_from

    settings = _settings_if_present(args.feeds)
    with _store(args, existing=True) as store:
        report = match_new_articles(store, params_from(settings), lease_seconds=settings.lease_seconds)
    for line in match_lines(report):
        print(line)
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    from compare.analysis.framing import load_lexicon
    from compare.analysis.run import analyse_changed_stories

    settings = _settings_if_present(args.feeds)
    with _store(args, existing=True) as store, _progress_bars(args) as progress:
        report = analyse_changed_stories(store, lexicon=load_lexicon(settings.lexicon or None), progress=progress,
                                         embedder=settings.embedding_model, lease_seconds=settings.lease_seconds)
    for line in analyse_lines(report):
        print(line)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from compare.ui.export import export_all

    with _store(args, existing=True) as store:
        counts = export_all(store, args.out)
    for name, rows in counts.items():
        print(f"{os.path.join(args.out, name)}: {rows} rows")
    return EXIT_OK


def cmd_stories(args: argparse.Namespace) -> int:
    with _store(args, existing=True) as store:
        stories = story_list.busiest_stories(store, min_outlets=args.min_outlets, limit=args.limit or None)
    if not stories:
        print("no stories yet: run `news-compare collect` (or `import`), then `news-compare match`")
        return EXIT_OK
    if not args.quiet:
        print("the most outlets first, then the latest; times are each story's latest article, UTC", file=sys.stderr)
    for line in story_list.story_lines(stories):
        print(line)
    return EXIT_OK


def _settings_if_present(path: str) -> Settings:
    """Settings from feeds.toml when it exists; the defaults when the default file is absent."""
    return load_settings(path, required=path != DEFAULT_FEEDS)


def cmd_demo(args: argparse.Namespace) -> int:
    from compare.demo.build import build_demo
    from compare.stories.assign import list_stories

    if not args.no_dashboard:
        _dashboard_settings(args)  # a dashboard that may not start says so before the build
    with _store(args) as store, _progress_bars(args) as progress:
        collected, matched, analysed = build_demo(store, progress=progress)
        stories = story_list.busiest_first(list_stories(store))
    for line in collected.lines() + match_lines(matched) + analyse_lines(analysed):
        print(line)
    print(f"demo database: {_where(args.db)}: {counted(sum(s.n_articles for s in stories), 'article')} from six "
          f"invented outlets in {counted(len(stories), 'story', 'stories')}; the most outlets first\n")
    for line in story_list.story_lines(stories):
        print(line)
    if args.no_dashboard:
        return EXIT_OK
    return cmd_dashboard(args)


def _dashboard_settings(args: argparse.Namespace) -> Settings:
    """The dashboard's settings, once it is sure it may start: beyond this machine only with a password."""
    settings = _settings_if_present(args.feeds)
    serve.check_exposure(args.host, settings, args.feeds)
    return settings


def cmd_dashboard(args: argparse.Namespace) -> int:
    guarded = dashboard_password(_dashboard_settings(args))
    _check_folder(args)
    print(f"dashboard on {serve.address(args.host, args.port)} for {_where(args.db)}"
          + (", password required" if guarded else "") + " (Ctrl-C stops)", flush=True)
    if not is_server_url(args.db) and not Path(args.db).exists():
        print(f"there is no database at {_where(args.db)} yet: the dashboard says how to fill one", flush=True)
    return subprocess.call(serve.streamlit_command(args.host, args.port),
                           env=serve.streamlit_environment(args.db, args.feeds))


def cmd_run(args: argparse.Namespace) -> int:
    config = load_config(args.feeds)
    while True:
        try:
            with _store(args) as store, HttpClient(config.settings) as client, _progress_bars(args) as progress:
                collected, matched, analysed = update(config, store, client, progress=progress)
        except StoreError as exc:
            if not args.every:
                raise
            # A busy or unreachable database is a failed round, not the end of a collector left running.
            print(f"news-compare: this round stopped: {exc}; trying again in {args.every:g} minutes",
                  file=sys.stderr)
        else:
            status = _report_collect(args, collected)
            for line in match_lines(matched) + analyse_lines(analysed):
                print(line)
            if not args.every:
                return status
        logger.warning("next run in %g minutes (Ctrl-C stops)", args.every)
        time.sleep(args.every * 60)


# -- helpers -------------------------------------------------------------------------------

def _where(target: str) -> str:
    """The database named for messages: a file by its full path, a server without its password."""
    return describe_target(target) if is_server_url(target) else os.path.abspath(target)


def _check_folder(args: argparse.Namespace) -> None:
    """An SQLite file's folder must exist: SQLite alone says only "unable to open database file"."""
    if is_server_url(args.db):
        return
    folder = Path(os.path.abspath(args.db)).parent
    if not folder.is_dir():
        raise StoreError(f"{args.db}: the folder {folder} does not exist (create it, or give --db another path)")


def _store(args: argparse.Namespace, *, existing: bool = False) -> Store:
    """The database the command works on. ``existing``: one it reads, which must be there already
    (a reading command never leaves an empty database behind); it names the one it reads on
    stderr (not with -q), so that its output stays the data alone."""
    _check_folder(args)
    if existing and not is_server_url(args.db) and not Path(args.db).exists():
        raise StoreError(f"there is no database at {_where(args.db)} ({args.db_named_by}): run `news-compare "
                         "collect`, `import` or `demo` first, or name another with --db or $NEWS_COMPARE_DB")
    store = Store(args.db)
    if existing and not args.quiet:
        print(f"database: {_where(args.db)}", file=sys.stderr, flush=True)
    return store


def _configure_logging(level: int) -> None:
    levels = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}
    logging.basicConfig(level=levels.get(max(-1, min(level, 2)), logging.DEBUG),
                        format="%(levelname)s %(name)s: %(message)s")
    if level < 2:  # the HTTP library's own notes (connections opened, dropped) are for debugging
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    if level < 1:
        # The extraction libraries warn about each page they give up on; the run's report
        # already names those pages and says why.
        for name in ("trafilatura", "htmldate", "justext", "courlan"):
            logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def _progress_bars(args: argparse.Namespace) -> Iterator[Progress | None]:
    """A tqdm bar per stage on a terminal; nothing when quiet or not on a terminal."""
    if args.quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="", leave=True, file=sys.stderr)
        bar.total = total  # grows: each feed stored adds its articles
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.close()

