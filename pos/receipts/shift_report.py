"""A shift's X or Z report as printed lines, for the receipt printer or a terminal."""

from __future__ import annotations

import datetime as dt

from pos.receipts.labels import labels_for
from pos.receipts.text_layout import WIDTHS, centred, money_text, row, wrap
from pos.sales.orders import TENDERS
from pos.sales.shifts import ShiftReport
from pos.tax import format_rate


def report_lines(report: ShiftReport, width: int = 42, locale: str = "en_US") -> list[str]:
    """The X or Z report as lines for the receipt printer (or a terminal), in the store's
    language: Chinese labels for a zh_* store, English for any other."""
    if width not in WIDTHS:
        raise ValueError(f"a report is 32, 42 or 48 columns wide, not {width}")
    words = labels_for(locale)

    def amount(minor: int) -> str:
        return money_text(report.money(minor), locale)

    def when(at: dt.datetime) -> str:
        return f"{at.astimezone():%Y-%m-%d %H:%M}"

    rule = ["-" * width]
    title = words[report.kind] + (f" {words['no']} {report.z_no}" if report.z_no else "")
    out = centred(title, width)
    out += wrap(f"{words['terminal']} {report.terminal_id}  {words['shift']} "
                f"{report.shift_id}", width)
    out += wrap(f"{words['opened']} {when(report.opened_at)} {report.opened_by}", width)
    out += wrap(f"{words['closed' if report.kind == 'Z' else 'taken']} {when(report.at)} "
                f"{report.closed_by}".rstrip(), width)
    if report.approved_by:
        out += wrap(f"{words['approved']} {report.approved_by}", width)
    out += rule + row(f"{words['sales']} ({report.sales_count})", amount(report.sales_total),
                      width)
    if report.discounts:
        out += row(words["discounts"], amount(-report.discounts), width)
    if report.rounding:
        out += row(words["cash_rounding"], amount(report.rounding), width)
    for tax in report.taxes:
        out += row(f"{words['tax']} {format_rate(tax.rate_ppm)} {words['on']} "
                   f"{amount(tax.net)}", amount(tax.tax), width)
    out += rule
    for tender in TENDERS:
        out += row(words[tender], amount(report.tenders[tender]), width)
    if report.change_given:
        out += row(words["change_given"], amount(report.change_given), width)
    for tender in TENDERS:
        if report.refunds[tender]:
            out += row(f"{words['refunds']} {words[tender].lower()}",
                       amount(-report.refunds[tender]), width)
    out += row(f"{words['cash_in']} ({report.cash_in_count})", amount(report.cash_in), width)
    out += row(f"{words['cash_out']} ({report.cash_out_count})", amount(-report.cash_out),
               width)
    for key, number in (("no_sales", report.no_sales), ("voids", report.voids),
                        ("overrides", report.overrides)):
        out += row(words[key], str(number), width)
    out += rule + row(words["float"], amount(report.opening_float), width)
    for tender in TENDERS:
        out += row(f"{words['expected']} {words[tender].lower()}",
                   amount(report.expected[tender]), width)
    if report.kind != "Z":
        return out
    for tender in TENDERS:
        out += row(f"{words['counted']} {words[tender].lower()}",
                   amount(report.counted[tender]), width)
    side = "over" if report.over_short > 0 else "short" if report.over_short < 0 else "even"
    out += row(words[side], amount(abs(report.over_short)), width)
    if report.note:
        out += wrap(f"{words['note']}: {report.note}", width)
    out += rule + wrap(words["count"], width)
    for minor, pieces in sorted(report.cash_count.items(), reverse=True):
        out += row(f"{pieces} x {amount(minor)}", amount(minor * pieces), width)
    out += rule + wrap(f"{words['journal']} {report.journal_seq}", width)
    out += wrap(report.journal_hash, width)
    out += wrap(f"{words['key']} {report.journal_key}", width)
    if report.journal_first:
        out += wrap(f"{words['first']} {report.journal_first}", width)
    return out

