"""A demo store: a bilingual catalogue, customers and a history of sales, made fast.

A new owner, a screenshot, a UI test and a benchmark all need a store that
looks lived in. Everything is drawn from random streams seeded by `seed`, so
the same arguments give the same store; only the timestamps move with today's
date (the store is open 8:00-21:00 in this computer's time zone).

Speed: the benchmarks ask for a million products and a million orders, so
rows are written with `executemany` in batches inside a few large
transactions rather than one `save()` (and one transaction) per row; the
money math still goes through `Cart.totals()` and `orders.settle`, and the
rows through `orders.order_row`/`line_rows`/`payment_rows`, so a demo sale is
exactly what the till would have saved. A long history is simulated in spawned
worker processes, so a script that calls `create_demo` for one needs the usual
`if __name__ == "__main__":` guard.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import multiprocessing
import os
import random
import uuid as uuidlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate, islice
from types import SimpleNamespace
from typing import NamedTuple

import peewee

from pos.barcodes import make_ean13
from pos.catalogue.customers import CustomerInput, save_customer
from pos.catalogue.products import ensure_category, ensure_tax_class
from pos.catalogue.textkey import fold
from pos.errors import InputError
from pos.money import Money, Rounding, exponent
from pos.payments.sandbox.waiting import DEMO_READER
from pos.sales import shifts
from pos.sales.cart import Cart, Discount, Item
from pos.sales.order_states import Status, check_move
from pos.sales.orders import Tender, line_rows, line_share, order_row, payment_rows, settle
from pos.settings import load_settings, save_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store import journal, journal_records
from pos.store.db import database, translate_errors
from pos.store.models import (
    EPOCH,
    Barcode,
    Customer,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    Product,
    ReceiptCounter,
    Refund,
    RefundLine,
    RefundPart,
    to_micros,
    utcnow,
)
from pos.store.presets import preset_for, tax_classes_for

Progress = Callable[[str, int, int], None]
_Task = tuple[int, dt.date, int, int, int, int, int]
"""day, date, orders, first order/line/refund/payment id (one payment id per order)"""

MAX_PRODUCTS = 5_000_000
MAX_DAYS = 3_660
MAX_ORDERS_PER_DAY = 100_000
DEFAULT_ORDERS_PER_DAY = 40

_BATCH = 5_000  # rows per executemany and per progress report
_STAGE = 50_000  # products moved into the table (and its search index) at once
_ORDERS_PER_TRANSACTION = 50_000
_PARALLEL_FROM = 20_000  # orders in a history worth starting worker processes for
_MAX_WORKERS = 2
DEMO_QUICK_KEYS = 9  # the register's quick keys: the best sellers
_WEIGHED_SHARE = 0.07  # of the simulated lines, a weighed item's
_MAX_LINES = 8  # lines a simulated sale can have: each order gets this many line ids
_SELLING = 5_000  # products that sell (the rest of a big catalogue is the long tail)
_TERMINAL_IDS, _TERMINAL_WEIGHTS = ("T1", "T2"), (60, 40)
_CUSTOMERS = 50
_STOCK = (0, 3, 6, 12, 24, 24, 36, 48, 60, 96, 120, 200)
_MICROS = 1_000_000
_HOUR = 3_600 * _MICROS


@dataclass(frozen=True)
class DemoReport:
    products: int
    orders: int
    refunds: int
    customers: int


# --- the catalogue ------------------------------------------------------------

@dataclass(frozen=True)
class _Base:
    en: str
    zh: str
    cents: tuple[int, int]  # a price range in US cents for the middle size
    sizes: tuple[tuple[str, int], ...]  # (label, percent of the price) x 4
    tax: str = "reduced"


_MILK = (("500ml", 60), ("1L", 100), ("1.5L", 140), ("2L", 180))
_DRINK = (("330ml", 50), ("500ml", 70), ("1L", 100), ("1.5L", 135))
_SMALL = (("100g", 50), ("200g", 100), ("400g", 180), ("800g", 330))
_MID = (("250g", 55), ("500g", 100), ("750g", 140), ("1kg", 180))
_BREAD = (("half loaf", 55), ("400g", 100), ("600g", 140), ("800g", 175))
_PIECES = (("2 pcs", 50), ("4 pcs", 100), ("6 pcs", 140), ("12 pcs", 250))
_BOTTLE = (("250ml", 55), ("500ml", 100), ("750ml", 140), ("1L", 175))
_TUBE = (("50ml", 55), ("100ml", 100), ("150ml", 140), ("200ml", 170))
_ROLLS = (("4 rolls", 45), ("8 rolls", 100), ("12 rolls", 140), ("24 rolls", 260))
_COUNT = (("10 ct", 45), ("20 ct", 100), ("30 ct", 140), ("50 ct", 220))
_FROZEN = (("300g", 60), ("500g", 100), ("750g", 140), ("1kg", 175))

# (category, Chinese name, SKU prefix, variants, bases)
_CATEGORIES: tuple[tuple[str, str, str, tuple[tuple[str, str], ...], tuple[_Base, ...]], ...] = (
    ("Dairy", "乳制品", "DA",
     (("Organic", "有机"), ("Low-fat", "低脂"), ("Lactose-free", "无乳糖"), ("Classic", "经典"),
      ("Grass-fed", "草饲"), ("Farmhouse", "农家"), ("Light", "轻盈"), ("Premium", "优选")),
     (_Base("Whole Milk", "全脂牛奶", (149, 329), _MILK),
      _Base("Greek Yogurt", "希腊酸奶", (199, 449), _SMALL),
      _Base("Cheddar Cheese", "切达奶酪", (299, 699), _SMALL),
      _Base("Butter", "黄油", (249, 549), _MID),
      _Base("Cream Cheese", "奶油奶酪", (199, 399), _SMALL),
      _Base("Crème fraîche", "法式酸奶油", (229, 429), _SMALL),
      _Base("Gruyère", "格鲁耶尔奶酪", (499, 999), _SMALL),
      _Base("Infant Formula", "婴儿配方奶粉", (1999, 3999), _MID, "zero"))),
    ("Bakery", "烘焙", "BK",
     (("Fresh", "新鲜"), ("Multigrain", "多谷物"), ("Artisan", "手工"), ("Classic", "经典"),
      ("Gluten-free", "无麸质"), ("Mini", "迷你"), ("Wholemeal", "全麦"), ("Honey", "蜂蜜")),
     (_Base("Sourdough Bread", "酸面包", (299, 599), _BREAD),
      _Base("Sandwich Bread", "吐司面包", (199, 399), _BREAD),
      _Base("Croissants", "牛角包", (249, 549), _PIECES),
      _Base("Bagels", "贝果", (249, 449), _PIECES),
      _Base("Muffins", "玛芬蛋糕", (299, 549), _PIECES),
      _Base("Baguette", "法棍", (149, 349), _BREAD),
      _Base("Cinnamon Rolls", "肉桂卷", (349, 649), _PIECES))),
    ("Produce", "蔬果", "PR",
     (("Organic", "有机"), ("Fresh", "新鲜"), ("Local", "本地"), ("Premium", "精选"),
      ("Washed", "净菜"), ("Farm", "农场"), ("Baby", "迷你"), ("Seasonal", "时令")),
     (_Base("Gala Apples", "嘉娜苹果", (249, 499), _MID),
      _Base("Spinach", "菠菜", (199, 399), _MID),
      _Base("Cherry Tomatoes", "樱桃番茄", (249, 499), _MID),
      _Base("Blueberries", "蓝莓", (349, 699), _MID),
      _Base("Avocados", "牛油果", (299, 599), _PIECES),
      _Base("Carrots", "胡萝卜", (99, 249), _MID),
      _Base("Shiitake Mushrooms", "香菇", (299, 599), _MID))),
    ("Beverages", "饮料", "BV",
     (("Classic", "经典"), ("Sugar-free", "无糖"), ("Sparkling", "气泡"), ("Organic", "有机"),
      ("Lemon", "柠檬味"), ("Peach", "蜜桃味"), ("Cold-brew", "冷萃"), ("Premium", "优选")),
     (_Base("Orange Juice", "橙汁", (249, 499), _DRINK),
      _Base("Mineral Water", "矿泉水", (79, 199), _DRINK),
      _Base("Green Tea", "绿茶", (129, 299), _DRINK),
      _Base("Cola", "可乐", (99, 249), _DRINK, "standard"),
      _Base("Coffee Beans", "咖啡豆", (799, 1599), _SMALL),
      _Base("Café au lait", "欧蕾咖啡", (199, 399), _DRINK),
      _Base("Oolong Tea", "乌龙茶", (149, 349), _DRINK))),
    ("Snacks", "零食", "SN",
     (("Sea Salt", "海盐"), ("Spicy", "香辣"), ("Classic", "经典"), ("Honey", "蜂蜜"),
      ("Barbecue", "烧烤味"), ("Sour Cream", "酸奶油味"), ("Baked", "烘焙"), ("Family", "家庭")),
     (_Base("Potato Chips", "薯片", (199, 449), _SMALL),
      _Base("Jalapeño Chips", "墨西哥辣椒薯片", (229, 449), _SMALL),
      _Base("Dark Chocolate", "黑巧克力", (249, 599), _SMALL, "standard"),
      _Base("Mixed Nuts", "什锦坚果", (499, 999), _SMALL),
      _Base("Rice Crackers", "米饼", (199, 399), _SMALL),
      _Base("Butter Cookies", "黄油曲奇", (249, 549), _SMALL),
      _Base("Popcorn", "爆米花", (149, 349), _SMALL))),
    ("Household", "日用品", "HH",
     (("Lavender", "薰衣草"), ("Lemon", "柠檬"), ("Unscented", "无香"), ("Eco", "环保"),
      ("Ultra", "超强"), ("Sensitive", "温和"), ("Fresh", "清新"), ("Value", "超值")),
     (_Base("Laundry Detergent", "洗衣液", (599, 1299), _BOTTLE, "standard"),
      _Base("Dish Soap", "洗洁精", (199, 449), _BOTTLE, "standard"),
      _Base("Paper Towels", "厨房纸巾", (299, 699), _ROLLS, "standard"),
      _Base("Toilet Paper", "卫生纸", (399, 899), _ROLLS, "standard"),
      _Base("Trash Bags", "垃圾袋", (299, 649), _COUNT, "standard"),
      _Base("All-purpose Cleaner", "多用途清洁剂", (249, 549), _BOTTLE, "standard"),
      _Base("Sponges", "海绵", (149, 349), _COUNT, "standard"))),
    ("Frozen", "冷冻食品", "FZ",
     (("Classic", "经典"), ("Premium", "优选"), ("Homestyle", "家常"), ("Family", "家庭"),
      ("Lite", "轻食"), ("Organic", "有机"), ("Chef's", "主厨"), ("Party", "派对")),
     (_Base("Pork Dumplings", "猪肉饺子", (349, 699), _FROZEN),
      _Base("Vanilla Ice Cream", "香草冰淇淋", (349, 699), _BOTTLE),
      _Base("Crème brûlée", "焦糖布丁", (399, 799), _PIECES),
      _Base("Margherita Pizza", "玛格丽特披萨", (399, 899), _FROZEN),
      _Base("Mixed Vegetables", "什锦蔬菜", (199, 399), _FROZEN),
      _Base("Fish Fillets", "鱼柳", (599, 1199), _FROZEN),
      _Base("Spring Rolls", "春卷", (299, 599), _FROZEN))),
    ("Personal care", "个人护理", "PC",
     (("Aloe", "芦荟"), ("Coconut", "椰子"), ("Sensitive", "敏感肌"), ("Mint", "薄荷"),
      ("Herbal", "草本"), ("Men's", "男士"), ("Kids", "儿童"), ("Travel", "旅行装")),
     (_Base("Shampoo", "洗发水", (399, 899), _TUBE, "standard"),
      _Base("Toothpaste", "牙膏", (199, 499), _TUBE, "standard"),
      _Base("Body Wash", "沐浴露", (349, 799), _TUBE, "standard"),
      _Base("Hand Cream", "护手霜", (299, 699), _TUBE, "standard"),
      _Base("Sunscreen SPF 50", "防晒霜", (799, 1599), _TUBE, "standard"),
      _Base("Face Masks", "面膜", (599, 1299), _COUNT, "standard"),
      _Base("Sanitary Pads", "卫生巾", (349, 699), _COUNT, "zero"))),
)

_BRANDS = (
    ("Green Valley", "绿谷"), ("Golden Field", "金田"), ("Sunrise", "朝阳"),
    ("Blue Harbor", "蓝港"), ("Maple Lane", "枫林"), ("Happy Farm", "快乐农场"),
    ("Mountain Spring", "山泉"), ("Lotus", "莲花"), ("Red Lantern", "红灯笼"),
    ("Silver Birch", "银桦"), ("Old Mill", "老磨坊"), ("Jade River", "玉河"),
    ("Oakwood", "橡树林"), ("Panda", "熊猫"), ("Morning Dew", "晨露"), ("Pearl Bay", "珍珠湾"),
    ("Northern Star", "北极星"), ("Bamboo Grove", "竹林"), ("Cloud Peak", "云峰"),
    ("Harvest Moon", "丰收月"), ("Little Bee", "小蜜蜂"), ("Sea Breeze", "海风"),
    ("Orchard Hill", "果园山"), ("Willow Creek", "柳溪"), ("Red Fox", "红狐"),
    ("Lucky Cat", "招财猫"), ("White Crane", "白鹤"), ("Spring Garden", "春园"),
    ("Blue Sky", "蓝天"), ("Autumn Leaf", "秋叶"), ("Golden Wheat", "金麦"),
    ("Crystal Lake", "晶湖"),
)
# (en, zh, pieces, percent of the single price per piece)
_PACKS = (("", "", 1, 100), ("2-pack", "2件装", 2, 95), ("4-pack", "4件装", 4, 92),
          ("6-pack", "6件装", 6, 90), ("12-pack", "12件装", 12, 85))

# Loose produce sold by weight: the SKU is the 5-digit PLU a scale prints into a
# variable-measure barcode ('21' + PLU + grams + check digit). Prices per kg.
_WEIGHED = (
    ("04011", "Bananas", "香蕉", 165), ("04133", "Gala Apples", "嘉娜苹果", 440),
    ("04664", "Vine Tomatoes", "番茄", 550), ("04072", "Russet Potatoes", "土豆", 220),
    ("04093", "Yellow Onions", "洋葱", 240), ("04562", "Carrots", "胡萝卜", 200),
    ("04053", "Lemons", "柠檬", 400), ("04023", "Red Grapes", "红提", 650),
    ("04612", "Ginger", "生姜", 880),
)

# Rough prices of a US cent's worth of goods in other currencies, so a demo in
# yen or won does not sell milk for 3 units.
_PRICE_FACTOR = {
    "CNY": 6, "HKD": 8, "TWD": 30, "JPY": 150, "KRW": 1300, "INR": 80, "THB": 35,
    "IDR": 15000, "VND": 24000, "PHP": 55, "MYR": 4, "SEK": 10, "NOK": 10, "DKK": 7,
    "CZK": 23, "HUF": 350, "PLN": 4, "MXN": 17, "BRL": 5, "ZAR": 18, "TRY": 30, "CLP": 900,
    "COP": 4000, "ISK": 140, "RUB": 90, "AED": 4, "SAR": 4, "ILS": 4, "EGP": 48, "PKR": 280,
    "NGN": 1500, "KES": 130, "UGX": 3700, "PYG": 7300, "XOF": 600, "XAF": 600,
}

_BASES = [(cat, base) for cat, (*_, bases) in enumerate(_CATEGORIES) for base in bases]
_INNER = len(_BRANDS) * 8 * 4  # brand x variant x size: permuted so neighbours differ
_STEP = next(a for a in range(int(_INNER * 0.618), _INNER) if a % 2)  # odd: a bijection


def _fold_part(text: str, _cache: dict[str, str] = {}) -> str:  # noqa: B006 (a memo)
    key = _cache.get(text)
    if key is None:
        key = _cache[text] = fold(text)
    return key


class _Spec(NamedTuple):
    name: str
    key: str  # pos.catalogue.textkey.fold(name)
    category: int  # index into _CATEGORIES
    base: _Base
    percent: int  # of the base price in hundredths of a percent: size x pieces x pack deal


def _spec(number: int) -> _Spec:
    """The name and shape of combinatorial product `number` (0, 1, ...); every number
    gives a different name.

    The base item turns fastest so any catalogue size covers every category; brand,
    variant and size are permuted so neighbours differ; packs come in only past
    ~60,000 products, and past ~300,000 a series number keeps names unique. The key
    is joined from memoised folds of the parts, which equals `fold(name)` (a test
    holds it) at a fraction of the cost at a million names.
    """
    base_no, rest = number % len(_BASES), number // len(_BASES)
    cat, base = _BASES[base_no]
    inner = (rest % _INNER * _STEP + base_no * 397) % _INNER  # for each base, a bijection
    outer = rest // _INNER
    pack_en, pack_zh, pieces, pack_pct = _PACKS[outer % len(_PACKS)]
    series = outer // len(_PACKS)
    brand_en, brand_zh = _BRANDS[inner % len(_BRANDS)]
    inner //= len(_BRANDS)
    variant_en, variant_zh = _CATEGORIES[cat][3][inner % 8]
    size, size_pct = base.sizes[inner // 8]
    en = [brand_en, variant_en, base.en, size]
    tail = []
    if pieces > 1:
        en.append(pack_en)
        tail.append(pack_zh)
    if series:
        en.append(f"Series {series + 1}")
        tail.append(f"第{series + 1}系列")
    name = " ".join([*en, brand_zh + variant_zh + base.zh, *tail])
    key = " ".join(k for k in map(_fold_part, [*en, brand_zh, variant_zh, base.zh, *tail]) if k)
    return _Spec(name, key, cat, base, size_pct * pieces * pack_pct)


def _price(cents: int, per: int, currency: str) -> int:
    """A shelf price in minor units from `cents / per` US cents: converted roughly
    by `_PRICE_FACTOR`, rounded half up once, ending in 9 where there are cents."""
    digits = exponent(currency)
    num = cents * _PRICE_FACTOR.get(currency, 1) * 10**digits
    den = per * 100
    if digits >= 2:
        step = 10 ** (digits - 1)
        return max(_half_up(num, den * step) * step - 10 ** (digits - 2), 1)
    if num >= 100 * den:
        return _half_up(num, den * 10) * 10
    return max(_half_up(num, den), 1)


def _half_up(num: int, den: int) -> int:
    return (2 * num + den) // (2 * den)


# --- settings, tax classes, customers -----------------------------------------

_ADDRESSES = {
    "USD": ("128 Market Street, Springfield, NY 10001", "EIN 12-3456789"),
    "CNY": ("上海市浦东新区世纪大道 100 号 (100 Century Avenue, Shanghai)",
            "统一社会信用代码 91310000MA1K000000"),
    "EUR": ("Hauptstraße 12, 10115 Berlin", "USt-IdNr. DE123456789"),
}

_FIRST_EN = ("Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia",
             "Ethan", "Amelia", "Mason", "Chloé", "José", "Zoë", "Daniel", "Grace", "Owen")
_LAST_EN = ("Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Müller",
            "Taylor", "Anderson", "Thomas", "Martin", "Lee", "Walker", "Núñez")
_FAMILY_ZH = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林"
_GIVEN_ZH = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟",
             "涛", "明", "超", "秀英", "丽华", "建国", "晓东", "雪梅")
_STREETS_EN = ("Oak Avenue", "Maple Street", "Cedar Road", "Elm Drive", "Park Lane",
               "River Road", "Hill Street", "Lake View")
_STREETS_ZH = ("北京市朝阳区建国路", "上海市徐汇区漕溪北路", "广州市天河区体育西路",
               "深圳市南山区科技园路", "杭州市西湖区文三路", "成都市武侯区人民南路")


def _customers(rng: random.Random, count: int) -> list[CustomerInput]:
    people = []
    for n in range(count):
        if n % 2:
            name = rng.choice(_FAMILY_ZH) + rng.choice(_GIVEN_ZH)
            phone = f"+86 13{rng.randrange(10)} 0013 {rng.randrange(10_000):04d}"
            email = f"customer{n + 1}@example.cn"
            address = f"{rng.choice(_STREETS_ZH)}{rng.randint(1, 300)}号"
        else:
            first, last = rng.choice(_FIRST_EN), rng.choice(_LAST_EN)
            name = f"{first} {last}"
            phone = f"+1 212-555-{rng.randrange(100, 200):04d}"  # 555-01xx: fictional
            email = f"{fold(first)}.{fold(last)}{n + 1}@example.com".replace(" ", "")
            address = f"{rng.randint(1, 999)} {rng.choice(_STREETS_EN)}, Springfield, NY 10001"
        people.append(CustomerInput(name, phone, email, address))
    return people


# --- bulk writing -------------------------------------------------------------

@functools.cache
def _columns(model: type[peewee.Model]) -> tuple[list[str], list]:
    fields = model._meta.sorted_fields
    return [f.name for f in fields], [None if callable(f.default) else f.default for f in fields]


def _values(model: type[peewee.Model], row: dict) -> list:
    """`row` in the table's column order; a missing field takes the model's constant
    default, as peewee would (callable defaults such as timestamps must be given)."""
    names, defaults = _columns(model)
    return list(map(row.get, names, defaults))


class _Bulk:
    """Rows of one table, queued and written with `executemany` when flushed.

    peewee's `insert_many` builds SQL text and converts every value for each
    batch, which at a million rows costs more than SQLite's own work; here the
    statement is built once from the model, and values are already what the
    columns hold (ints for timestamps and foreign keys).

    `staged` is for a table that feeds an FTS5 index through a trigger (product):
    FTS5 writes its pending terms out at each statement, so one INSERT per row
    leaves a million tiny index segments to merge (115 s for a million products).
    Staged rows go to a temporary table first and move with one INSERT ... SELECT
    per flush, so the index takes them in bulk (29 s).
    """

    def __init__(self, model: type[peewee.Model], *, staged: bool = False) -> None:
        self.model = model
        fields = list(model._meta.sorted_fields)
        table = model._meta.table_name
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join("?" * len(fields))
        self.stage = f"demo_stage_{table}" if staged else None
        self.sql = f'INSERT INTO "{self.stage or table}" ({columns}) VALUES ({marks})'
        self.steps = [
            f'CREATE TEMP TABLE IF NOT EXISTS "{self.stage}" AS SELECT {columns} FROM "{table}"'
            " WHERE 0",
        ] if staged else []
        self.moves = [
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM temp."{self.stage}"',
            f'DELETE FROM temp."{self.stage}"',
        ] if staged else []
        self.rows: list[list] = []

    def add(self, row: dict) -> None:
        self.rows.append(_values(self.model, row))

    def extend(self, rows: list[list]) -> None:
        self.rows.extend(rows)

    def flush(self) -> None:
        if not self.rows:
            return
        cursor = database.cursor()
        for sql in self.steps:
            cursor.execute(sql)
        cursor.executemany(self.sql, self.rows)
        for sql in self.moves:
            cursor.execute(sql)
        self.rows.clear()

    def close(self) -> None:
        if self.stage:
            database.execute_sql(f'DROP TABLE IF EXISTS temp."{self.stage}"')


def _report(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


# --- the entry point ----------------------------------------------------------

DEMO_USERS = (("Morgan", "manager", "3333"), ("Sam", "supervisor", "2222"),
              ("Alex", "cashier", "1111"))
"""The demo store's staff and their PINs (README): public, so hashed at a lower cost."""
DEMO_SCRYPT = users.ScryptParams(n=2 ** 14)
# (user id, name) of the history's sales, as created from DEMO_USERS in a new store:
# Alex rings up most, Sam some, Morgan a few.
_CASHIER_OF = [(3, "Alex")] * 6 + [(2, "Sam")] * 3 + [(1, "Morgan")]


