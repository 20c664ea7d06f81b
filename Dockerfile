# Worker image: the Temporal worker (bin/worker.ts) run from its TypeScript source by tsx.
# Built by `cdk deploy` (ContainerImage.fromAsset); `cdk synth` and the tests only stage the
# build context, they never run docker. See docs/deploy.md, "The worker image".
#
# Why not just `npm ci --omit=dev`: the worker runs through tsx, a devDependency. Installing every
# devDependency would add aws-cdk-lib, vitest, playwright-core and the local SES emulator to
# the image, so instead the production tree comes from the lockfile and tsx alone is installed
# globally, at the exact version the lockfile pins.
#
# Node 24: the active LTS (Node 20 reached end of life in April 2026); the API Lambda runs
# nodejs24.x too.
ARG NODE_VERSION=24
FROM node:${NODE_VERSION}-slim

ENV NODE_ENV=production \
    # Nothing is written to the image at run time; handoffs, archives and the ledger go to S3.
    CASC_DATA_DIR=/tmp/casc \
    NPM_CONFIG_UPDATE_NOTIFIER=false

WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && TSX_VERSION="$(node -p "require('./package-lock.json').packages['node_modules/tsx'].version")" \
 && npm install --global --no-audit --no-fund "tsx@${TSX_VERSION}" \
 && npm cache clean --force

# Only what .dockerignore lets through: workflows/, activities/, domain/, functions/, bin/ …
COPY . .

# The workflow bundle, built once here instead of by webpack at every task start (bin/worker.ts
# loads it from CASC_WORKFLOW_BUNDLE; without the variable, as in local dev, it bundles itself).
ENV CASC_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    CASC_HEALTH_PORT=8081
RUN tsx scripts/build-workflow-bundle.ts "$CASC_WORKFLOW_BUNDLE"

USER node
# bin/worker-ops.ts HEALTH_CHECK_COMMAND / HEALTH_CHECK_TIMING; the ECS task definition repeats it
# (ECS ignores the image's HEALTHCHECK). Healthy while both workers poll.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8081/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# ECS runs an init process (initProcessEnabled) that forwards SIGTERM; the worker then drains:
# in-flight activities get shutdownGraceTime (45 s) before ECS's stopTimeout (60 s) SIGKILLs.
CMD ["tsx", "bin/worker.ts"]
