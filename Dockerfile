# ksql-etl image: the CLI, the Temporal worker (default command) and the one-shot `ksql apply` /
# `ksql seed` jobs of docker-compose.yml all run from it.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so editing the sources does not invalidate the npm ci layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The build also writes dist/workflow-bundle.js, the workflow code the worker loads at start.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
# The worker's memory settings (worker/process-memory.ts): read when Node starts, so set here.
ENV NODE_ENV=production \
    LAKE_DIR=/app/data/lake \
    FEEDS_DIR=/app/feeds \
    NODE_OPTIONS=--max-semi-space-size=2 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: the feed registry, the ksqlDB DDL (`ksql apply`) and the MySQL schema (`warehouse init`).
COPY --from=build /app/feeds ./feeds
COPY --from=build /app/ksql ./ksql
COPY --from=build /app/sql ./sql
# Mount points of the compose volumes. An empty named volume takes the owner of the directory it
# is mounted on, so creating them here as `node` lets the non-root process write the lake.
RUN mkdir -p /app/data/lake /var/lib/ksql-etl/seed && chown -R node:node /app/data /var/lib/ksql-etl
USER node
ENTRYPOINT ["node", "dist/client/cli.js"]
CMD ["worker"]
