"""The ``fengong`` command: a thin layer over the library (see README for the reference)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

EXAMPLES = """
\b
Examples:
  fengong extract notice.txt                 # JSON records on stdout
  fengong extract notice.docx -o tasks.csv   # CSV for Excel / WPS (UTF-8 with BOM)
  fengong extract a.pdf b.docx -f jsonl      # one stream, `source` on every record
  cat notice.txt | fengong extract -         # read stdin
"""


# Options with the same name and meaning in every command that has them.
units_option = click.option(
    "--units", "units_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
    help="Extra alias dictionary (CSV); may be repeated.")
format_option = click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Print lines to read, or JSON.")
quiet_option = click.option("-q", "--quiet", is_flag=True,
                            help="No notes on stderr; errors only.")
timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=300, show_default=True,
    metavar="SECONDS", help="Give up on a file after this long.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fengong")
def main() -> None:
    """Extract the task table (重点任务分工方案) of Chinese government notices."""


@main.command(epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option("-f", "--format", "fmt",
              type=click.Choice(["csv", "json", "jsonl", "xlsx", "parquet", "sqlite"]),
              help="Output format; default: from -o's extension, else json.")
@click.option("--long", "long_form", is_flag=True,
              help="One row per task × unit × role (lead/other), for pivot tables.")
@click.option("--clerk", is_flag=True,
              help="CSV with the clerk's Chinese columns (序号, 分组, 任务 …), as the XLSX's "
              "first sheet; field names are the default for machines.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="CSV encoding, e.g. gb18030. A UTF-8 CSV file starts with a BOM so Excel "
              "and WPS open it; on stdout only with utf-8-sig.")
@units_option
@click.option("--current-names", is_flag=True, hidden=True,
              help="Kept for old scripts: every record has lead_units_current now.")
@click.option("--no-ocr", "no_ocr", is_flag=True,
              help="Do not OCR scanned PDFs (they fail with a clear message instead).")
@click.option("--password", default="", metavar="TEXT", help="Password of protected PDFs.")
@click.option("-w", "--workers", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for many files (default: the machine's cores).")
@timeout_option
@click.option("--errors", "errors_file", metavar="FILE",
              help="Write failures here as CSV (path, kind, message).")
@click.option("--resume", is_flag=True,
              help="Append to the -o JSON Lines file only the files not yet in it.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the batch on Dask: tcp://HOST:8786, or 'local' for a LocalCluster.")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=200,
              show_default=True, help="Refuse input files larger than this.")
@click.option("--max-unpacked-mb", type=click.FloatRange(min=0, min_open=True), default=256,
              show_default=True, help="Refuse DOCX/XLSX files that unpack to more than this.")
@click.option("--max-pages", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Refuse PDFs with more pages.")
@click.option("--max-rows", type=click.IntRange(min=1), default=20000, show_default=True,
              help="Refuse files with more table rows.")
@click.option("--max-xml-elements", type=click.IntRange(min=1000), default=2_000_000,
              show_default=True, help="Refuse DOCX parts with more XML elements.")
@click.option("--max-memory-mb", type=click.FloatRange(min=256), default=4096, show_default=True,
              help="Memory (address space) a worker may take for one file; past it, it fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or notes on stderr; errors only.")
def extract(inputs: tuple[str, ...], output: str | None, fmt: str | None, long_form: bool,
            clerk: bool, encoding: str,
            units_files: tuple[str, ...], current_names: bool, no_ocr: bool, password: str,
            workers: int | None, timeout: float, errors_file: str | None, resume: bool,
            scheduler: str | None, max_file_mb: float, max_unpacked_mb: float, max_pages: int,
            max_rows: int, max_xml_elements: int, max_memory_mb: float, quiet: bool) -> None:
    """Read INPUT files, directories or globs (or - for stdin) and write their task records.

    Several inputs, a directory (walked recursively; hidden and temporary files skipped) or
    a glob run as a batch: files are read by worker processes, the output keeps the inputs'
    order, a file that fails is reported and the others go on.

    Exit status: 0 when every input was read, 1 when any failed (each failure is one line
    on stderr naming the file), 2 for a usage error.
    """
    import codecs

    from fengong.output import format_for

    _check_units(units_files)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") \
            from None
    fmt = format_for(output, fmt)
    if fmt in ("xlsx", "parquet", "sqlite") and not (output and output != "-"):
        suffix = "db" if fmt == "sqlite" else fmt
        raise click.UsageError(f"{fmt.upper()} needs an output file: -o tasks.{suffix}")
    if resume and (fmt not in ("jsonl", "sqlite") or not output or output == "-"):
        raise click.UsageError("--resume needs a JSON Lines or SQLite output file: "
                               "-o tasks.jsonl or -o tasks.db")
    if clerk and (fmt != "csv" or long_form):
        raise click.UsageError("--clerk is for CSV (the XLSX's first sheet has the clerk's "
                               "columns already), without --long")
    if long_form and fmt == "sqlite":
        raise click.UsageError("a database has the long form already (its task_units "
                               "table); leave out --long")
    from fengong.extract import Limits

    limits = Limits(max_file_mb=max_file_mb, max_unpacked_mb=max_unpacked_mb,
                    max_pages=max_pages, max_rows=max_rows, max_xml_elements=max_xml_elements,
                    max_memory_mb=max_memory_mb)
    options = {"units_files": units_files, "ocr": not no_ocr,
               "password": password, "limits": limits}
    single = len(inputs) == 1 and _one_file(inputs[0]) \
        and workers is None and not resume and scheduler is None
    if "-" in inputs and not single:
        raise click.UsageError("stdin (-) cannot be mixed with other inputs")
    target = Target(output, fmt, encoding, long_form, clerk)
    with _interrupts_end_in_one_line(output, resume):
        if single:
            _extract_single(inputs[0], target, options, quiet, errors_file, timeout)
        else:
            _extract_batch(inputs, target, options, quiet, errors_file, workers, timeout,
                           resume, scheduler)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every ``finally`` (temp files, workers) runs."""

    signum = int(signal.SIGTERM)


