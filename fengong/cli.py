"""The ``fengong`` command: a thin layer over the library (see README for the reference)."""

from __future__ import annotations

import os
import sys
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fengong")
def main() -> None:
    """Extract the task table (重点任务分工方案) of Chinese government notices."""


@main.command(epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]),
              help="Output format; default: from -o's extension, else json.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="CSV encoding (UTF-8 gets a BOM so Excel and WPS open it); e.g. gb18030.")
@click.option("--units", "units_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Extra alias dictionary (CSV); may be repeated.")
@click.option("--current-names", is_flag=True,
              help="Map canonical unit names to their successors (安监局 -> 应急管理局).")
@click.option("--no-ocr", "no_ocr", is_flag=True,
              help="Do not OCR scanned PDFs (they fail with a clear message instead).")
@click.option("--password", default="", metavar="TEXT", help="Password of protected PDFs.")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr but errors.")
def extract(inputs: tuple[str, ...], output: str | None, fmt: str | None, encoding: str,
            units_files: tuple[str, ...], current_names: bool, no_ocr: bool, password: str,
            quiet: bool) -> None:
    """Read INPUT files (or - for stdin) and write their task records.

    Exit status: 0 when every input was read, 1 when any failed (each failure is one line
    on stderr naming the file), 2 for a usage error.
    """
    from fengong.output import format_for, render, write_atomic

    _check_units(units_files)
    fmt = format_for(output, fmt)
    records, failed = [], 0
    for name in inputs:
        tasks = _extract_one(name, units_files=units_files, current_names=current_names,
                             ocr=not no_ocr, password=password)
        if tasks is None:
            failed += 1
            continue
        records.extend(t.to_dict() for t in tasks)
        if not quiet and not tasks:
            click.echo(f"fengong: {name}: no task table found", err=True)
    try:
        data = render(records, fmt, encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        raise click.UsageError(f"cannot write in encoding {encoding!r}: {exc}") from None
    if output and output != "-":
        write_atomic(output, [data])
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if failed:
        sys.exit(1)


@main.command(epilog="""
\b
Example:
  fengong check notice.docx             # what to look at before the table goes out
  fengong check archive/*.pdf --strict  # exit 1 if any file has a warning
""")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--units", "units_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Extra alias dictionary (CSV); may be repeated.")
@click.option("--strict", is_flag=True, help="Exit 1 when there is any warning.")
def check(inputs: tuple[str, ...], units_files: tuple[str, ...], strict: bool) -> None:
    """Read INPUT files and print, per file, the rows read and the warnings by kind."""
    from fengong.normalize.checks import check_report

    _check_units(units_files)
    failed = warned = 0
    for name in inputs:
        tasks = _extract_one(name, units_files=units_files)
        if tasks is None:
            failed += 1
            continue
        warned += sum(len(t.warnings) for t in tasks) + (0 if tasks else 1)
        for line in check_report(name, tasks):
            click.echo(line)
    if failed or (strict and warned):
        sys.exit(1)


@main.group()
def units() -> None:
    """Look at unit names: how they resolve, and which ones nobody knows."""


@units.command("check")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--units", "units_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Extra alias dictionary (CSV); may be repeated.")
@click.option("--strict", is_flag=True, help="Exit 1 when any unit is unknown.")
def units_check(inputs: tuple[str, ...], units_files: tuple[str, ...], strict: bool) -> None:
    """List every unit the INPUT files name, with its canonical name (or unknown) and count."""
    from fengong.normalize.report import unit_counts

    _check_units(units_files)
    names: list[str] = []
    failed = 0
    for name in inputs:
        tasks = _extract_one(name, units_files=units_files)
        if tasks is None:
            failed += 1
            continue
        names.extend(u for t in tasks for u in (*t.lead_units, *t.other_units))
    rows = unit_counts(names, units_files)
    width = max((len(r.name) for r in rows), default=4)
    for row in rows:
        canonical = row.canonical if row.known else "unknown"
        click.echo(f"{row.count:5d}  {row.name:{width}s}  {canonical}  ({row.kind})")
    unknown = sum(1 for r in rows if not r.known)
    click.echo(f"{len(rows)} units, {unknown} unknown", err=True)
    if failed or (strict and unknown):
        sys.exit(1)


@units.command("lookup")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.option("--units", "units_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Extra alias dictionary (CSV); may be repeated.")
def units_lookup(names: tuple[str, ...], units_files: tuple[str, ...]) -> None:
    """Show how each NAME (or a whole unit cell) splits and resolves."""
    from fengong.normalize.dictionary import load
    from fengong.normalize.units import resolve, split_roles, split_units

    _check_units(units_files)
    dictionary = load(units_files)
    for text in names:
        for unit, role in split_roles(split_units(text, dictionary) or [text]):
            found = resolve(unit, dictionary)
            click.echo(f"{unit}\tcanonical: {found.canonical if found.known else 'unknown'}"
                       f"\tkind: {found.kind}\tsuccessor: {found.successor or '-'}"
                       + (f"\trole: {role}" if role else ""))


def _check_units(units_files: tuple[str, ...]) -> None:
    from fengong.normalize.dictionary import load

    for path in units_files:
        if not Path(path).is_file():
            raise click.BadParameter(f"no such file: {path}", param_hint="--units")
    try:
        load(units_files)
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.BadParameter(str(exc), param_hint="--units") from None


def _extract_one(name: str, **options):
    """Extract one input; on failure print one line naming it and return None."""
    from fengong.extract.errors import ExtractError
    from fengong.pipeline import extract_tasks

    try:
        if name == "-":
            return extract_tasks("<stdin>", data=sys.stdin.buffer.read(), source="-", **options)
        return extract_tasks(name, **options)
    except ExtractError as exc:
        _fail(name, str(exc))
    except FileNotFoundError:
        _fail(name, "no such file")
    except IsADirectoryError:
        _fail(name, "is a directory (give the files inside it)")
    except PermissionError:
        _fail(name, "permission denied")
    except Exception as exc:
        if os.environ.get("FENGONG_DEBUG"):
            raise
        _fail(name, f"internal error ({type(exc).__name__}: {exc}); "
                    "rerun with FENGONG_DEBUG=1 and report it")
    return None


def _fail(name: str, message: str) -> None:
    click.echo(f"fengong: {name}: {message}", err=True)


if __name__ == "__main__":
    main()
