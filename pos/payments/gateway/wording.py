"""What a card answer says to the cashier, in the store's language.

The gateway adapters write their reasons in English (they go to the log and the
payment's record too). The windows show a decline in the store's language: a
zh_* store reads Chinese, any other English, as receipts do
(`pos.receipts.labels`). The core has no Qt, so it cannot use the windows'
translations; the Chinese is kept here, keyed by the decline code the gateways
share (ours, the sandbox's and Stripe's).
"""

from __future__ import annotations

_ANOTHER = "请换一张卡或改用其他付款方式。"
_RETRY = "请重试或换一张卡。"

CHINESE_DECLINES = {
    "declined": "银行卡被拒绝。" + _ANOTHER,
    "insufficient_funds": "银行卡余额不足，被拒绝。" + _ANOTHER,
    "expired_card": "银行卡已过期。" + _ANOTHER,
    "incorrect_cvc": "银行卡安全码错误。" + _RETRY,
    "invalid_cvc": "银行卡安全码错误。" + _RETRY,
    "incorrect_number": "卡号错误。" + _RETRY,
    "invalid_number": "卡号错误。" + _RETRY,
    "invalid_expiry_month": "银行卡有效期错误。" + _RETRY,
    "invalid_expiry_year": "银行卡有效期错误。" + _RETRY,
    "processing_error": "银行卡无法处理。" + _RETRY,
    "try_again_later": "发卡行没有应答。请稍后重试或换一张卡。",
    "card_velocity_exceeded": "银行卡已达消费限额。" + _ANOTHER,
    "withdrawal_count_limit_exceeded": "银行卡已达消费限额。" + _ANOTHER,
    "currency_not_supported": "该卡不能以此币种付款。请换一张卡。",
    "card_not_supported": "该卡不能用于此次购买。请换一张卡。",
    "authentication_required": "该卡需要持卡人向银行确认付款，本收银机无法完成。" + _ANOTHER,
    "canceled": "付款在扣款前已取消。",
    "voided": "这笔银行卡扣款已撤销。",
    # charges that wait for the customer (readers, wallet payment codes, store QR)
    "insufficient_balance": "钱包余额不足，付款被拒绝。请改用其他付款方式。",
    "payment_code_invalid": "钱包不接受这个付款码。请顾客刷新手机上的付款码后重新扫码。",
    "reader_timeout": "读卡器上没有及时刷卡。请重试或改用其他付款方式。",
    "customer_did_not_confirm": "顾客没有及时在手机上确认付款，未扣款。请重试或改用其他付款方式。",
    "qr_expired": "二维码在付款前已过期，未扣款。请重新出示二维码或改用其他付款方式。",
    "cancelled": "付款已取消，未扣款。",
    "reversed": "顾客在取消的同时确认了付款：这笔付款已撤销，款项退回顾客。",
}
CHINESE_GENERIC = "银行卡付款未成功。" + _ANOTHER

# The sandbox's and a Stripe emulator's test cards, by token (pos.payments.gateway.factory).
CHINESE_TEST_CARDS = {
    "tok_visa": "Visa •••• 4242（批准）",
    "tok_mastercard": "Mastercard •••• 4444（批准）",
    "tok_decline": "被拒绝的卡",
    "tok_insufficient": "余额不足的卡",
    "tok_expired": "已过期的卡",
    "tok_fee_high": "高手续费的卡",
    "pm_card_visa": "Visa（测试）",
    "pm_card_mastercard": "Mastercard（测试）",
    "pm_card_chargeDeclined": "被拒绝的卡（测试）",
}


def is_chinese(locale: str | None) -> bool:
    return (locale or "en").replace("-", "_").split("_")[0].lower() == "zh"


def decline_message(code: str | None, english: str | None, locale: str | None) -> str:
    """A declined or refused card payment in the store's language: `english` (the gateway
    adapter's sentence) for any store but a Chinese one, which reads the Chinese for
    `code`; a code without one keeps the English detail after a Chinese sentence."""
    if not is_chinese(locale):
        return english or "The card was declined. Ask for another card or another way to pay."
    if code in CHINESE_DECLINES:
        return CHINESE_DECLINES[code]
    return CHINESE_GENERIC + (f"（{english}）" if english else "")


def named_test_cards(cards: list[tuple[str, str]], locale: str | None) -> list[tuple[str, str]]:
    """`cards` as (name, token), the names in the store's language."""
    if not is_chinese(locale):
        return list(cards)
    return [(CHINESE_TEST_CARDS.get(token, name), token) for name, token in cards]
