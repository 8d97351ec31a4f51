# One image for both roles. The web app (scripts/serve.mjs: Next.js with request time limits) is the default command; the worker runs the CLI
# (`node bin/chargeback.js worker --source eventhubs`), as deploy/azure/chargeback.json sets it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source (the embedded store; unused on Cosmos DB but a dependency).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm install --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN node node_modules/next/dist/bin/next build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
CMD ["node", "scripts/serve.mjs"]
