# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""查重: the keys by which two customers are the same company.

Chinese company names come written many ways: 有限公司 or 有限责任公司,
full-width or half-width letters and brackets, with or without spaces,
with or without the province and 市 before the city. The name key removes
what does not tell companies apart and keeps what does: the city stays
(苏州精密机械 and 无锡精密机械 are two companies), the province before a
city of its own goes (江苏省苏州市精密机械有限公司 is 苏州精密机械), a
province alone stays (江苏精密机械 is not 浙江精密机械).

The keys are stored (party.customer_name_key, party.contact_mechanism
phone_key) and indexed: the check on create among 100,000 customers is one
indexed search.
"""
import functools
import re
import unicodedata

# Longest first: 有限责任公司 before 有限公司
LEGAL_FORMS = (
    '股份有限公司', '有限责任公司', '集团有限公司', '集团股份公司',
    '有限公司', '股份公司', '集团公司', '公司', '集团', '厂',
    )
# The parts of a subdivision's name that writers leave out
SUBDIVISION_SUFFIXES = (
    '维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区',
    '自治州', '地区', '盟', '省', '市',
    )
_GROUP = re.compile(r'\(集团\)')
_SPACES = re.compile(r'\s+')
_NOT_DIGITS = re.compile(r'\D')


def short_name(name):
    "The name of a subdivision as writers shorten it (江苏省 -> 江苏)"
    for suffix in SUBDIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[:-len(suffix)]
    return name


class Subdivisions:
    """The names of the provinces and their cities as writers write them
    (江苏省, 江苏; 苏州市, 苏州), longest first, built once per process"""

    def __init__(self, provinces):
        "provinces: (province name, [city names]) pairs"
        self.provinces = _written([p for p, _ in provinces])
        self.cities = {short_name(p): _written(cs) for p, cs in provinces}
        self.all_cities = _written([c for _, cs in provinces for c in cs])


@functools.lru_cache(maxsize=8)
def subdivisions(provinces):
    """The Subdivisions of provinces ((name, (city names)) pairs), built
    once per process and tenant"""
    return Subdivisions(provinces)


def _written(names):
    """(written name, short name) of the names, longest written first,
    by their first character"""
    written = {}
    for name in names:
        short = short_name(name)
        written[name] = written[short] = short
        for suffix in SUBDIVISION_SUFFIXES:
            written.setdefault(short + suffix, short)
    index = {}
    for name, short in sorted(
            written.items(), key=lambda w: len(w[0]), reverse=True):
        index.setdefault(name[0], []).append((name, short))
    return index


def _strip_prefix(key, written):
    "Return key without the first written name it starts with, its short"
    for name, short in written.get(key[:1], []):
        if key.startswith(name) and len(key) > len(name):
            return key[len(name):], short
    return key, None


def name_key(name, subdivisions=None):
    """Return the key of a company name: the legal form, the character
    widths, the spaces and (集团) normalised, and with subdivisions, the
    province before its city removed and the city shortened"""
    key = unicodedata.normalize('NFKC', name or '')
    key = _SPACES.sub('', key).lower()
    key = _GROUP.sub('', key)
    for form in LEGAL_FORMS:
        if key.endswith(form) and len(key) > len(form):
            key = key[:-len(form)]
            break
    if subdivisions:
        key = _strip_subdivisions(key, subdivisions)
    return key


def _strip_subdivisions(key, subdivisions):
    rest, province = _strip_prefix(key, subdivisions.provinces)
    if province:
        rest, city = _strip_prefix(
            rest, subdivisions.cities.get(province, {}))
        # 江苏省苏州市精密 -> 苏州精密; 江苏省精密 -> 江苏精密: a province
        # alone tells companies apart
        return (city or province) + rest
    rest, city = _strip_prefix(key, subdivisions.all_cities)
    return (city + rest) if city else key


def phone_key(value):
    """Return the key of a phone or mobile number: its digits, without
    China's country code; None when it has too few digits to compare"""
    digits = _NOT_DIGITS.sub('', unicodedata.normalize('NFKC', value or ''))
    if digits.startswith('0086'):
        digits = digits[4:]
    elif digits.startswith('86') and len(digits) == 13:
        digits = digits[2:]
    return digits if len(digits) >= 7 else None