def demo_cashier(terminal_id: str | None = None) -> Actor:
    """The demo's cashier, signed in at the terminal (the store's own if None) with its
    shift open, since every sale belongs to a shift: what the benchmarks and the fault
    campaign sell as."""
    user = users.find_user(DEMO_USERS[-1][0])
    shifts.ensure_open(user, terminal_id or load_settings().terminal_id)
    return Actor(user)


def create_demo(*, products: int = 2000, days: int = 30, orders_per_day: int | None = None,
                seed: int = 1, currency: str | None = None, locale: str | None = None,
                tax_mode: str | None = None, progress: Progress | None = None) -> DemoReport:
    """Fill the open, empty store with a demo catalogue, customers and `days` of sales.

    Settings come from the currency's preset (`pos.store.presets`), overridden by
    `locale` and `tax_mode`. `progress(stage, done, total)` is called every few
    thousand rows. Refuses a store that already has products.
    """
    _check_count(products, "products", 1, MAX_PRODUCTS)
    _check_count(days, "days", 0, MAX_DAYS)
    if orders_per_day is None:
        orders_per_day = DEFAULT_ORDERS_PER_DAY
    _check_count(orders_per_day, "orders per day", 0, MAX_ORDERS_PER_DAY)
    if type(seed) is not int:
        raise InputError("The seed must be a whole number.")
    with translate_errors():
        if Product.select().exists():
            raise InputError("The store already has products; demo data goes into a new store.")
        preset = preset_for(currency or "USD")
        address, tax_number = _ADDRESSES.get(
            preset.currency, ("1 High Street, London EC1A 1AA", "VAT GB123456789"))
        settings = save_settings(
            store_name="Demo Store", store_address=address, tax_number=tax_number,
            receipt_footer="Thank you for shopping with us! 谢谢惠顾！",
            currency=preset.currency, locale=locale or preset.locale,
            tax_mode=tax_mode or preset.tax_mode,
            # cards through the embedded sandbox gateway and its simulated reader, wallet
            # payment codes and Alipay's store QR code; offline, store up to 100 / 500
            card_gateway="sandbox", card_reader=DEMO_READER, wallet_codes=1,
            store_qr="alipay", offline_cards="store",
            offline_limit_sale=100 * 10 ** exponent(preset.currency),
            offline_limit_total=500 * 10 ** exponent(preset.currency))
        for name, role, pin in DEMO_USERS:
            users.add_user(name, role, pin=pin, params=DEMO_SCRYPT)
        rates = {}
        for code, name, rate in tax_classes_for(preset, settings.locale):
            rates[code] = ensure_tax_class(code, name, rate)
        rng = random.Random(seed)
        selling, weighed = _write_catalogue(products, settings.currency, rates, rng, progress)
        first_day = dt.datetime.combine(dt.date.today() - dt.timedelta(days=days),
                                        dt.time(8)).astimezone(dt.UTC)
        customers = _write_customers(_customers(rng, _CUSTOMERS), rng, first_day)
        orders, refunds = _write_history(
            days, orders_per_day, seed, settings, selling, weighed, customers, progress)
        save_settings(quick_keys=json.dumps(
            [item.sku for item in _best_sellers(seed, selling, weighed, DEMO_QUICK_KEYS)]))
    return DemoReport(products=products, orders=orders, refunds=refunds,
                      customers=len(customers))