@contextlib.contextmanager
def _interrupts_end_in_one_line(output: str | None, resume: bool) -> Iterator[None]:
    """Ctrl-C or SIGTERM: workers stopped, temp files removed, one line, exit 130 / 143."""
    def terminate(_signum, _frame):
        raise Interrupted()

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminate) if main_thread else None
    try:
        yield
    except KeyboardInterrupt as exc:
        if resume:
            kept = f"the files finished so far are kept in {output}; rerun to go on"
        elif output and output != "-":
            kept = f"{output} was not written (any old file there is kept)"
        else:
            kept = "the output is incomplete"
        click.echo(f"fengong: interrupted; {kept}", err=True)
        sys.exit(128 + (exc.signum if isinstance(exc, Interrupted) else int(signal.SIGINT)))
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


class Failure(click.ClickException):
    """One line on stderr, ``fengong: WHAT: what is wrong (what to do)``, and exit 1."""

    def show(self, file=None) -> None:
        click.echo(f"fengong: {self.message}", err=True)


@dataclass(frozen=True)
class Target:
    """Where and how records are written: the -o path (None or - for stdout), format,
    CSV encoding, long form, clerk's columns."""

    output: str | None
    fmt: str
    encoding: str = "utf-8"
    long: bool = False
    clerk: bool = False


def _one_file(name: str) -> bool:
    """stdin, a file, or a path that names nothing (which fails as one file, in one line);
    not a folder, a glob or a URL."""
    import glob

    return name == "-" or os.path.isfile(name) or (
        not os.path.exists(name) and not glob.has_magic(name) and "://" not in name)


def _extract_single(name: str, target: Target, options: dict, quiet: bool,
                    errors_file: str | None, timeout: float) -> None:
    tasks, kind, message = _read(name, timeout=timeout, **options)
    if errors_file:
        from fengong.archive import write_error_report
        from fengong.batch import FileResult

        failures = [] if tasks is not None else [FileResult(name, error_kind=kind,
                                                            message=message)]
        write_error_report(errors_file, failures)
    if tasks is None:
        _fail(name, message)
        sys.exit(1)  # nothing was read: an old output file stays as it was
    records = [t.to_dict() for t in tasks]
    if not quiet:
        _print_notes(name, records)
    _write_records(target, records)
    if not quiet and not tasks:
        click.echo(f"fengong: {name}: no task table found", err=True)


