#!/usr/bin/env python3
# Real Odoo 17 with the addon (17.0.1.2.0): correct the fields of a vendor's bill and post it; the vendor's next bill
# has them right and written; a second company does not see the profile. Drives Odoo over XML-RPC (admin/admin, a
# database of your own served on ODOO_URL); the worker runs as `odoo-ocr sync --once` (addon mode).
#   ODOO_URL=http://127.0.0.1:8080 ODOO_DB=mydb DOCS=.../invoices2-text python3 scripts/memory-real-odoo-demo.py
# Needs two invoices of one vendor in DOCS, with .truth.json beside: FIRST and NEXT (default hubdoc_invoice_3.pdf and
# hubdoc_invoice_4.pdf, two invoices of one layout; the worker alone leaves the first one's vendor and total unwritten).
import base64, json, os, subprocess, sys, xmlrpc.client
URL, DB = os.environ.get('ODOO_URL', 'http://127.0.0.1:8080'), os.environ['ODOO_DB']
common = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common')
uid = common.authenticate(DB, 'admin', 'admin', {})
m = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object', allow_none=True)
def x(model, method, *args, **kw): return m.execute_kw(DB, uid, 'admin', model, method, list(args), kw)
SH = os.environ['DOCS'].rstrip('/') + '/'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
env = dict(os.environ, ODOO_URL=URL, ODOO_DB=DB, ODOO_USER='ocr_demo_worker', ODOO_PASSWORD='ocr_demo_worker', OCR_MODE='addon', STATE_DIR=os.environ.get('STATE_DIR', '/tmp/memory-demo-state'), HTTP_PORT='0', LOG_LEVEL='warn')
def sync():
    r = subprocess.run(['node', '--import', 'tsx', 'src/cli.ts', 'sync', '--once'], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    print('  sync:', r.stdout.strip().splitlines()[-1:] , 'rc', r.returncode)
company = {'id': x('res.users', 'read', [uid], ['company_id'])[0]['company_id'][0]}
# the worker logs in as its own technical user (an OCR worker account may not post); admin is the accountant
wg = x('ir.model.data', 'check_object_reference', 'ocr_worker', 'group_ocr_worker')[1]
x('res.users', 'write', [uid], {'groups_id': [(3, wg)]})
if not x('res.users', 'search', [('login', '=', 'ocr_demo_worker')]):
    x('res.users', 'create', {'name': 'OCR worker (demo)', 'login': 'ocr_demo_worker', 'password': 'ocr_demo_worker', 'company_id': company['id'], 'company_ids': [(6, 0, [company['id']])], 'groups_id': [(6, 0, [wg])]})
x('res.company', 'write', [company['id']], {'ocr_bill_mode': 'manual'})
# the vendor bills in CAD with 13 % HST (hubdoc_invoice_3.pdf): a company trading with it has both set up (the demo
# company has neither: the amounts would be held back, or the line written without tax)
x('res.currency', 'write', x('res.currency', 'search', [('name', '=', 'CAD'), ('active', 'in', [True, False])]), {'active': True})
if not x('account.tax', 'search', [('type_tax_use', '=', 'purchase'), ('amount', '=', 13), ('company_id', '=', company['id'])]):
    x('account.tax', 'create', {'name': 'HST 13% (demo)', 'amount': 13, 'amount_type': 'percent', 'type_tax_use': 'purchase', 'company_id': company['id']})
FIRST, NEXT = os.environ.get('FIRST', 'hubdoc_invoice_3.pdf'), os.environ.get('NEXT', 'hubdoc_invoice_4.pdf')
partner = None if len(sys.argv) > 1 else (x('res.partner', 'search', [('name', '=', 'Hubdoc')], limit=1) or [x('res.partner', 'create', {'name': 'Hubdoc', 'is_company': True})])[0]
journal = x('account.journal', 'search', [('type', '=', 'purchase'), ('company_id', '=', company['id'])], limit=1)[0]
def bill(file):
    move = x('account.move', 'create', {'move_type': 'in_invoice', 'journal_id': journal})
    att = x('ir.attachment', 'create', {'name': file, 'datas': base64.b64encode(open(SH + file, 'rb').read()).decode(), 'res_model': 'account.move', 'res_id': move, 'mimetype': 'application/pdf'})
    x('account.move', 'write', [move], {'message_main_attachment_id': att})
    x('account.move', 'action_ocr_digitize', [move])
    return move
F = ['partner_id', 'ref', 'invoice_date', 'amount_total', 'state', 'to_check']
def show(move): r = x('account.move', 'read', [move], F)[0]; print('  bill', move, {k: r[k] for k in F}); return r
def job(move): return x('ocr.job', 'search_read', [('res_model', '=', 'account.move'), ('res_id', '=', move)], fields=['state', 'learn_state', 'result_text'], order='id desc', limit=1)[0]

RESUME = len(sys.argv) > 1
if RESUME:
    b1, partner = int(sys.argv[1]), int(sys.argv[2]); truth1 = json.load(open(SH + FIRST + '.truth.json'))
def written(move):
    res = json.loads(job(move)['result_text'] or '{}')
    return {k: (f.get('value'), f.get('confidence'), f.get('write')) for k, f in res.get('fields', {}).items() if k in ('vendor_name', 'amount_total', 'date', 'invoice_number')}
# the accountant's own choice for this vendor: an expense account other than the journal's default, and the 13 % tax
hst = x('account.tax', 'search', [('type_tax_use', '=', 'purchase'), ('amount', '=', 13), ('company_id', '=', company['id'])], limit=1)
chosen = x('account.account', 'search_read', [('account_type', '=', 'expense'), ('company_id', '=', company['id'])], fields=['code'], order='code desc', limit=1)[0]
print('1. first bill of Hubdoc (%s): read by the worker' % FIRST)
if not RESUME:
    b1 = bill(FIRST); sync(); r = show(b1)
    truth1 = json.load(open(SH + FIRST + '.truth.json'))
    print('   read:', written(b1))
    print('   truth: vendor', truth1['vendor_name'], 'total', truth1['amount_total'], 'untaxed', truth1['amount_untaxed'])
    print('2. the accountant sets what the worker left unwritten or wrong — the vendor (the partner Hubdoc), the reference, the total as one line of %.2f on account %s with the 13 %% tax — then posts' % (truth1['amount_untaxed'], chosen['code']))
    lines = x('account.move', 'read', [b1], ['invoice_line_ids'])[0]['invoice_line_ids']
    vals = {'partner_id': partner, 'invoice_date': truth1['date'], 'ref': truth1['invoice_number']}
    line = {'name': 'Hubdoc', 'price_unit': truth1['amount_untaxed'], 'quantity': 1, 'account_id': chosen['id'], 'tax_ids': [(6, 0, hst)]}
    x('account.move', 'write', [b1], {**vals, 'invoice_line_ids': [(2, l) for l in lines] + [(0, 0, line)]})
    x('account.move', 'action_post', [b1]); r1 = show(b1)
    # what the accountant had to change: the fields the worker left empty or wrong, and the line's account and tax
    print('   corrected:', [k for k in ('partner_id', 'ref', 'invoice_date', 'amount_total') if r[k] != r1[k]] + ['line account/tax'])
print('   job learn_state after posting:', job(b1)['learn_state'])
print('3. the worker learns (sync --once runs the learning hook)'); sync()
print('   job learn_state:', job(b1)['learn_state'])
prof = x('ocr.vendor.profile', 'search_read', [('partner_id', '=', partner)], fields=['company_id', 'document_count', 'field_count', 'summary', 'data'])
print('   profiles:', [(p['company_id'], p['document_count'], p['field_count']) for p in prof])
print('   summary:', (prof[0]['summary'] if prof else '').replace('\n', ' | '))
print('   profile holds the total/date?', any(s in (prof[0]['data'] if prof else '') for s in [str(truth1['amount_total']), truth1['date']]))
print('4. the next bill of Hubdoc (%s)' % NEXT)
b2 = bill(NEXT); sync(); r2 = show(b2)
truth2 = json.load(open(SH + NEXT + '.truth.json'))
res = json.loads(job(b2)['result_text'] or '{}')
print('   truth: vendor', truth2['vendor_name'], 'date', truth2['date'], 'total', truth2['amount_total'])
print('   memory:', {k: res.get('memory', {}).get(k) for k in ('matched_by', 'documents', 'changed', 'basis', 'accounting')})
print('   read:', written(b2))
lines2 = x('account.move.line', 'search_read', [('move_id', '=', b2), ('display_type', '=', 'product')], fields=['account_id', 'tax_ids', 'price_subtotal'])
print('   lines:', [(l['account_id'][1], l['tax_ids'], l['price_subtotal']) for l in lines2])
f2 = res.get('fields', {})
ok = (r2['partner_id'] and r2['partner_id'][0] == partner and f2.get('vendor_name', {}).get('write')
      and abs(r2['amount_total'] - truth2['amount_total']) < 0.01 and f2.get('amount_total', {}).get('write')
      and lines2 and all(l['account_id'][0] == chosen['id'] for l in lines2))
ref_ok = r2['ref'] == truth2['invoice_number'] and f2.get('invoice_number', {}).get('write')
print('   CORRECTED FIELDS RIGHT AND WRITTEN: vendor = the partner, total on the chosen account:', bool(ok), '; reference:', bool(ref_ok), '; to check:', r2['to_check'])
print('5. a second company does not see the profile')
c2 = (x('res.company', 'search', [('name', '=', 'Second Co (h16 demo)')]) or [x('res.company', 'create', {'name': 'Second Co (h16 demo)'})])[0]
g = x('ir.model.data', 'check_object_reference', 'ocr_worker', 'group_ocr_manager')[1]
u2 = x('res.users', 'search', [('login', '=', 'h16_second')]) or x('res.users', 'create', {'name': 'Second Co accountant', 'login': 'h16_second', 'password': 'h16_second', 'company_id': c2, 'company_ids': [(6, 0, [c2])], 'groups_id': [(4, g)]})
uid2 = common.authenticate(DB, 'h16_second', 'h16_second', {})
seen = m.execute_kw(DB, uid2, 'h16_second', 'ocr.vendor.profile', 'search_count', [[]])
cnt = m.execute_kw(DB, uid2, 'h16_second', 'res.partner', 'read', [[partner], ['ocr_profile_documents']])
print('   profiles seen by company 2:', seen, '; partner counts there:', cnt)