def _ranked(seed: int, selling: list[Item]) -> list[Item]:
    """The items that sell, best seller first: the simulator draws the item at rank r
    with a weight of 1 / (r + 8)."""
    return random.Random(seed).sample(selling, len(selling))


def _best_sellers(seed: int, selling: list[Item], weighed: list[Item],
                  count: int) -> list[Item]:
    """The `count` items the simulated history sells on the most lines (by expectation):
    the top ranked items, and a weighed one where its share of the lines is larger."""
    ranked = _ranked(seed, selling)
    weighed_share = (_WEIGHED_SHARE if selling else 1.0) if weighed else 0.0
    total = sum(1 / (rank + 8) for rank in range(len(ranked)))
    shares = [((1 - weighed_share) / (rank + 8) / total, rank, item)
              for rank, item in enumerate(ranked[:count])]
    shares += [(weighed_share / len(weighed), len(ranked) + n, item)
               for n, item in enumerate(weighed)]
    return [item for *_, item in sorted(shares, key=lambda s: (-s[0], s[1]))[:count]]


def _check_count(value: int, what: str, low: int, high: int) -> None:
    if type(value) is not int or not low <= value <= high:
        raise InputError(f"The number of {what} must be a whole number from {low:,} to {high:,}.")


def _write_catalogue(count: int, currency: str, rates: dict, rng: random.Random,
                     progress: Progress | None) -> tuple[list[Item], list[Item]]:
    """Insert `count` products with one EAN-13 each in one transaction; return the
    items that sell (at most `_SELLING` of them) and the weighed ones.

    The search index follows through its trigger: at a million rows that is
    faster than dropping the trigger and rebuilding the index afterwards.
    """
    categories = [ensure_category(f"{en} {zh}").id for en, zh, *_ in _CATEGORIES]
    produce = next(i for i, c in enumerate(_CATEGORIES) if c[0] == "Produce")
    weighed_count = min(len(_WEIGHED), count)
    sell_ids = (range(1, count + 1) if count <= _SELLING
                else set(rng.sample(range(1, count + 1), _SELLING)))
    selling: list[Item] = []
    weighed: list[Item] = []
    now = to_micros(utcnow())
    products, barcodes = _Bulk(Product, staged=True), _Bulk(Barcode)
    with database.atomic():
        for pid in range(1, count + 1):
            if pid <= weighed_count:
                sku, en, zh, cents = _WEIGHED[pid - 1]
                name = f"{en}, loose (per kg) 散装{zh}（每公斤）"
                key, cat, unit, tax = fold(name), produce, "weight", "reduced"
                price = _price(cents, 1, currency)
                stock = rng.randint(10, 80) * 1000  # grams
            else:
                spec = _spec(pid - weighed_count - 1)
                name, key, cat, unit, tax = spec.name, spec.key, spec.category, "each", \
                    spec.base.tax
                sku = f"{_CATEGORIES[cat][2]}{pid:07d}"
                price = _price(rng.randint(*spec.base.cents) * spec.percent, 10_000, currency)
                stock = rng.choice(_STOCK)
            tax_class = rates[tax]
            products.add(dict(id=pid, sku=sku, name=name, name_key=key, price=price,
                              tax_class=tax_class.id, category=categories[cat], unit=unit,
                              active=True, stock=stock, updated_at=now))
            barcodes.add(dict(code=make_ean13(f"690{pid:09d}"), product=pid))
            if pid in sell_ids:
                item = Item(pid, sku, name, unit, price, tax_class.code, tax_class.rate_ppm)
                (weighed if unit == "weight" else selling).append(item)
            if pid % _BATCH == 0:
                if pid % _STAGE == 0:
                    _flush(products, barcodes)
                _report(progress, "products", pid, count)
        _flush(products, barcodes)
        products.close()
        _report(progress, "products", count, count)
    return selling, weighed


