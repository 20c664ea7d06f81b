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

USER node
# ECS runs an init process (initProcessEnabled) that forwards SIGTERM; the Temporal worker's
# runtime handles it by draining in-flight tasks before exit.
CMD ["tsx", "bin/worker.ts"]
