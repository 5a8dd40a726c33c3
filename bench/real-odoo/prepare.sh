#!/usr/bin/env bash
# Prepares a fault run (fault-run.sh) from nothing: a fresh copy of tmpl17, this worktree's addon installed, Odoo
# started on $PORT, the worker user made by `odoo-ocr setup`, 40 documents seeded (seed.ts), the CLI built.
#   DB=h12_db PORT=8071 OUT=/tmp/h12/fault bench/real-odoo/prepare.sh   (prints the environment for fault-run.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DB:?database name}" "${PORT:?http port}" "${OUT:=/tmp/odoo-ocr-fault}"
ROOT=$PWD
mkdir -p "$OUT"
PIDFILE=$OUT/odoo.pid
[ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null && sleep 3 || true
/work/shared/real-odoo/fresh-db.sh "$DB"
ODOO=(/usr/bin/python3 /work/odoo/17.0/odoo-bin --addons-path=/work/odoo/17.0/addons,/work/odoo/17.0/odoo/addons,$ROOT/odoo_addon
  -d "$DB" --db_host=127.0.0.1 --db_user=odoo --db_password=odoo --db-filter="^$DB\$" --http-interface=127.0.0.1
  --http-port="$PORT" --gevent-port=$((PORT + 100)))
"${ODOO[@]}" -i ocr_worker --stop-after-init --log-level=warn >"$OUT/install.log" 2>&1
echo "${ODOO[*]} --logfile=$OUT/odoo.log --pidfile=$PIDFILE" >"$OUT/odoo-cmd"
setsid nohup "${ODOO[@]}" --logfile="$OUT/odoo.log" --pidfile="$PIDFILE" </dev/null >/dev/null 2>&1 &
until curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login"; do sleep 1; done
export ODOO_URL=http://127.0.0.1:$PORT ODOO_DB=$DB
rm -f "$OUT/key"
ODOO_USER=ocr-worker ODOO_ADMIN_LOGIN=admin ODOO_ADMIN_PASSWORD=admin node --import tsx src/cli.ts setup --key-file "$OUT/key"
node --import tsx bench/real-odoo/seed.ts
npm run -s build
echo "ODOO_CMD='$(cat "$OUT/odoo-cmd")' ODOO_PID_FILE=$PIDFILE ODOO_URL=$ODOO_URL ODOO_DB=$DB OUT=$OUT bench/real-odoo/fault-run.sh"
