"""Renderings of a scan result: a self-contained HTML report (inline SVG chart per dataset), a markdown
summary and table rows for Prefect artifacts. Inputs are the plain summaries of `flows.scan.scanning`, which
hold counts and masked evidence only.

Each dataset's part also lists the columns the sample called not personal that the full scan found
holding personal data (`promoted`: free text for tokenize), with the rows that held something and their
share, per dataset and per file.

The report covers every dataset of the catalog, each as last scanned: a run saves its datasets' results
as `<reports>/scan/<dataset>.json`, then renders `scan-report.html` and `scan-report.json` from all of
them, so a scan of one dataset updates its part and leaves the others' as they were.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from flows.pipeline.atomic import write_bytes_atomic

ENTITY_COLOURS = {
    "PERSON": "#4e79a7",
    "ADDRESS": "#f28e2b",
    "PHONE_NUMBER": "#59a14f",
    "EMAIL_ADDRESS": "#e15759",
    "CREDIT_CARD": "#b07aa1",
}


FULL_SCAN = "free text (full scan)"  # what a promoted column is shown as


def promoted_columns(summary: dict) -> list[dict]:
    """The columns the full scan found holding personal data (none in reports saved before it)."""
    return summary.get("promoted", [])


def promoted_lines(summary: dict) -> list[str]:
    """One line per promoted column: rows that held something and their share, then per file."""
    lines = []
    for entry in promoted_columns(summary):
        files = "; ".join(f"`{f['file']}` {f['rows']} ({f['share']:.1%})" for f in entry["files"])
        lines.append(
            f"- `{entry['column']}`: {entry['rows']} rows held personal data ({entry['share']:.1%} of rows); "
            f"per file: {files}"
        )
    return lines


def table_rows(summaries: list[dict]) -> list[dict]:
    """One row per dataset, column and entity type: the table artifact."""
    rows = []
    for summary in summaries:
        promoted = {entry["column"] for entry in promoted_columns(summary)}
        for column, entry in summary["columns"].items():
            unclassified = FULL_SCAN if column in promoted else "not personal"
            for entity_type, total in sorted(entry["entities"].items()):
                rows.append(
                    {
                        "dataset": summary["dataset"],
                        "column": column,
                        "classification": entry["classification"] or unclassified,
                        "entity": entity_type,
                        "count": total["count"],
                        "rows": total["rows"],
                        "share_of_rows": total["share"],
                        "evidence": ", ".join(total["examples"]),
                    }
                )
    return rows


def not_personal(summary: dict) -> list[str]:
    """Columns classified (or declared) as not personal data and in which nothing was found."""
    return [
        column
        for column, entry in summary["columns"].items()
        if entry["classification"] is None and not entry["entities"]
    ]


def markdown(summaries: list[dict], report_path: Path | None = None) -> str:
    """The markdown artifact: per dataset records, quarantined records and entity counts per column."""
    lines = ["# piivault scan", ""]
    if report_path is not None:
        lines += [f"HTML report: `{report_path}`", ""]
    for summary in summaries:
        quarantined = len(summary["quarantined"])
        lines += [
            f"## {summary['dataset']} ({summary['format']})",
            f"{summary['records_ok']} records in {summary['files']} files; {quarantined} unreadable "
            "(quarantined by tokenize).",
            "",
            "| column | classification | entity | count | share of rows | evidence |",
            "|---|---|---|---|---|---|",
        ]
        for row in table_rows([summary]):
            lines.append(
                f"| {row['column']} | {row['classification']} | {row['entity']} | {row['count']} "
                f"| {row['share_of_rows']:.1%} | {row['evidence']} |"
            )
        lines += ["", "Not personal: " + (", ".join(f"`{c}`" for c in not_personal(summary)) or "none")]
        if promoted_columns(summary):
            lines += ["", "Called not personal by the sample, found holding personal data by the full scan:"]
            lines += promoted_lines(summary)
        for bad in summary["quarantined"][:20]:
            where = ", ".join(f"{k} {v}" for k, v in bad.items() if k not in ("file", "reason"))
            lines.append(f"- unreadable: `{bad['file']}` {where}: {bad['reason']}")
        lines.append("")
    return "\n".join(lines)


def _chart(summary: dict) -> str:
    """Horizontal stacked bars: one bar per column, one segment per entity type, width by count."""
    bars = [(column, entry["entities"]) for column, entry in summary["columns"].items() if entry["entities"]]
    if not bars:
        return "<p>No personal data found.</p>"
    widest = max(sum(t["count"] for t in entities.values()) for _, entities in bars) or 1
    height, label_width, plot_width = 22, 170, 480
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + plot_width + 80}" '
        f'height="{height * len(bars) + 10}" role="img" aria-label="entities per column">'
    ]
    for index, (column, entities) in enumerate(bars):
        y = 5 + index * height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{html.escape(column)}</text>"
        )
        x = float(label_width)
        for entity_type, total in sorted(entities.items()):
            width = plot_width * total["count"] / widest
            colour = ENTITY_COLOURS.get(entity_type, "#999")
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{height - 6}" fill="{colour}">'
                f"<title>{html.escape(entity_type)}: {total['count']}</title></rect>"
            )
            x += width
        count = sum(t["count"] for t in entities.values())
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="11">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _promoted_html(summary: dict) -> str:
    """The promoted columns as a table: column, rows, share of rows, per file."""
    entries = promoted_columns(summary)
    if not entries:
        return ""
    parts = [
        "<h3>Scanned in full: personal data where the sample saw none</h3>",
        "<table><tr><th>column</th><th>rows</th><th>share of rows</th><th>per file</th></tr>",
    ]
    for entry in entries:
        files = "<br>".join(
            f"<code>{html.escape(f['file'])}</code> {f['rows']} ({f['share']:.1%})" for f in entry["files"]
        )
        parts.append(
            f"<tr><td>{html.escape(entry['column'])}</td><td>{entry['rows']}</td>"
            f"<td>{entry['share']:.1%}</td><td>{files}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def html_report(summaries: list[dict], generated_at: str) -> str:
    """A self-contained HTML page: one section per dataset with its chart and its table."""
    legend = " ".join(
        f'<span style="background:{c};color:#fff;padding:1px 6px;border-radius:3px">{e}</span>'
        for e, c in ENTITY_COLOURS.items()
    )
    body = [f"<h1>piivault scan report</h1><p>Generated {html.escape(generated_at)}. {legend}</p>"]
    for summary in summaries:
        body.append(
            f"<section><h2>{html.escape(summary['dataset'])} <small>({summary['format']})</small></h2>"
        )
        scanned = f"Scanned {html.escape(summary['scanned_at'])}. " if summary.get("scanned_at") else ""
        body.append(
            f"<p>{scanned}{summary['records_ok']} records in {summary['files']} files; "
            f"{len(summary['quarantined'])} unreadable records; "
            f"{len(summary['empty_files'])} empty files.</p>"
        )
        body.append(_chart(summary))
        body.append(
            "<table><tr><th>column</th><th>classification</th><th>entity</th><th>count</th>"
            "<th>share of rows</th><th>masked evidence</th></tr>"
        )
        for row in table_rows([summary]):
            body.append(
                "<tr>"
                + "".join(
                    f"<td>{html.escape(str(row[key]))}</td>"
                    for key in ("column", "classification", "entity", "count")
                )
                + f"<td>{row['share_of_rows']:.1%}</td><td>{html.escape(row['evidence'])}</td></tr>"
            )
        body.append("</table>")
        columns = ", ".join(html.escape(c) for c in not_personal(summary)) or "none"
        body.append(f"<p>Not personal: {columns}</p>")
        body.append(_promoted_html(summary))
        if summary["quarantined"]:
            body.append("<h3>Unreadable records</h3><ul>")
            for bad in summary["quarantined"][:200]:
                where = ", ".join(f"{k} {v}" for k, v in bad.items() if k not in ("file", "reason"))
                body.append(
                    f"<li><code>{html.escape(bad['file'])}</code> {where}: {html.escape(bad['reason'])}</li>"
                )
            body.append("</ul>")
        body.append("</section>")
    style = (
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:72em}"
        "table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}"
        "th{background:#f4f4f4}section{margin-bottom:2.5em}"
    )
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>piivault scan report</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )


DATASETS_DIR = "scan"  # under the reports zone: one JSON file per dataset, its latest scan


def save_dataset_results(summaries: list[dict], directory: Path, scanned_at: str) -> None:
    """Write each dataset's summary, stamped with when it was scanned, as `scan/<dataset>.json`."""
    for summary in summaries:
        document = {**summary, "scanned_at": scanned_at}
        path = directory / DATASETS_DIR / f"{summary['dataset']}.json"
        write_bytes_atomic(path, (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def saved_results(directory: Path, datasets: list[str]) -> list[dict]:
    """The latest saved summary of each of `datasets` that was ever scanned, in that order."""
    found = []
    for name in datasets:
        path = directory / DATASETS_DIR / f"{name}.json"
        if path.is_file():
            found.append(json.loads(path.read_text(encoding="utf-8")))
    return found


def update_reports(
    summaries: list[dict], directory: Path, generated_at: str, datasets: list[str]
) -> tuple[Path, list[dict]]:
    """Save this run's datasets, then write `scan-report.html` and `scan-report.json` (atomically) from the
    latest results of every dataset in `datasets` (the catalog's, in its order). Returns the HTML path
    and the summaries it shows."""
    save_dataset_results(summaries, directory, generated_at)
    shown = saved_results(directory, datasets)
    html_path = directory / "scan-report.html"
    json_path = directory / "scan-report.json"
    write_bytes_atomic(html_path, html_report(shown, generated_at).encode("utf-8"))
    document = {"generated_at": generated_at, "datasets": shown}
    write_bytes_atomic(json_path, (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return html_path, shown
