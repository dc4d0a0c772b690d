"""The words printed on a receipt, in the store's language (not the window's).

A receipt is read by the customer, so it follows the store's locale: a zh_*
store prints Chinese labels, every other store English ones. The windows'
translations (Qt) cannot be used here because the core has no Qt.
"""

from __future__ import annotations

ENGLISH = {
    "sale": "RECEIPT", "refund": "REFUND", "copy": "COPY", "receipt": "Receipt",
    "date": "Date", "terminal": "Terminal", "cashier": "Cashier", "tax_number": "Tax no.",
    "subtotal": "Subtotal", "discount": "Discount", "tax": "Tax", "included": "incl.",
    "total": "TOTAL", "refunded": "REFUNDED", "rounding": "Rounding", "cash": "Cash",
    "card": "Card", "tendered": "Tendered", "change": "Change", "ref": "Ref",
    "order": "Order", "reason": "Reason", "no_sale": "NO SALE",
    "test_title": "PRINTER TEST", "test_width": "{width} characters per line",
    "test_codepage": "Code page {codepage}",
    # X and Z reports of a shift (pos.receipts.shift_report)
    "X": "X REPORT", "Z": "Z REPORT", "no": "No.", "shift": "Shift",
    "opened": "Opened", "closed": "Closed", "taken": "As of", "approved": "Approved by",
    "sales": "Sales", "discounts": "Discounts", "cash_rounding": "Cash rounding",
    "on": "on", "change_given": "Change given",
    "refunds": "Refunds", "cash_in": "Cash in", "cash_out": "Cash out",
    "no_sales": "No sales", "voids": "Voids", "overrides": "Price overrides",
    "float": "Opening float", "expected": "Expected", "counted": "Counted", "over": "Over",
    "short": "Short", "even": "Over/short", "note": "Note", "count": "Cash count",
    "journal": "Journal entry", "key": "Key", "first": "Journal start",
}

CHINESE = {
    "sale": "销售小票", "refund": "退款单", "copy": "重印", "receipt": "单号",
    "date": "日期", "terminal": "终端", "cashier": "收银员", "tax_number": "税号",
    "subtotal": "小计", "discount": "折扣", "tax": "税额", "included": "含",
    "total": "合计", "refunded": "退款金额", "rounding": "抹零", "cash": "现金",
    "card": "银行卡", "tendered": "实收", "change": "找零", "ref": "参考号",
    "order": "订单", "reason": "原因", "no_sale": "开钱箱",
    "test_title": "打印机测试", "test_width": "每行 {width} 个字符",
    "test_codepage": "代码页 {codepage}",
    # X and Z reports of a shift (pos.receipts.shift_report)
    "X": "X 报表", "Z": "Z 报表", "no": "编号", "shift": "班次",
    "opened": "开班", "closed": "结班", "taken": "截至", "approved": "批准人",
    "sales": "销售", "discounts": "折扣", "cash_rounding": "现金抹零",
    "on": "税基", "change_given": "找零",
    "refunds": "退款", "cash_in": "存入现金", "cash_out": "取出现金",
    "no_sales": "开钱箱", "voids": "作废", "overrides": "改价",
    "float": "备用金", "expected": "应有", "counted": "实点", "over": "长款",
    "short": "短款", "even": "长短款", "note": "备注", "count": "点钞",
    "journal": "审计日志", "key": "密钥", "first": "日志起点",
}


def labels_for(locale: str) -> dict[str, str]:
    """Chinese labels for a zh_* store, English for any other."""
    language = (locale or "en").replace("-", "_").split("_")[0].lower()
    return CHINESE if language == "zh" else ENGLISH
