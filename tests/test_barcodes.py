import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.barcodes import (
    DEFAULT_RULES,
    VariableCode,
    VariableRule,
    check_digit,
    is_gs1,
    make_ean13,
    normalize_code,
    parse_variable,
    rules_from_json,
    rules_to_json,
)
from pos.errors import InputError

# no example database on disk, no deadline on a busy machine
quiet = settings(database=None, deadline=None)

digits = st.text(alphabet="0123456789", min_size=12, max_size=12)


# GS1 codes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "digit"),
    [("400638133393", 1), ("590123412345", 7), ("03600029145", 2), ("9638507", 4)],
)
def test_check_digit_of_known_codes(body, digit):
    assert check_digit(body) == digit


@pytest.mark.parametrize("body", ["", "12a4", "１２３", None])
def test_check_digit_needs_digits(body):
    with pytest.raises(ValueError):
        check_digit(body)


@pytest.mark.parametrize(
    ("code", "normal"),
    [
        ("4006381333931", "4006381333931"),
        ("5901234123457", "5901234123457"),
        ("036000291452", "0036000291452"),  # UPC-A becomes EAN-13
        ("96385074", "96385074"),  # EAN-8 stays EAN-8
        (" 4006381333931\r\n", "4006381333931"),  # scanners send a line end
        ("４００６３８１３３３９３１", "4006381333931"),  # full-width digits from an IME
    ],
)
def test_valid_gs1_codes(code, normal):
    assert normalize_code(code) == normal
    assert is_gs1(code)


def test_wrong_check_digit_is_explained():
    with pytest.raises(InputError) as info:
        normalize_code("4006381333932")
    assert str(info.value) == (
        "The barcode 4006381333932 has a wrong check digit (it should end in 1)."
        " Scan it again or type it."
    )
    assert not is_gs1("4006381333932")


@pytest.mark.parametrize(("code", "right"), [("036000291453", "2"), ("96385075", "4")])
def test_wrong_check_digit_other_lengths(code, right):
    with pytest.raises(InputError, match=f"should end in {right}"):
        normalize_code(code)


def test_upc_a_and_ean13_find_the_same_product():
    assert normalize_code("036000291452") == normalize_code("0036000291452")


# internal codes --------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["ABC-123", "a.b_c", "x", "12345", "12345678901234", "Z" * 32, "coffee-250g"]
)
def test_internal_codes_are_accepted(code):
    assert normalize_code(code) == code
    assert not is_gs1(code)


def test_internal_code_keeps_case_and_strips_whitespace():
    assert normalize_code("  Sku.7 \t") == "Sku.7"


@pytest.mark.parametrize("code", ["AB C", "abc/1", "äpfel", "x;DROP", "a\x00b", "苹果"])
def test_bad_characters_are_refused(code):
    with pytest.raises(InputError, match="is not a valid code: use letters, digits"):
        normalize_code(code)


def test_too_long_code_is_refused():
    with pytest.raises(InputError, match="too long"):
        normalize_code("A" * 33)


@pytest.mark.parametrize("code", ["", "   ", "\r\n"])
def test_empty_code(code):
    with pytest.raises(InputError, match="^Scan or type a code.$"):
        normalize_code(code)


def test_code_must_be_text():
    with pytest.raises(TypeError):
        normalize_code(4006381333931)


@pytest.mark.parametrize("body", ["12345678901", "1234567890123", "12345678901a"])
def test_make_ean13_needs_twelve_digits(body):
    with pytest.raises(ValueError):
        make_ean13(body)


@quiet
@given(digits)
def test_make_ean13_round_trips(body):
    code = make_ean13(body)
    assert len(code) == 13
    assert code.startswith(body)
    assert normalize_code(code) == code
    assert is_gs1(code)


@quiet
@given(digits)
def test_any_single_wrong_digit_is_caught(body):
    code = make_ean13(body)
    for position in range(13):
        for digit in "0123456789":
            if digit == code[position]:
                continue
            wrong = code[:position] + digit + code[position + 1:]
            assert not is_gs1(wrong)
            with pytest.raises(InputError, match="wrong check digit"):
                normalize_code(wrong)