def _write_records(target: Target, records: list[dict]) -> None:
    """Write all records to the output, or leave the old file whole and say why."""
    from fengong.output import DatabaseError, OutputEncodingError

    writer = _open_output(target)
    try:
        writer.write(records)
        writer.close()
    except DatabaseError as exc:
        writer.abort()
        raise Failure(str(exc)) from None
    except OutputEncodingError as exc:
        writer.abort()
        raise click.UsageError(str(exc)) from None
    except BrokenPipeError:
        _stdout_closed()
    except OSError as exc:
        writer.abort()
        raise _cannot_write(target.output, exc) from None
    except BaseException:
        writer.abort()
        raise


def _stdout_closed() -> None:
    """The reader of our stdout went away (``| head``): stop quietly, as ``cat`` does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
    sys.exit(1)


def _open_output(target: Target, append: bool = False):
    """``fengong.output.open_output`` with its failures as one line each."""
    from fengong.output import DatabaseError, open_output

    try:
        return open_output(target.output, target.fmt, target.encoding, append, target.long,
                           target.clerk)
    except DatabaseError as exc:
        raise Failure(str(exc)) from None
    except ImportError as exc:
        raise Failure(f"{target.output}: {exc} (or choose -o tasks.jsonl / .csv / .xlsx)") \
            from None
    except OSError as exc:
        raise _cannot_write(target.output, exc) from None


def _cannot_write(output: str | None, exc: OSError) -> Failure:
    """One line for an output that could not be written (disk full, no permission, ...)."""
    import errno

    hints = {errno.ENOSPC: "free some disk space, or write elsewhere with -o",
             errno.EDQUOT: "free some of your quota, or write elsewhere with -o",
             errno.EACCES: "choose a folder you may write to with -o",
             errno.EPERM: "choose a folder you may write to with -o",
             errno.EROFS: "the disk is read-only; write elsewhere with -o"}
    hint = hints.get(exc.errno or 0, "check the path, or write elsewhere with -o")
    return Failure(f"{output}: cannot write the output ({exc.strerror or exc}); any old "
                   f"file there is kept ({hint})")


def _extract_batch(inputs, target: Target, options, quiet, errors_file, workers, timeout,
                   resume, scheduler) -> None:
    from fengong.archive import (
        BatchOptions,
        ResumeError,
        SchedulerError,
        extract_archive,
        write_error_report,
    )
    from fengong.output import DatabaseError, OutputEncodingError

    output = target.output
    batch = BatchOptions(workers=workers or 0, timeout=timeout, resume=resume,
                         progress=not quiet, extract=options, scheduler=scheduler)
    try:
        summary = extract_archive(
            inputs, lambda append: _open_output(target, append), output, batch,
            on_result=None if quiet else (lambda r: _print_notes(r.path, r.records or [])))
    except (ResumeError, OutputEncodingError) as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        raise _cannot_write(exc.filename or output, exc) from None
    except (SchedulerError, ImportError, DatabaseError) as exc:
        raise Failure(str(exc)) from None
    for note in summary.notes:
        click.echo(f"fengong: {output}: {note}", err=True)
    for failure in summary.failures:
        _fail(failure.path, failure.message or failure.error_kind or "failed")
    if errors_file:
        write_error_report(errors_file, summary.failures)
    kept = f"; {output} was not written" if summary.unchanged and output and output != "-" \
        else ""
    if not (summary.ok or summary.failed or summary.done_before):
        _fail(", ".join(inputs), _nothing_to_read(summary.skipped_files) + kept)
        sys.exit(1)
    if not quiet or summary.unchanged:
        click.echo(summary.line() + (f"; nothing read, so{kept[1:]}" if kept else ""),
                   err=True)
    if summary.failed:
        sys.exit(1)


def _nothing_to_read(skipped: list[str]) -> str:
    """The line for inputs that hold no file fengong reads, naming a few of those skipped."""
    from fengong.batch import SUPPORTED

    names = ", ".join(os.path.basename(p) for p in sorted(skipped)[:3]) \
        + (", …" if len(skipped) > 3 else "")
    found = f"{len(skipped)} skipped ({names})" if skipped else "it is empty"
    return (f"no notice file to read: {found}; fengong reads "
            + " ".join(sorted(SUPPORTED)))


def _print_notes(name: str, records: list[dict]) -> None:
    """One line per file-level warning (a damaged PDF read in part), naming the file."""
    from fengong.pipeline import file_notes

    for note in file_notes(records):
        click.echo(f"fengong: {name}: warning: {note}", err=True)


@main.command(epilog="""
\b
Example:
  fengong check notice.docx             # what to look at before the table goes out
  fengong check archive/ --strict       # every notice under archive/; exit 1 on a warning
  fengong check 'archive/*.pdf' -f json # one object per file
