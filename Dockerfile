# syntax=docker/dockerfile:1
# Alumni Bridge: a small production image. Three stages: build (all dependencies, compile to
# dist/), runtime dependencies only, and the image itself (non-root, tini as PID 1 so SIGTERM
# reaches node and the bot stops in order). Migrations are applied by the bot at start, under a
# PostgreSQL advisory lock, so several replicas may start together.
# Node 22 is the maintained LTS base; the code also runs on Node 20.19+ (package.json engines).
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE}
# fonts-dejavu-core: the digest's chart draws its labels with it. tini: signals for node.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core tini \
  && rm -rf /var/lib/apt/lists/*
# In the container the bot's work yields the CPU to the HTTP front's answers (README: WORK_NICE).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    WORK_NICE=10
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prisma ./prisma
COPY forms ./forms
COPY manifests ./manifests
COPY examples ./examples
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
