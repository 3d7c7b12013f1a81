# One image for every Collegium service (gateway, projector, worker); docker-compose.yml picks
# the entry point with `command`. TypeScript runs as-is through @swc-node/register, as in
# development, so there is no build step whose output could drift from the sources.

# Only the package manifests, so that `npm ci` below is cached until a dependency changes;
# copying them from the whole tree keeps new workspaces working without editing this file.
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc -delete \
 && find . -type d -empty -delete

FROM node:20-bookworm-slim
WORKDIR /app
# better-sqlite3 (the embedded stores, the SQLite lease) compiles its addon when no prebuilt one matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY --from=manifests /app ./
# Development dependencies too: @swc-node/register runs the TypeScript sources.
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
# The embedded stores' folder (unused by the compose stack, whose stores are servers) must be writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV NODE_ENV=production
CMD ["node", "-r", "@swc-node/register", "services/gateway/src/main.ts"]