""")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@units_option
@click.option("--strict", is_flag=True, help="Exit 1 when there is any warning.")
@click.option("--explain", is_flag=True,
              help="Also list every reading proposed (layouts, prose) with its score.")
@format_option
@quiet_option
def check(inputs: tuple[str, ...], units_files: tuple[str, ...], strict: bool, explain: bool,
          fmt: str, quiet: bool) -> None:
    """Read INPUT files, directories or globs and print, per file, the rows read, the layout
    chosen and the warnings by kind (-q: only the files with warnings)."""
    from fengong.normalize.checks import check_report, check_summary

    _check_units(units_files)
    failed = warned = 0
    summaries = []
    for name in _input_files(inputs):
        tasks = _extract_one(name, units_files=units_files)
        if tasks is None:
            failed += 1
            continue
        warnings = sum(len(t.warnings) for t in tasks) + (0 if tasks else 1)
        warned += warnings
        if quiet and not warnings:
            continue
        candidates = _readings(name) if explain else ()
        if fmt == "json":
            summary = check_summary(name, tasks)
            if explain:
                summary["readings"] = [{"layout": n, "score": s} for n, s in candidates]
            summaries.append(summary)
        else:
            for line in check_report(name, tasks, candidates):
                click.echo(line)
    if fmt == "json":
        _echo_json(summaries)
    if failed or (strict and warned):
        sys.exit(1)


@main.command(epilog="""
\b
Examples:
  fengong diff draft.docx final.pdf           # 新增 / 删除 / 修改, to read
  fengong diff 2023.docx 2024.docx -o changes.xlsx   # changes coloured
  fengong diff old.txt new.txt -f json        # one object per task, for machines
""")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "csv", "xlsx"]),
              help="Output format; default: from -o's extension, else text.")
@units_option
@click.option("--current-names", is_flag=True,
              help="Compare units by their current names (安监局 = 应急管理局).")
@click.option("--no-ocr", "no_ocr", is_flag=True, help="Do not OCR scanned PDFs.")
@timeout_option
@quiet_option
def diff(old: str, new: str, output: str | None, fmt: str | None,
         units_files: tuple[str, ...], current_names: bool, no_ocr: bool, timeout: float,
         quiet: bool) -> None:
    """Compare two versions of a notice's table (OLD and NEW, any formats; - for stdin):
    which tasks were added, removed or changed, and what changed.

    Exit status: 0 when both files were compared (whatever changed), 1 when either could
    not be read or holds no task table (one line each), 2 for a usage error.
    """
    from fengong.diff import diff_tasks
    from fengong.output.diff import diff_format_for, render_diff, summary_line

    _check_units(units_files)
    fmt = diff_format_for(output, fmt)
    if fmt == "xlsx" and not (output and output != "-"):
        raise click.UsageError("XLSX needs an output file: -o changes.xlsx")
    if old == new == "-":
        raise click.UsageError("only one of OLD and NEW can be stdin (-)")
    options = {"units_files": units_files, "ocr": not no_ocr}
    versions = []
    for name in (old, new):
        tasks, _kind, message = _read(name, timeout=timeout, **options)
        if tasks == []:
            message = "no task table found; nothing to compare"
        if not tasks:
            _fail(name, message)
        versions.append(tasks)
    if not all(versions):
        sys.exit(1)
    entries = [c.to_dict() for c in diff_tasks(*versions, current_names=current_names)]
    data = render_diff(entries, fmt, old, new)
    if output and output != "-":
        from fengong.output import write_atomic

        try:
            write_atomic(output, [data])
        except OSError as exc:
            raise _cannot_write(output, exc) from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if not quiet and (fmt != "text" or output):
        click.echo(f"fengong: {summary_line(entries)}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless others must reach it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-upload-mb", default=50.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Largest upload accepted (all files of one request together).")
@timeout_option
def serve(host: str, port: int, max_upload_mb: float, timeout: float) -> None:
    """Start the local web page: drop notices, check the tables, download them."""
    import importlib.util

    if importlib.util.find_spec("flask") is None:
        raise Failure("the web page needs Flask: pip install 'fengong[web]'")
    from fengong.web import serve as run_server

    _check_port_free(host, port)
    click.echo(f"fengong: serving on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        run_server(host=host, port=port, max_upload_mb=max_upload_mb, timeout=timeout)
    except KeyboardInterrupt:
        click.echo("fengong: stopped", err=True)
    except OSError as exc:
        raise Failure(f"cannot serve on {host}:{port} ({exc.strerror or exc}); choose "
                      "another with --port or --host") from None


def _check_port_free(host: str, port: int) -> None:
    """One line when the port is taken (both servers would print a traceback or a page)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise Failure(f"cannot serve on {host}:{port} ({exc}); check --host") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise Failure(f"port {port} on {host} is in use ({exc.strerror}); stop the other "
                          "server or choose another port with --port") from None


