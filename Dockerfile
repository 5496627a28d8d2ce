# syntax=docker/dockerfile:1

# Build stage: compile better-sqlite3's native addon and install production dependencies only.
FROM node:22-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY src ./src
COPY seed ./seed
# The server as `npm start` runs it: one bundle of our code and the packages (a start reads one file
# where it read over 500). node_modules stays beside it for what the bundle leaves out: better-sqlite3's
# native addon, pino-pretty's worker thread, and Swagger UI's static files, read from its package.
RUN npm run build

# Runtime stage: no compilers, a non-root user, the database on a volume.
FROM node:22-bookworm-slim
# The connection limits assume `ulimit -n` of at least 4096 (Docker gives far more by default; see
# README, Security): MAX_CONNECTIONS defaults to half the limit the container gets.
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_PATH=/data/stance.db \
    LOG_LEVEL=info \
    MALLOC_ARENA_MAX=1
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY --from=build /app/dist ./dist
COPY src/page ./src/page
COPY migrations ./migrations
COPY seed ./seed
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# The server migrates the database at start, and seeds it when it is empty.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Memory stays flat under load (see README, Performance): V8 collects its old generation when it has
# grown a fifth past what was live (not up to four times), with a smaller young generation; and
# MALLOC_ARENA_MAX=1 (above) keeps glibc from holding freed memory in an area per thread. The flags
# are refused in NODE_OPTIONS, so they are here, as in npm start.
CMD ["node", "--heap-growing-percent=20", "--max-semi-space-size=8", "--enable-source-maps", "dist/server.js"]
