# syntax=docker/dockerfile:1
# Switchboard: one Node process serving the API, the dashboard and the connect page on :3000.
#   docker build -t switchboard .
#   docker run -p 3000:3000 -v switchboard-data:/data -e SWITCHBOARD_ENCRYPTION_KEYS=k1:… switchboard
# See docs/deploy.md.

# 1. Build: the whole workspace, then `pnpm build` (the SPA and the compiled server in apps/server/dist).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/* && npm install -g pnpm@10.34.9
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build

# 2. Runtime dependencies only: what esbuild left external, pinned in dist/package.json.
FROM build AS runtime-deps
WORKDIR /app
RUN cp -r /src/apps/server/dist/. /app/ && pnpm install --prod --ignore-workspace

# 3. The image: Node, dist/ and its production node_modules; no compiler, no sources, no pnpm.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SWITCHBOARD_DATA_DIR=/data
WORKDIR /app
COPY --from=runtime-deps --chown=root:root /app /app
# A non-root user owns the data volume (SQLite file, generated key); the code stays read-only to it.
RUN groupadd --system --gid 10001 switchboard \
  && useradd --system --uid 10001 --gid switchboard --home-dir /data --shell /usr/sbin/nologin switchboard \
  && mkdir -p /data && chown switchboard:switchboard /data && chmod 0700 /data
USER switchboard
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself is PID 1 (no shell, no pnpm): SIGTERM reaches the server, which drains and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