@main.command(epilog="""
\b
Examples:
  fengong schema > task.schema.json            # validate a JSON / JSON Lines feed
  fengong schema -f table-schema > tasks.csv.json  # describe the CSV (Frictionless)
  fengong schema --long                        # the rows of extract --long
""")
@click.option("-f", "--format", "fmt", type=click.Choice(["json-schema", "table-schema"]),
              default="json-schema", show_default=True,
              help="JSON Schema 2020-12 of a record, or Table Schema of the CSV.")
@click.option("--long", "long_form", is_flag=True, help="The schema of extract --long's rows.")
def schema(fmt: str, long_form: bool) -> None:
    """Print the schema every record follows (generated from the record itself)."""
    from fengong.output.schema import json_schema, table_schema

    _echo_json(json_schema(long_form) if fmt == "json-schema" else table_schema(long_form))


@main.group()
def units() -> None:
    """Look at unit names: how they resolve, and which ones nobody knows."""


@units.command("check")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@units_option
@click.option("--strict", is_flag=True, help="Exit 1 when any unit is unknown.")
@format_option
@quiet_option
def units_check(inputs: tuple[str, ...], units_files: tuple[str, ...], strict: bool, fmt: str,
                quiet: bool) -> None:
    """List every unit the INPUT files, directories or globs name, with its canonical name
    (or unknown), kind and count, unknown names first."""
    from dataclasses import asdict

    from fengong.normalize.report import unit_counts

    _check_units(units_files)
    names: list[str] = []
    failed = 0
    for name in _input_files(inputs):
        tasks = _extract_one(name, units_files=units_files)
        if tasks is None:
            failed += 1
            continue
        names.extend(u for t in tasks for u in (*t.lead_units, *t.other_units))
    rows = unit_counts(names, units_files)
    if fmt == "json":
        _echo_json([asdict(row) for row in rows])
    width = max((len(r.name) for r in rows), default=4)
    for row in rows if fmt == "text" else []:
        canonical = row.canonical if row.known else "unknown"
        click.echo(f"{row.count:5d}  {row.name:{width}s}  {canonical}  ({row.kind})")
    unknown = sum(1 for r in rows if not r.known)
    if not quiet:
        click.echo(f"{len(rows)} units, {unknown} unknown", err=True)
    if failed or (strict and unknown):
        sys.exit(1)


@units.command("list", epilog="""
\b
Examples:
  fengong units list --kind collective     # every collective name
  fengong units list -f csv > mine.csv     # a start for your own --units FILE
""")
@units_option
@click.option("--kind", metavar="KIND", help="Only entries of this kind (government, party, …).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "csv", "json"]),
              default="text", show_default=True, help="Lines to read, CSV (the --units "
              "format, version in its first line) or JSON.")
