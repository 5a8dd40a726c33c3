#!/usr/bin/env bash
# The fault run of docs/worker.md on a real Odoo 17 with the addon: 3 workers (compiled CLI), kill -9 of one
# (started again at once, as a supervisor does), Odoo stopped for 30 s, SIGTERM of another; then waits until the
# queue is empty and prints a timeline. Afterwards: node --import tsx bench/real-odoo/report.ts (outcome).
# Needs: an Odoo started by this script's ODOO_CMD (it stops and restarts it), a database where
# bench/real-odoo/seed.ts queued the 40 documents, `odoo-ocr setup` having written $OUT/key, `npm run build`:
# bench/real-odoo/prepare.sh does all of that and prints the command line for this script.
# RPCs: the workers log every RPC Odoo answered at debug level ("odoo rpc"), the killed worker's too; their sum per
# finished job is printed at the end.
#   ODOO_CMD='python3 odoo-bin … -d DB --http-port=8072 --http-interface=127.0.0.1' ODOO_PID_FILE=… \
#   ODOO_URL=http://127.0.0.1:8072 ODOO_DB=DB OUT=/tmp/fault bench/real-odoo/fault-run.sh
set -u
cd "$(dirname "$0")/../.."
: "${ODOO_CMD:?the command that starts Odoo}" "${ODOO_PID_FILE:?file holding the pid of the running Odoo}"
: "${ODOO_URL:?}" "${ODOO_DB:?}" "${OUT:=/tmp/odoo-ocr-fault}"
export ODOO_URL ODOO_DB
mkdir -p "$OUT"
t0=$(date +%s.%N)
ts() { printf '%6.1fs %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$*"; }
start_worker() { # name
  ODOO_USER=ocr-worker ODOO_API_KEY_FILE=$OUT/key WORKER_ID=$1-$RANDOM STATE_DIR=$OUT/state-$1 HTTP_PORT=0 OCR_CONCURRENCY=1 \
  OCR_LANGS=eng LEASE_SECONDS=60 POLL_INTERVAL=30 LOG_LEVEL=${LOG_LEVEL:-debug} MALLOC_ARENA_MAX=2 \
    nice node dist/src/cli.js worker >>"$OUT/$1.log" 2>&1 &
  echo $! >"$OUT/$1.pid"
}
queued() {
  node --import tsx -e "
    import('./src/odoo/connect.js').then(async ({ connectOdoo }) => {
      const c = await connectOdoo({ url: process.env.ODOO_URL, db: process.env.ODOO_DB, username: 'admin', password: process.env.ODOO_ADMIN_PASSWORD ?? 'admin' });
      console.log(await c.searchCount('ocr.job', [['state', 'in', ['pending', 'running']]])); c.close(); });" 2>/dev/null
}
for w in a b c; do start_worker $w; done
ts "3 workers started"
sleep 20
kill -9 "$(cat "$OUT/a.pid")"; ts "kill -9 worker a"; start_worker a; ts "worker a started again"
sleep 10
kill "$(cat "$ODOO_PID_FILE")"; ts "Odoo stopped"
sleep 30
$ODOO_CMD >>"$OUT/odoo.log" 2>&1 &
echo $! >"$ODOO_PID_FILE"; ts "Odoo started again"
until curl -s -o /dev/null "$ODOO_URL/web/login"; do sleep 0.5; done; ts "Odoo answers"
sleep 10
kill -TERM "$(cat "$OUT/b.pid")"; ts "SIGTERM worker b"
while kill -0 "$(cat "$OUT/b.pid")" 2>/dev/null; do sleep 0.5; done; ts "worker b exited"
for _ in $(seq 1 360); do
  [ "$(queued)" = "0" ] && { ts "queue drained"; break; }
  sleep 5
done
for w in a c; do kill -TERM "$(cat "$OUT/$w.pid")"; done
ts "workers a, c stopped"
sleep 5
answered=$(cat "$OUT"/[abc].log | grep -c '"message":"odoo rpc"')
failed=$(cat "$OUT"/[abc].log | grep -c '"message":"odoo rpc failed"')
echo "RPCs answered by Odoo: $answered; failed attempts: $failed"
cat "$OUT"/[abc].log | grep '"message":"odoo rpc"' | sed -E 's/.*"method":"([^"]*)","model":"([^"]*)".*/\2.\1/' | sort | uniq -c | sort -rn