def _write_customers(people: list[CustomerInput], rng: random.Random,
                     since: dt.datetime) -> list[tuple[int, str]]:
    """Save the customers through `pos.catalogue.customers` (validation, phone digits, search
    key) and date them before the first sale; return (id, address) pairs."""
    found = []
    with database.atomic():
        for person in people:
            row = save_customer(person)
            joined = since - dt.timedelta(days=rng.randint(1, 400), seconds=rng.randrange(86_400))
            Customer.update(created_at=joined).where(Customer.id == row.id).execute()
            found.append((row.id, row.address))
    return found


# --- the history of sales -----------------------------------------------------

_HOURLY = (4, 6, 7, 8, 11, 10, 7, 6, 7, 10, 11, 8, 5)  # 8:00 to 20:59, lunch and evening peaks
_WEEKDAY = (0.92, 0.9, 0.94, 0.98, 1.08, 1.2, 0.98)  # Monday first
_LINES = tuple(range(1, _MAX_LINES + 1))
_LINE_WEIGHTS = (20, 19, 17, 14, 11, 8, 6, 5)
_QUANTITIES = (1, 2, 3, 4, 6)
_QUANTITY_WEIGHTS = (74, 15, 6, 3, 2)
_PERCENT_OFF = ("10", "15", "20", "25", "50")
_NOTES = (1, 5, 10, 20, 50, 100)  # banknotes in major units (times the price factor)
_REASONS = (("Customer changed their mind", True), ("Damaged item", False),
            ("Wrong item", True), ("Past its best-before date", False))
