#!/usr/bin/env python3
"""What a default Odoo 17 stores of uploaded images, made offline, to measure what its resize costs OCR.

  ODOO_PATH=/work/odoo/17.0 python3 scripts/odoo-shrink.py SRC_DIR DST_DIR LIST_FILE

LIST_FILE names one image per line, relative to SRC_DIR (a corpus such as fixtures/documents). Each is written to the
same path under DST_DIR as ir.attachment._postprocess_contents would store it with the default system parameters
(base.image_autoresize_max_px 1920x1920, base.image_autoresize_quality 80): an image larger than 1920 px on either
side is fitted into 1920x1920 (aspect kept) and re-encoded, a JPEG at quality 80, a PNG to a dithered web palette;
smaller images are copied as they are. The work is done by Odoo's own ImageProcess, imported from ODOO_PATH (an Odoo
source tree and a Python with its dependencies, e.g. /usr/bin/python3 of the real-Odoo setup): nothing of Odoo is
copied here. Checked on a real Odoo 17: an uploaded attachment's stored bytes equal this copy's. The files' truth
files and SRC_DIR's manifest.json are copied along, so `bench/accuracy.ts DST_DIR --split tune --records R.jsonl`
scores the copies as the originals are scored (docs/worker.md, "Odoo resizes uploaded images"). One line per image
on stdout: path, size before -> after, bytes before -> after."""
import io
import os
import shutil
import sys

MAX_PX, QUALITY = (1920, 1920), 80  # Odoo 17's defaults of the two system parameters


def main(src_root, dst_root, list_file):
    sys.path.insert(0, os.environ.get('ODOO_PATH', '/work/odoo/17.0'))
    from odoo.tools.image import ImageProcess  # Odoo's own code, used as a library
    from PIL import Image

    os.makedirs(dst_root, exist_ok=True)
    if os.path.exists(os.path.join(src_root, 'manifest.json')):
        shutil.copy(os.path.join(src_root, 'manifest.json'), os.path.join(dst_root, 'manifest.json'))
    for rel in filter(None, (line.strip() for line in open(list_file))):
        src, dst = os.path.join(src_root, rel), os.path.join(dst_root, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        data = out = open(src, 'rb').read()
        img = ImageProcess(data, verify_resolution=False)
        if img.image:
            w, h = img.image.size
            if w > MAX_PX[0] or h > MAX_PX[1]:
                out = img.resize(*MAX_PX).image_quality(quality=QUALITY)
        open(dst, 'wb').write(out)
        if os.path.exists(src + '.truth.json'):
            shutil.copy(src + '.truth.json', dst + '.truth.json')
        before, after = Image.open(io.BytesIO(data)).size, Image.open(io.BytesIO(out)).size
        print(f'{rel} {before[0]}x{before[1]} -> {after[0]}x{after[1]} {len(data)} -> {len(out)}')


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
