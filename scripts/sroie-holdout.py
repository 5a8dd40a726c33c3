#!/usr/bin/env python3
"""Builds a second SROIE receipt set, outside the corpus, to check that extraction rules generalise.

    git clone https://github.com/zzzDavid/ICDAR-2019-SROIE /tmp/sroie-repo   (or any copy of it)
    python3 scripts/sroie-holdout.py /tmp/sroie-repo /tmp/holdout 100 159
    npm run -s bench:accuracy -- /tmp/holdout

Truth follows the corpus's rules (fixtures/documents/SOURCES.md): company as labelled, total with everything but
digits and the dot removed, dates day-first unless the second number is above 12, unpadded d/m with both <= 12 left
null as ambiguous.
"""
import datetime, json, os, re, shutil, sys

MON = {m: i + 1 for i, m in enumerate('JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split())}


def iso(y, m, d):
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def year(y):
    y = int(y)
    return y + 2000 if y < 100 else y


def convert_date(s):
    s = s.strip().upper()
    m = re.fullmatch(r'(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})', s)
    if m:
        a, b, y = int(m[1]), int(m[2]), year(m[3])
        if b > 12:
            return iso(y, a, b)
        if len(m[1]) == 1 and len(m[2]) == 1 and a != b:
            return None
        return iso(y, b, a)
    m = re.fullmatch(r'(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})', s)
    if m:
        return iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r'(\d{1,2})[ /-]?([A-Z]{3})[A-Z]*[ /-]?,?\s*(\d{2,4})', s)
    if m and m[2] in MON:
        return iso(year(m[3]), MON[m[2]], int(m[1]))
    m = re.fullmatch(r'([A-Z]{3})[A-Z]*\s+(\d{1,2}),?\s*(\d{4})', s)
    if m and m[1] in MON:
        return iso(int(m[3]), MON[m[1]], int(m[2]))
    m = re.fullmatch(r"(20\d\d)(\d\d)(\d\d)", s)
    if m:
        return iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r'(\d\d)(\d\d)(20\d\d)', s)
    if m:
        return iso(int(m[3]), int(m[2]), int(m[1]))
    return None


def main(src, dest, first, last):
    os.makedirs(dest, exist_ok=True)
    for n in range(first, last + 1):
        img = os.path.join(src, 'data', 'img', f'{n:03d}.jpg')
        key = os.path.join(src, 'data', 'key', f'{n:03d}.json')
        if not (os.path.exists(img) and os.path.exists(key)):
            continue
        label = json.load(open(key))
        digits = re.sub(r'[^0-9.]', '', label.get('total', ''))
        try:
            total = round(float(digits), 2) if digits else None
        except ValueError:
            total = None
        truth = {'doc_type': 'receipt', 'vendor_name': label.get('company') or None,
                 'date': convert_date(label.get('date', '')), 'amount_total': total}
        shutil.copyfile(img, os.path.join(dest, f'sroie-{n:03d}.jpg'))
        json.dump(truth, open(os.path.join(dest, f'sroie-{n:03d}.jpg.truth.json'), 'w'), indent=1)


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