_CARD_FEE = Fraction(15, 1000)  # 1.5% of the amount, a typical card processing fee


@dataclass
class _Day:
    """A simulated day as rows in column order, ids given, ready for `executemany`.

    Ids come from ranges the writer handed out before the day was simulated
    (`_MAX_LINES` line ids per order), so days can be simulated apart; only the
    receipt numbers are left to the writer, which numbers the days in order.
    """

    orders: list[list] = field(default_factory=list)
    terminals: list[str | None] = field(default_factory=list)  # None: no receipt (cancelled)
    lines: list[list] = field(default_factory=list)
    payments: list[list] = field(default_factory=list)
    events: list[list] = field(default_factory=list)
    refunds: list[list] = field(default_factory=list)
    refund_lines: list[list] = field(default_factory=list)
    refund_parts: list[list] = field(default_factory=list)


@dataclass
class _Sale:
    """One simulated order as the dicts `pos.sales.orders` builds, before it has ids."""

    at: int
    terminal: str
    order: dict
    lines: list[dict]
    payments: list[dict]
    events: list[dict]
    refund: dict | None = None
    refund_lines: list[tuple[int, int, int]] | None = None  # (line index, quantity, amount)


class _Simulator:
    """Turns a day into sales with the till's own math: `Cart.totals`, `settle`."""

    def __init__(self, seed: int, settings, selling: list[Item], weighed: list[Item],
                 customers: list[tuple[int, str]], now: int) -> None:
        self.seed, self.now = seed, now
        self.currency = settings.currency
        self.tax_mode, self.tax_rounding = settings.tax_mode, settings.tax_rounding
        self.cash_rounding = settings.cash_rounding
        order = _ranked(seed, selling)  # who sells best
        self.selling = order
        self.cum = list(accumulate(1 / (rank + 8) for rank in range(len(order))))
        self.weighed, self.customers = weighed, customers
        factor = _PRICE_FACTOR.get(self.currency, 1)
        unit = 10 ** exponent(self.currency) * 10 ** (len(str(factor)) - 1)
        self.notes = tuple(n * unit for n in _NOTES)
        self.brands = ((("unionpay", 60), ("visa", 20), ("mastercard", 20))
                       if self.currency == "CNY"
                       else (("visa", 55), ("mastercard", 35), ("unionpay", 10)))

    def day(self, task: _Task) -> _Day:
        number, date, count, first_order, first_line, first_refund, first_payment = task
        rng = random.Random(f"{self.seed}/day/{number}")
        opening = to_micros(dt.datetime.combine(date, dt.time(8)).astimezone(dt.UTC))
        hours = rng.choices(range(len(_HOURLY)), weights=_HOURLY, k=count)
        times = sorted(opening + h * _HOUR + rng.randrange(_HOUR) for h in hours)
        out = _Day()
        show_refund = number == 0  # the first day always has one, so every demo shows it
        for n, at in enumerate(times):
            sale = self.sale(rng, at, show_refund)
            order_id, line_id = first_order + n, first_line + n * _MAX_LINES
            sale.order["id"] = order_id
            out.orders.append(_values(Order, sale.order))
            out.terminals.append(None if sale.order["status"] == Status.CANCELLED
                                 else sale.terminal)
            for k, line in enumerate(sale.lines):
                line.update(id=line_id + k, order=order_id)
                out.lines.append(_values(OrderLine, line))
            assert len(sale.payments) <= 1, "the demo gives each order one payment id"
            for row in sale.payments:
                row["id"] = first_payment + n
            for rows, model, table in ((sale.payments, Payment, out.payments),
                                       (sale.events, OrderEvent, out.events)):
                for row in rows:
                    row["order"] = order_id
                    table.append(_values(model, row))
            if sale.refund is not None:
                show_refund = False
                refund_id = first_refund + n
                out.refunds.append(_values(Refund, {**sale.refund, "id": refund_id,
                                                    "order": order_id}))
                for index, quantity, amount in sale.refund_lines or ():
                    out.refund_lines.append(_values(RefundLine, dict(
                        refund=refund_id, order_line=line_id + index, quantity=quantity,
                        amount=amount)))
                # one payment: the whole refund goes back to it, as `refund` splits it
                payment = sale.payments[0]
                if sale.refund["amount"]:
                    out.refund_parts.append(_values(RefundPart, dict(
                        refund=refund_id, payment=payment["id"], tender=payment["tender"],
                        amount=sale.refund["amount"])))
        return out

    def sale(self, rng: random.Random, at: int, show_refund: bool = False) -> _Sale:
        cart = self.cart(rng)
        totals = cart.totals()
        terminal = rng.choices(_TERMINAL_IDS, weights=_TERMINAL_WEIGHTS)[0]
        uuid = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
        order = order_row(cart, totals, terminal, uuid=uuid, at=at)
        # who rang it up: from the uuid, so the seeded history stays the same sales
        user_id, name = _CASHIER_OF[int(uuid[:8], 16) % len(_CASHIER_OF)]
        order.update(cashier_id=user_id, cashier_name=name)
        sale = _Sale(at, terminal, order, line_rows(cart, totals, None), [],
                     [_event(at, None, Status.PENDING_PAYMENT)])
        if not cart.ship_later and rng.random() < 0.004:
            left = at + rng.randint(30, 600) * _MICROS
            order.update(status=Status.CANCELLED, cancelled_at=left)
            sale.events.append(_event(left, Status.PENDING_PAYMENT, Status.CANCELLED,
                                      "The customer left without paying"))
            return sale
        tender = self.tender(rng, totals)
        rounding, applied = settle(totals.total, [tender], self.cash_rounding)
        sale.payments = payment_rows(None, [tender], applied, at)
        order.update(status=Status.PAID, paid=sum(a.minor for a in applied),
                     rounding=rounding.minor, paid_at=at)
        sale.events.append(_event(at, Status.PENDING_PAYMENT, Status.PAID))
        if cart.ship_later:
            self.ship(rng, sale)
        else:
            order.update(status=Status.COMPLETED, completed_at=at)
            sale.events.append(_event(at, Status.PAID, Status.COMPLETED))
            if rng.random() < 0.02 or show_refund:
                self.refund(rng, sale, soon=show_refund)
        return sale

    def cart(self, rng: random.Random) -> Cart:
        cart = Cart(self.currency, self.tax_mode, self.tax_rounding)
        for _ in range(rng.choices(_LINES, weights=_LINE_WEIGHTS)[0]):
            if self.weighed and (not self.selling or rng.random() < _WEIGHED_SHARE):
                cart.add(rng.choice(self.weighed), weight_grams=rng.randint(150, 2500))
            else:
                item = rng.choices(self.selling, cum_weights=self.cum)[0]
                cart.add(item, rng.choices(_QUANTITIES, weights=_QUANTITY_WEIGHTS)[0])
        with contextlib.suppress(InputError):  # too small a price for the discount
            if rng.random() < 0.04:
                index = rng.randrange(len(cart.lines))
                cart.set_line_discount(index, Discount(percent=rng.choice(_PERCENT_OFF)))
        if self.customers and rng.random() < 0.12:
            customer_id, address = rng.choice(self.customers)
            cart.customer_id = customer_id
            with contextlib.suppress(InputError):
                if rng.random() < 0.25:
                    cart.set_order_discount(Discount(percent="5"))  # members' discount
            if address and rng.random() < 0.07:
                cart.ship_later, cart.delivery_address = True, address
        return cart

    def tender(self, rng: random.Random, totals) -> Tender:
        if rng.random() < 0.6 and totals.total.minor > 0:
            return Tender(
                "card", totals.total, fee=totals.total.times(_CARD_FEE, Rounding.HALF_UP),
                gateway_ref=f"demo_ch_{rng.getrandbits(96):024x}",
                card_brand=rng.choices([b for b, _ in self.brands],
                                       weights=[w for _, w in self.brands])[0],
                card_last4=f"{rng.randrange(10_000):04d}",
                idempotency_key=f"demo_{rng.getrandbits(128):032x}")
        due = totals.due("cash", self.cash_rounding).minor
        if rng.random() < 0.2 or due == 0:
            handed = due  # exact money
        else:  # rounded up to the next note, or the one after
            options = sorted({-(-due // note) * note for note in self.notes} - {0})
            handed = rng.choices(options[:3], weights=(5, 3, 1)[:len(options[:3])])[0]
        cash = Money(handed, self.currency)
        return Tender("cash", cash, tendered=cash)

    def ship(self, rng: random.Random, sale: _Sale) -> None:
        """Ship-later sales are shipped a day or two later and completed after delivery,
        as far as the simulated days have got."""
        shipped = sale.at + rng.randint(18, 48) * _HOUR
        if shipped >= self.now:
            return
        sale.order.update(status=Status.SHIPPED, shipped_at=shipped)
        sale.events.append(_event(shipped, Status.PAID, Status.SHIPPED))
        delivered = shipped + rng.randint(24, 72) * _HOUR
        if delivered < self.now:
            sale.order.update(status=Status.COMPLETED, completed_at=delivered)
            sale.events.append(_event(delivered, Status.SHIPPED, Status.COMPLETED))

    def refund(self, rng: random.Random, sale: _Sale, soon: bool = False) -> None:
        """A refund some hours or days later, priced as `pos.sales.orders.refund` prices it:
        each line's part by `line_share`, and a full refund returns all that was paid."""
        at = sale.at + rng.randint(1, 3 if soon else 240) * _HOUR
        if at >= self.now:
            return
        lines, order = sale.lines, sale.order
        reason, restock = rng.choice(_REASONS)
        can_split = len(lines) > 1 or (lines[0]["unit"] == "each" and lines[0]["quantity"] > 1)
        if can_split and rng.random() < 0.6:
            index = rng.randrange(len(lines))
            whole = lines[index]["quantity"]
            quantity = (rng.randint(1, whole - 1)
                        if lines[index]["unit"] == "each" and whole > 1 else whole)
            parts = [(index, quantity)]
            target = Status.PARTIALLY_REFUNDED
        else:
            parts = [(i, ln["quantity"]) for i, ln in enumerate(lines)]
            target = Status.REFUNDED
        check_move(order["status"], target)
        priced = []
        for index, quantity in parts:
            line = SimpleNamespace(gross=lines[index]["gross"], quantity=lines[index]["quantity"])
            priced.append((index, quantity, line_share(line, quantity) - line_share(line, 0)))
            lines[index]["refunded_quantity"] = quantity
        amount = (order["paid"] if target == Status.REFUNDED
                  else sum(part for _, _, part in priced))
        payment = sale.payments[0]  # the one payment, which the refund goes back to
        sale.refund = dict(amount=amount, tender=payment["tender"], reason=reason,
                           restock=restock, created_at=at)
        payment["refunded"] = amount  # its status stays "approved", as the demo has it
        sale.refund_lines = priced
        sale.events.append(_event(at, order["status"], target, reason))
        order.update(status=target, refunded=amount)


def _event(at: int, before: str | None, after: str, note: str | None = None) -> dict:
    if before is not None:
        check_move(before, after)
    return dict(at=at, from_status=before, to_status=after, note=note)


def _day_counts(days: int, per_day: int, seed: int, today: dt.date) -> list[tuple[dt.date, int]]:
    """How many sales each of the `days` days before today has: busier at weekends."""
    rng = random.Random(f"{seed}/days")
    counts = []
    for back in range(days, 0, -1):
        date = today - dt.timedelta(days=back)
        level = per_day * _WEEKDAY[date.weekday()] * rng.uniform(0.88, 1.12)
        counts.append((date, round(level)))
    return counts


def _write_history(days: int, per_day: int, seed: int, settings, selling: list[Item],
                   weighed: list[Item], customers: list[tuple[int, str]],
                   progress: Progress | None) -> tuple[int, int]:
    """Write the simulated days in time order, numbering receipts as the till would
    (gapless per terminal, rising with time), in transactions of about
    `_ORDERS_PER_TRANSACTION` orders; return (orders, refunds)."""
    plan = _day_counts(days, per_day, seed, dt.date.today())
    total = sum(n for _, n in plan)
    if not total:
        return 0, 0
    sim = _Simulator(seed, settings, selling, weighed, customers, to_micros(utcnow()))
    first = {model: (model.select(peewee.fn.MAX(model.id)).scalar() or 0) + 1
             for model in (Order, OrderLine, Refund, Payment)}
    tasks, offset = [], 0
    for number, (date, count) in enumerate(plan):
        tasks.append((number, date, count, first[Order] + offset,
                      first[OrderLine] + offset * _MAX_LINES, first[Refund] + offset,
                      first[Payment] + offset))
        offset += count
    models = (Order, OrderLine, Payment, OrderEvent, Refund, RefundLine, RefundPart)
    tables = [_Bulk(model) for model in models]
    receipt_at = _columns(Order)[0].index("receipt_no")
    receipts = dict(ReceiptCounter.select().tuples())
    done = refunds = 0
    finished = False
    written: list[int] = []  # order ids saved but not yet journalled
    with _simulated_days(sim, tasks, _workers(total)) as results:
        while not finished:
            with database.atomic():
                in_transaction = 0
                for day in results:
                    for row, terminal in zip(day.orders, day.terminals, strict=True):
                        if terminal is not None:
                            row[receipt_at] = receipts[terminal] = receipts.get(terminal, 0) + 1
                    for table, rows in zip(tables, (day.orders, day.lines, day.payments,
                                                    day.events, day.refunds, day.refund_lines,
                                                    day.refund_parts),
                                           strict=True):
                        table.extend(rows)
                    done += len(day.orders)
                    refunds += len(day.refunds)
                    in_transaction += len(day.orders)
                    written.extend(row[0] for row in day.orders)
                    if len(tables[0].rows) >= _BATCH:
                        _flush(*tables)
                        _journal_history(written)
                        _report(progress, "orders", done, total)
                    if in_transaction >= _ORDERS_PER_TRANSACTION:
                        break
                else:
                    finished = True
                _flush(*tables)
                _journal_history(written)
                for terminal, last in receipts.items():
                    (ReceiptCounter.insert(terminal_id=terminal, last_no=last)
                     .on_conflict(conflict_target=[ReceiptCounter.terminal_id],
                                  update={ReceiptCounter.last_no: last}).execute())
            _report(progress, "orders", done, total)
    return done, refunds


def _journal_history(order_ids: list[int]) -> None:
    """Journal the orders just written as the till journals a sale (its payment, the sale,
    its refund; a void for a cancelled one), each entry bound to its rows by digest and
    dated when it happened; empties `order_ids`."""
    if not order_ids:
        return
    ids = sorted(order_ids)
    order_ids.clear()
    records = journal_records.order_records(ids)
    meta = {row[0]: row[1:] for row in database.execute_sql(
        f"SELECT id, created_at, cashier_id, receipt_no FROM orders WHERE id IN "
        f"({', '.join(map(str, ids))})")}
    refunds: dict[int, list] = {}
    for refund_id, order_id, at in database.execute_sql(
            f"SELECT id, order_id, created_at FROM refund WHERE order_id IN "
            f"({', '.join(map(str, ids))}) ORDER BY id"):
        refunds.setdefault(order_id, []).append((refund_id, at))
    refund_records = journal_records.refund_records(
        [r for rows in refunds.values() for r, _ in rows])
    entries = []
    for order_id in ids:
        record, (at, user_id, receipt_no) = records[order_id], meta[order_id]
        when = EPOCH + dt.timedelta(microseconds=at)
        number, currency, total, rounding = (record["order"][3], record["order"][4],
                                             record["order"][8], record["order"][9])
        if receipt_no is None:
            entries.append(journal.Record("void", {
                "order_id": order_id, "amount": total, "reason": "demo: customer left",
                "approval_id": None, "digest": journal_records.digest(record)}, user_id, when))
            continue
        for payment_id, tender, amount, _tendered, change in record["payments"]:
            entries.append(journal.Record("payment", {
                "order_id": order_id, "payment_id": payment_id, "tender": tender,
                "status": "approved", "amount": amount, "change": change,
                "currency": currency, "digest": journal_records.digest(
                    {"payment": [payment_id, tender, amount, _tendered, change]})},
                user_id, when))
        entries.append(journal.Record("sale", {
            "order_id": order_id, "receipt_no": number, "currency": currency,
            "total": total, "rounding": rounding,
            "tenders": [[p[1], p[2]] for p in record["payments"]],
            "digest": journal_records.digest(record)}, user_id, when))
        for refund_id, refund_at in refunds.get(order_id, ()):
            refund = refund_records[refund_id]
            entries.append(journal.Record("refund", {
                "order_id": order_id, "refund_id": refund_id, "amount": refund["refund"][2],
                "currency": currency, "tender": refund["refund"][3],
                "lines": refund["lines"], "parts": refund["parts"],
                "digest": journal_records.digest(refund)}, user_id,
                EPOCH + dt.timedelta(microseconds=refund_at)))
    journal.append_many(entries)


def _workers(orders: int) -> int:
    """Worker processes for the simulation: none for a small history, where starting
    them costs more than they save; otherwise one per core."""
    cores = os.cpu_count() or 1
    return 0 if orders < _PARALLEL_FROM or cores < 2 else min(cores, _MAX_WORKERS)


@contextlib.contextmanager
def _simulated_days(sim: _Simulator, tasks: list[_Task],
                    workers: int) -> Iterator[Iterator[_Day]]:
    """The simulated days in order, made here or in `workers` processes.

    `Cart.totals()` is most of the cost of a sale and is pure Python, so a long
    history runs it on every core; each day has its own seeded random stream and
    id ranges, so the store comes out the same either way. Processes are spawned,
    not forked: this may run on a worker thread of the windows, and only the pure
    simulation crosses over, never the database connection. At most two days per
    worker are in flight, so memory stays flat however long the history.
    """
    if not workers:
        yield (sim.day(task) for task in tasks)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(sim,)) as pool:
        yield _in_order(pool, tasks, 2 * workers)


def _in_order(pool, tasks: list[_Task], window: int) -> Iterator[_Day]:
    waiting: deque = deque()
    queue = iter(tasks)
    for task in islice(queue, window):
        waiting.append(pool.apply_async(_simulate_day, (task,)))
    while waiting:
        day = waiting.popleft().get()
        for task in islice(queue, 1):
            waiting.append(pool.apply_async(_simulate_day, (task,)))
        yield day


_worker_sim: _Simulator | None = None


def _start_worker(sim: _Simulator) -> None:
    global _worker_sim
    _worker_sim = sim


def _simulate_day(task: _Task) -> _Day:
    assert _worker_sim is not None, "the worker was started without a simulator"
    return _worker_sim.day(task)


def _flush(*tables: _Bulk) -> None:
    """Write queued rows, parents before children (foreign keys are checked at once)."""
    for table in tables:
        table.flush()
