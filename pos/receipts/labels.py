"""The words printed on a receipt, in the store's language (not the window's).

A receipt is read by the customer, so it follows the store's locale: a zh_*
store prints Chinese labels, every other store English ones. The windows'
translations (Qt) cannot be used here because the core has no Qt.
"""

from __future__ import annotations

LABELS = {
    # key: (English, Chinese); a receipt, then a shift report
    "sale": ("RECEIPT", "销售小票"),
    "refund": ("REFUND", "退款单"),
    "copy": ("COPY", "重印"),
    "receipt": ("Receipt", "单号"),
    "date": ("Date", "日期"),
    "terminal": ("Terminal", "终端"),
    "cashier": ("Cashier", "收银员"),
    "tax_number": ("Tax no.", "税号"),
    "subtotal": ("Subtotal", "小计"),
    "discount": ("Discount", "折扣"),
    "tax": ("Tax", "税额"),
    "included": ("incl.", "含"),
    "total": ("TOTAL", "合计"),
    "refunded": ("REFUNDED", "退款金额"),
    "rounding": ("Rounding", "抹零"),
    "cash": ("Cash", "现金"),
    "card": ("Card", "银行卡"),
    "alipay": ("Alipay", "支付宝"),
    "wechat": ("WeChat Pay", "微信支付"),
    "buyer": ("Buyer", "付款账户"),
    "trade_no": ("Trade no.", "交易号"),
    "tendered": ("Tendered", "实收"),
    "change": ("Change", "找零"),
    "ref": ("Ref", "参考号"),
    "order": ("Order", "订单"),
    "reason": ("Reason", "原因"),
    "no_sale": ("NO SALE", "开钱箱"),
    "test_title": ("PRINTER TEST", "打印机测试"),
    "test_width": ("{width} characters per line", "每行 {width} 个字符"),
    "test_codepage": ("Code page {codepage}", "代码页 {codepage}"),
    # X and Z reports of a shift (pos.receipts.shift_report)
    "X": ("X REPORT", "X 报表"),
    "Z": ("Z REPORT", "Z 报表"),
    "no": ("No.", "编号"),
    "shift": ("Shift", "班次"),
    "opened": ("Opened", "开班"),
    "closed": ("Closed", "结班"),
    "taken": ("As of", "截至"),
    "approved": ("Approved by", "批准人"),
    "sales": ("Sales", "销售"),
    "discounts": ("Discounts", "折扣"),
    "cash_rounding": ("Cash rounding", "现金抹零"),
    "on": ("on", "税基"),
    "change_given": ("Change given", "找零"),
    "refunds": ("Refunds", "退款"),
    "cash_in": ("Cash in", "存入现金"),
    "cash_out": ("Cash out", "取出现金"),
    "no_sales": ("No sales", "开钱箱"),
    "voids": ("Voids", "作废"),
    "overrides": ("Price overrides", "改价"),
    "float": ("Opening float", "备用金"),
    "expected": ("Expected", "应有"),
    "counted": ("Counted", "实点"),
    "over": ("Over", "长款"),
    "short": ("Short", "短款"),
    "even": ("Over/short", "长短款"),
    "note": ("Note", "备注"),
    "count": ("Cash count", "点钞"),
    "journal": ("Journal entry", "审计日志"),
    "key": ("Key", "密钥"),
    "first": ("Journal start", "日志起点"),
}


_ENGLISH = {key: words[0] for key, words in LABELS.items()}
_CHINESE = {key: words[1] for key, words in LABELS.items()}


def labels_for(locale: str) -> dict[str, str]:
    """Chinese labels for a zh_* store, English for any other."""
    language = (locale or "en").replace("-", "_").split("_")[0].lower()
    return _CHINESE if language == "zh" else _ENGLISH


def tender_name(tender, words: dict[str, str]) -> str:
    """How a payment is named on a receipt: "Cash"; "Card Visa ****4242"; a wallet
    payment by its wallet and the buyer's account as the gateway masked it ("Alipay
    138****5678"). `tender` is anything with kind, card_brand, card_last4, wallet, buyer."""
    if tender.wallet:
        return " ".join(x for x in (words.get(tender.wallet, tender.wallet), tender.buyer) if x)
    if tender.kind != "card":
        return words.get(tender.kind, tender.kind)
    return " ".join(x for x in (words["card"], tender.card_brand or "",
                                f"****{tender.card_last4}" if tender.card_last4 else "") if x)
