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
}


def labels_for(locale: str) -> dict[str, str]:
    """Chinese labels for a zh_* store, English for any other."""
    language = (locale or "en").replace("-", "_").split("_")[0].lower()
    return CHINESE if language == "zh" else ENGLISH
