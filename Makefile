# Shortcuts; every target is plain npm underneath.
.PHONY: install demo test bench bench-ocr bench-accuracy bench-worker build up down check-addon

install:
	npm ci --no-audit --no-fund

# Quick start: install, then scan bundled receipts and invoices (no Odoo needed).
demo: install
	node bin/odoo-ocr.js scan fixtures/documents/sroie/sroie-000.jpg \
		fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf \
		fixtures/documents/facturx/XML-Rechnung__FX__EN16931_Einfach.pdf \
		fixtures/documents/ubl/en16931__ubl-tc434-example9.xml

test:
	npm test

build:
	npm run build

bench: bench-ocr bench-accuracy bench-worker
bench-ocr:
	npm run bench:ocr
bench-accuracy:
	npm run bench:accuracy -- fixtures/documents
bench-worker:
	npm run bench:worker

check-addon:
	python3 scripts/check_addon.py

up:
	docker compose up -d --build
down:
	docker compose down