def units_list(units_files: tuple[str, ...], kind: str | None, fmt: str) -> None:
    """Print the whole dictionary in force: each entry with its aliases, successor and
    kind, and the dictionary's version."""
    from fengong.normalize.report import dictionary_listing, listing_csv

    _check_units(units_files)
    version, rows = dictionary_listing(units_files, kind)
    if kind and not rows:
        kinds = sorted({r["kind"] for r in dictionary_listing(units_files)[1]})
        raise click.BadParameter(f"no entry of kind {kind!r}; kinds: {', '.join(kinds)}",
                                 param_hint="--kind")
    if fmt == "json":
        _echo_json({"version": version, "entries": len(rows),
                    "aliases": sum(len(r["aliases"]) for r in rows), "units": rows})
    elif fmt == "csv":
        click.echo(listing_csv(version, rows), nl=False)
    else:
        click.echo(f"# fengong units {version}: {len(rows)} entries")
        for row in rows:
            after = f"  -> {row['successor']} ({row['year'] or '?'})" if row["successor"] \
                else ""
            click.echo(f"{row['canonical']}\t{row['kind']}\t{'|'.join(row['aliases'])}{after}")


@units.command("lookup")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@units_option
def units_lookup(names: tuple[str, ...], units_files: tuple[str, ...]) -> None:
    """Show how each NAME (or a whole unit cell) splits and resolves."""
    from fengong.normalize.dictionary import load
    from fengong.normalize.units import resolve, split_roles, split_units

    _check_units(units_files)
    dictionary = load(units_files)
    for text in names:
        for unit, role in split_roles(split_units(text, dictionary) or [text]):
            found = resolve(unit, dictionary)
            chain = " -> ".join(f"{name} ({year or '?'})" for name, year in found.chain)
            click.echo(f"{unit}\tcanonical: {found.canonical if found.known else 'unknown'}"
                       f"\tkind: {found.kind}\tsuccessor: {chain or '-'}"
                       + (f"\trole: {role}" if role else ""))


class _UnitsFileError(click.ClickException):
    """A --units file that cannot be used: one line (``Error: --units: …``), exit 2."""

    exit_code = 2


def _check_units(units_files: tuple[str, ...]) -> None:
    from fengong.normalize.dictionary import load

    for path in units_files:
        if not Path(path).is_file():
            raise _UnitsFileError(f"--units: no such file: {path}")
    try:
        load(units_files)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _UnitsFileError(f"--units: {exc}") from None


def _input_files(inputs: tuple[str, ...]) -> list[str]:
    """INPUT files, directories (walked) and globs as ``extract`` reads them; - is stdin."""
    from fengong.batch import discover

    files = discover(inputs).files
    if not files:
        raise click.UsageError(f"no notice files found in {' '.join(inputs)}")
    return files


def _echo_json(value: object) -> None:
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _read_supervised(name: str, timeout: float, options: dict):
    import functools

    from fengong.batch import run_batch
    from fengong.model import Task
    from fengong.pipeline import records_of

    work = functools.partial(records_of, **options)
    limits = options.get("limits")
    (result,) = run_batch([name], work, workers=1, timeout=timeout,
                          memory_mb=limits.max_memory_mb if limits else None)
    if not result.ok:
        return None, result.error_kind, result.message
    return [Task.from_dict(r) for r in result.records or []], None, None


def _readings(name: str) -> tuple[tuple[str, float], ...]:
    """Every reading proposed for a file that was read, with its score (for --explain)."""
    from fengong.extract import read_document

    if name == "-":
        return ()
    return read_document(name).candidates


def _extract_one(name: str, **options):
    """Extract one input; on failure print one line naming it and return None."""
    tasks, _kind, message = _read(name, **options)
    if tasks is None:
        _fail(name, message)
    return tasks


def _read(name: str, timeout: float | None = None, **options):
    """Extract one input: (tasks, None, None), or (None, error kind, message). With a
    timeout the file is read in a supervised worker process, so nothing can hang us."""
    from fengong.batch import failure_of
    from fengong.pipeline import extract_tasks

    if timeout is not None and name != "-" and not os.environ.get("FENGONG_DEBUG"):
        return _read_supervised(name, timeout, options)
    try:
        if name == "-":
            from fengong.extract import Limits, read_bounded

            data = read_bounded(sys.stdin.buffer, options.get("limits") or Limits())
            return extract_tasks("<stdin>", data=data, source="-", **options), None, None
        return extract_tasks(name, **options), None, None
    except Exception as exc:
        if os.environ.get("FENGONG_DEBUG"):
            raise
        return None, *failure_of(exc)


def _fail(name: str, message: str) -> None:
    click.echo(f"fengong: {name}: {message}", err=True)


if __name__ == "__main__":
    main()