@quiet
@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_upc_a_is_ean13_with_leading_zero(body):
    upc = body + str(check_digit(body))
    assert normalize_code(upc) == make_ean13("0" + body) == "0" + upc


# variable-measure codes ------------------------------------------------------


def test_weight_code():
    code = make_ean13("211234501250")  # item 12345, 1250 g
    assert parse_variable(code, DEFAULT_RULES) == VariableCode("12345", "weight", 1250)


def test_price_code():
    code = make_ean13("220004200399")  # item 00042, 3.99
    assert parse_variable(code, DEFAULT_RULES) == VariableCode("00042", "price", 399)


def test_price_code_with_other_layout():
    rules = [VariableRule("23", "price", item_digits=6, value_digits=4)]
    code = make_ean13("231234560999")
    assert parse_variable(code, rules) == VariableCode("123456", "price", 999)


def test_whitespace_around_variable_code():
    code = make_ean13("211234501250")
    assert parse_variable(f" {code}\n", DEFAULT_RULES) == VariableCode("12345", "weight", 1250)


@pytest.mark.parametrize(
    "code",
    [
        make_ean13("231234501250"),  # prefix without a rule
        "4006381333931",  # an ordinary product
        make_ean13("211234501250")[:-1] + "0",  # wrong check digit
        "96385074",  # EAN-8
        "21123450125",  # too short
        "ABC-123",
    ],
)
def test_not_a_variable_code(code):
    assert parse_variable(code, DEFAULT_RULES) is None


def test_no_rules_no_variable_codes():
    assert parse_variable(make_ean13("211234501250"), []) is None


def test_default_rules():
    assert [(r.prefix, r.kind, r.item_digits, r.value_digits) for r in DEFAULT_RULES] == [
        ("21", "weight", 5, 5),
        ("22", "price", 5, 5),
    ]


def test_rules_json_round_trip():
    rules = [*DEFAULT_RULES, VariableRule("29", "price", 4, 6)]
    assert rules_from_json(rules_to_json(rules)) == rules
    assert rules_from_json("[]") == []


def test_rules_from_json_defaults_digits():
    assert rules_from_json('[{"prefix": "25", "kind": "weight"}]') == [
        VariableRule("25", "weight", 5, 5)
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"prefix": "21"}', "must be a list"),
        ("[1]", "rule 1 must be an object"),
        ('[{"prefix": "30", "kind": "price"}]', "prefix from 20 to 29"),
        ('[{"prefix": "2", "kind": "price"}]', "prefix from 20 to 29"),
        ('[{"prefix": 21, "kind": "price"}]', "prefix from 20 to 29"),
        ('[{"prefix": "21", "kind": "volume"}]', "'price' or 'weight'"),
        ('[{"prefix": "21", "kind": "price", "item_digits": 4}]', "add up to 10"),
        ('[{"prefix": "21", "kind": "price", "item_digits": 0, "value_digits": 10}]',
         "at least 1"),
        ('[{"prefix": "21", "kind": "price", "item_digits": true, "value_digits": 9}]',
         "whole number"),
        ('[{"prefix": "21", "kind": "price", "item_digits": 5.0}]', "whole number"),
        ('[{"prefix": "21"}]', "has no kind"),
        ('[{"prefix": "21", "kind": "price", "scale": 1}]', "unknown fields: scale"),
        ('[{"prefix": "21", "kind": "price"}, {"prefix": "21", "kind": "weight"}]',
         "Two scale barcode rules use the prefix 21"),
    ],
)
def test_bad_rules_are_explained(text, message):
    with pytest.raises(InputError, match=message):
        rules_from_json(text)


def test_rules_to_json_refuses_duplicates():
    with pytest.raises(InputError, match="prefix 22"):
        rules_to_json([VariableRule("22", "price"), VariableRule("22", "weight")])
