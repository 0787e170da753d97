/**
 * The exercises: a starter file for the user to fix, the reference solution,
 * and the goals the extension checks with its own rule engine. Each goal is
 * backed by a rule where one exists, plus a structural fact from the model so
 * that deleting the offending lines does not count as solving the exercise.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ComposeModel, ComposeService } from '../compose/model';
import { RunCommand } from '../dockerfile/commands';
import { DockerfileModel } from '../dockerfile/model';
import { DEPENDENCY_MANIFESTS } from '../dockerfile/packages';
import {
  CheckExerciseParams,
  CheckExerciseResult,
  DEFAULT_SETTINGS,
  DockerCoachSettings,
  ExerciseSummary,
  GoalResult,
  isLessonId,
  LessonId,
} from '../protocol';
import { lint } from '../engine/lint';
import {
  allOf,
  builderStages,
  commandsIn,
  copiedSources,
  entryLine,
  environmentNames,
  envBefore,
  execFormStart,
  ExerciseFacts,
  fail,
  finalBase,
  finalStageNonRoot,
  findRun,
  grantedSecrets,
  hasHealthcheck,
  holds,
  isAptInstall,
  isAptUpdate,
  isGoBuild,
  isNpmInstall,
  isPipRequirementsInstall,
  isReadOnly,
  manifestsBeforeInstall,
  mountsNamedVolume,
  noErrors,
  noFinding,
  Outcome,
  PASS,
  portsOnAllInterfaces,
  prefixAssignments,
  runMountsSecret,
  serviceLine,
  serviceNamed,
  servicesOfImage,
  shipsOnlyArtifacts,
  waitsForHealthy,
  workdirBeforeCopy,
} from './goals';

export type ExerciseLanguage = 'dockerfile' | 'dockercompose';

export interface Goal {
  id: string;
  /** What the goal asks, one sentence. */
  text: string;
  /** What to try when it fails. */
  hint: string;
  check(facts: ExerciseFacts): Outcome;
}

export interface Exercise {
  lesson: LessonId;
  title: string;
  language: ExerciseLanguage;
  /** What the user starts from: it fails at least one goal. */
  starter: string;
  /** A reference solution: it passes every goal and lints clean. */
  solution: string;
  /**
   * What the file must still contain for any goal to count (the services or
   * the build being taught): deleting them is not a way to meet a goal.
   */
  keeps: { check: (facts: ExerciseFacts) => boolean; hint: string };
  goals: Goal[];
}

const installsRequirements = (facts: ExerciseFacts) =>
  facts.dockerfile !== null && findRun(facts.dockerfile, isPipRequirementsInstall) !== null;
const hasStages = (facts: ExerciseFacts) => (facts.dockerfile?.stages.length ?? 0) > 0;
const hasServices =
  (...names: string[]) =>
  (facts: ExerciseFacts) =>
    facts.compose !== null && names.every((name) => serviceNamed(facts.compose!, name) !== undefined);

/** Every exercise ends with this goal. */
const NO_ERRORS: Goal = {
  id: 'no-errors',
  text: 'The file has no errors, and no check is switched off to get there.',
  hint: 'Fix the problems marked as errors in the editor (and YAML syntax problems); remove any "# check=skip=…" line, since exercises are checked with every rule on.',
  check: noErrors,
};

function dockerfileGoal(
  id: string,
  text: string,
  hint: string,
  check: (model: DockerfileModel, facts: ExerciseFacts) => Outcome,
): Goal {
  return { id, text, hint, check: (facts) => (facts.dockerfile ? check(facts.dockerfile, facts) : fail(0)) };
}

/** Dependency manifests copied and installed before the rest of the source, with no dependencies-before-source finding. */
function manifestsFirstGoal(
  id: string,
  text: string,
  hint: string,
  install: (rc: RunCommand) => boolean,
  manifests: RegExp,
): Goal {
  return dockerfileGoal(id, text, hint, (model, facts) =>
    allOf(noFinding(facts, ['dependencies-before-source']), manifestsBeforeInstall(model, install, manifests)),
  );
}

function composeGoal(
  id: string,
  text: string,
  hint: string,
  check: (model: ComposeModel, facts: ExerciseFacts) => Outcome,
): Goal {
  return { id, text, hint, check: (facts) => (facts.compose ? check(facts.compose, facts) : fail(0)) };
}

/** A goal about the exercise's PostgreSQL service; it fails at the top when there is none. */
function databaseGoal(
  id: string,
  text: string,
  hint: string,
  check: (model: ComposeModel, db: ComposeService, facts: ExerciseFacts) => Outcome,
): Goal {
  return composeGoal(id, text, hint, (model, facts) => {
    const db = servicesOfImage(model, 'postgres')[0];
    return db ? check(model, db, facts) : fail(0);
  });
}

const WRITING_DOCKERFILES: Exercise = {
  lesson: 'writing-dockerfiles',
  title: 'Containerize a small Python web app',
  language: 'dockerfile',
  keeps: {
    check: installsRequirements,
    hint: 'Keep the "pip install -r requirements.txt" step: the app needs its dependencies, and the goals are about how it is installed.',
  },
  starter: `# A Flask app served by gunicorn: app.py and requirements.txt sit next to this file.
# It builds and runs, but each goal of the exercise asks for one improvement.
FROM python
COPY . /app
RUN pip install -r /app/requirements.txt
EXPOSE 8000
CMD gunicorn --bind 0.0.0.0:8000 --chdir /app app:app
`,
  solution: `# A Flask app served by gunicorn: app.py and requirements.txt sit next to this file.
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system --no-create-home app
USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`,
  goals: [
    dockerfileGoal(
      'slim-pinned-base',
      'The base image is a pinned version of a slim variant.',
      'Use a tag such as "python:3.12-slim": the version makes builds repeatable, and "-slim" leaves out compilers and documentation the app does not need.',
      (model, facts) =>
        allOf(
          noFinding(facts, ['pin-base-image']),
          finalBase(model, (_raw, _repo, tag) => tag !== null && /[0-9]/.test(tag) && /(^|-)(slim|alpine)/.test(tag)),
        ),
    ),
    dockerfileGoal(
      'workdir',
      'A WORKDIR sets the application folder before files are copied.',
      'Add "WORKDIR /app" right after FROM; later COPY, RUN and CMD then work relative to it.',
      (model, facts) =>
        allOf(noFinding(facts, ['absolute-workdir', 'copy-relative-without-workdir']), workdirBeforeCopy(model)),
    ),
    manifestsFirstGoal(
      'requirements-first',
      'requirements.txt is copied and installed before the rest of the source.',
      'Copy requirements.txt alone, run pip install, then "COPY . .": editing the code then no longer re-runs the install.',
      isPipRequirementsInstall,
      DEPENDENCY_MANIFESTS.pipRequirements.files,
    ),
    dockerfileGoal(
      'pip-no-cache',
      'pip installs the requirements without keeping its download cache in the image.',
      'Add --no-cache-dir to "pip install -r requirements.txt".',
      (model, facts) =>
        allOf(noFinding(facts, ['pip-no-cache-dir']), holds(findRun(model, isPipRequirementsInstall) !== null)),
    ),
    dockerfileGoal(
      'non-root-user',
      'The final stage runs as a non-root user.',
      'Create a user (for example "RUN useradd --system --no-create-home app") and add "USER app" after the steps that need root, before CMD.',
      (model, facts) => allOf(noFinding(facts, ['non-root-user']), finalStageNonRoot(model)),
    ),
    dockerfileGoal(
      'exec-form-cmd',
      'CMD is written in exec (JSON array) form, so the server receives stop signals.',
      'Write CMD as a JSON array with double quotes: CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"].',
      (model, facts) => allOf(noFinding(facts, ['exec-form-cmd', 'malformed-exec-form']), execFormStart(model)),
    ),
    NO_ERRORS,
  ],
};

const LAYERS_AND_CACHE: Exercise = {
  lesson: 'layers-and-cache',
  title: 'Fix a cache-hostile Dockerfile',
  language: 'dockerfile',
  keeps: { check: hasStages, hint: 'Start from the starter again: the file has no FROM left to judge.' },
  starter: `# A Node.js service. Every code change re-runs "npm ci", and the image
# carries package lists it never uses. Reorder and merge steps to fix both.
FROM node:20.14-bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends tini=0.19.0-1+b3
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
USER node
ENTRYPOINT ["tini", "--"]
CMD ["node", "server.js"]
`,
  solution: `# A Node.js service.
FROM node:20.14-bookworm-slim
RUN apt-get update \\
    && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
ENTRYPOINT ["tini", "--"]
CMD ["node", "server.js"]
`,
  goals: [
    manifestsFirstGoal(
      'manifests-first',
      'package.json and the lock file are copied and installed before the rest of the source.',
      'Copy package.json and package-lock.json first, run "npm ci", then "COPY . .": the install layer stays cached until the dependencies change.',
      isNpmInstall,
      DEPENDENCY_MANIFESTS.node.files,
    ),
    dockerfileGoal(
      'update-with-install',
      'apt-get update runs in the same RUN as apt-get install.',
      'Join the two steps: RUN apt-get update && apt-get install … . A separate update layer stays cached, so a later install uses stale package lists.',
      (model, facts) => {
        const install = findRun(model, isAptInstall);
        if (!install) return fail(0);
        const updates = commandsIn(model, install.run).some(isAptUpdate);
        return allOf(noFinding(facts, ['update-without-install']), holds(updates, install.run.getRange().start.line));
      },
    ),
    dockerfileGoal(
      'apt-lists-cleaned',
      'The apt package lists are removed in the same RUN that downloads them.',
      'End the apt-get RUN with "&& rm -rf /var/lib/apt/lists/*": removing them in a later RUN saves nothing, because the earlier layer keeps them.',
      (model, facts) => allOf(noFinding(facts, ['apt-get-clean-lists']), holds(findRun(model, isAptInstall) !== null)),
    ),
    NO_ERRORS,
  ],
};

const MULTI_STAGE_BUILDS: Exercise = {
  lesson: 'multi-stage-builds',
  title: 'Shrink a Go image',
  language: 'dockerfile',
  keeps: {
    check: (facts) => facts.dockerfile !== null && findRun(facts.dockerfile, isGoBuild) !== null,
    hint: 'Keep the "go build" step: the goals are about where it runs and what ships.',
  },
  starter: `# A Go web service. The image ships the whole Go toolchain and the sources
# (about 800 MB) to run one binary. Build in one stage, ship in another.
FROM golang:1.22
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /usr/local/bin/server ./cmd/server
EXPOSE 8080
CMD ["server"]
`,
  solution: `# A Go web service.
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
EXPOSE 8080
ENTRYPOINT ["/server"]
`,
  goals: [
    dockerfileGoal(
      'build-stage',
      'The binary is compiled in a separate build stage.',
      'Name the first stage ("FROM golang:1.22 AS build") and start a second FROM for the image you ship.',
      (model) => {
        const build = findRun(model, isGoBuild);
        return holds(
          build !== null && builderStages(model).includes(build.stage),
          build ? build.run.getRange().start.line : 0,
        );
      },
    ),
    dockerfileGoal(
      'minimal-runtime',
      'The final stage starts from a minimal image: scratch or distroless.',
      'Use "FROM gcr.io/distroless/static-debian12:nonroot" (or "FROM scratch") for the last stage: no shell, no package manager, a few MB.',
      (model) =>
        finalBase(
          model,
          (raw, repository) =>
            raw === 'scratch' ||
            repository.startsWith('gcr.io/distroless/') ||
            repository === 'cgr.dev/chainguard/static',
        ),
    ),
    dockerfileGoal(
      'only-the-binary',
      'The final stage copies only the built binary from the build stage.',
      'In the last stage, use only "COPY --from=build /out/server /server": no sources, no folders of the build stage.',
      (model) => shipsOnlyArtifacts(model),
    ),
    dockerfileGoal(
      'static-binary',
      'The binary is built with CGO_ENABLED=0, so it runs without a C library.',
      'Write "RUN CGO_ENABLED=0 go build …" (or "ENV CGO_ENABLED=0" before it): scratch and distroless/static have no libc for a cgo-linked binary to load.',
      (model) => {
        const build = findRun(model, isGoBuild);
        if (!build) return fail(0);
        const prefix = prefixAssignments(model, build.command).find((a) => a.startsWith('CGO_ENABLED='));
        const value =
          prefix !== undefined
            ? prefix.slice('CGO_ENABLED='.length).replace(/^["']|["']$/g, '')
            : envBefore(build.stage, 'CGO_ENABLED', build.run);
        return holds(value === '0', build.run.getRange().start.line);
      },
    ),
    dockerfileGoal(
      'base-images-pinned',
      'Every base image is pinned to a version tag or a digest.',
      'Give each FROM image a version tag, such as "golang:1.22" or "gcr.io/distroless/static-debian12:nonroot"; without a tag Docker pulls whatever "latest" is that day.',
      (_model, facts) => noFinding(facts, ['pin-base-image']),
    ),
    dockerfileGoal(
      'non-root-user',
      'The final stage runs as a non-root user.',
      'Use a distroless ":nonroot" tag, or add "USER 65532:65532" to a scratch stage.',
      (model, facts) => allOf(noFinding(facts, ['non-root-user']), finalStageNonRoot(model)),
    ),
    NO_ERRORS,
  ],
};

const COMPOSE: Exercise = {
  lesson: 'compose',
  title: 'A web app with PostgreSQL',
  language: 'dockercompose',
  keeps: {
    check: (facts) => hasServices('web')(facts) && servicesOfImage(facts.compose!, 'postgres').length > 0,
    hint: 'Keep the web service and the PostgreSQL service: the goals are about how they work together.',
  },
  starter: `# The web app (built from the Dockerfile here) and its PostgreSQL database.
# It starts, but the data is lost with the container, the app may start before
# the database accepts connections, and the password sits in the file.
services:
  web:
    build: .
    ports:
      - "127.0.0.1:8000:8000"
    environment:
      DATABASE_HOST: db
      DATABASE_USER: app
    depends_on:
      - db
  db:
    image: postgres:16.3
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: example
`,
  solution: `# The web app (built from the Dockerfile here) and its PostgreSQL database.
services:
  web:
    build: .
    ports:
      - "127.0.0.1:8000:8000"
    environment:
      DATABASE_HOST: db
      DATABASE_USER: app
      DATABASE_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.3
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app"]
      interval: 5s
      timeout: 3s
      retries: 10

volumes:
  db-data:

secrets:
  db_password:
    file: ./db_password.txt
`,
  goals: [
    databaseGoal(
      'database-volume',
      'The database keeps its data in a named volume.',
      'Mount a named volume on the data directory ("db-data:/var/lib/postgresql/data" under the db service\'s volumes) and declare it under the top-level "volumes:".',
      (model, db, facts) => {
        return allOf(
          noFinding(facts, ['compose-database-without-volume']),
          holds(mountsNamedVolume(model, db), serviceLine(model, db)),
        );
      },
    ),
    databaseGoal(
      'database-healthy-first',
      'The database has a healthcheck, and the web service waits for it with condition: service_healthy.',
      'Give db a healthcheck (test: ["CMD-SHELL", "pg_isready -U app"]) and write depends_on as "db: { condition: service_healthy }" in web.',
      (model, db, facts) => {
        return allOf(
          noFinding(facts, ['compose-depends-on-healthcheck-missing']),
          holds(hasHealthcheck(model, db), serviceLine(model, db)),
          holds(
            waitsForHealthy(model, db.name).length > 0,
            model.services.find((s) => s !== db)
              ? serviceLine(
                  model,
                  model.services.find((s) => s !== db)!,
                )
              : 0,
          ),
        );
      },
    ),
    databaseGoal(
      'no-literal-password',
      'The database password is not written in the file.',
      'Use POSTGRES_PASSWORD_FILE with a Compose secret (secrets: db_password: file: ./db_password.txt), or at least "${POSTGRES_PASSWORD}" from an untracked .env file.',
      (model, db, facts) => {
        const names = environmentNames(model, db);
        // The image refuses to start without a password (unless told to trust everyone), so removing it is no answer.
        return allOf(
          noFinding(facts, ['literal-secret-in-environment']),
          holds(
            names.includes('POSTGRES_PASSWORD') || names.includes('POSTGRES_PASSWORD_FILE'),
            entryLine(model, db, 'environment'),
          ),
        );
      },
    ),
    NO_ERRORS,
  ],
};

const SECURITY: Exercise = {
  lesson: 'security',
  title: 'Harden a compose file',
  language: 'dockercompose',
  keeps: {
    check: hasServices('proxy', 'api'),
    hint: 'Keep both services, proxy and api: hardening means changing how they run, not removing them.',
  },
  starter: `# A reverse proxy and an API for local use. Harden it: pinned images,
# ports reachable from this machine only, no privileged mode, a secret
# instead of a literal token, and a read-only root filesystem for the API.
services:
  proxy:
    image: nginxinc/nginx-unprivileged:latest
    ports:
      - "8080:8080"
    privileged: true
  api:
    image: ghcr.io/example/api
    environment:
      API_TOKEN: s3cr3t-t0ken
    ports:
      - "9000:9000"
`,
  solution: `# A reverse proxy and an API for local use.
services:
  proxy:
    image: nginxinc/nginx-unprivileged:1.27-alpine
    ports:
      - "127.0.0.1:8080:8080"
  api:
    image: ghcr.io/example/api:2.4.1
    read_only: true
    tmpfs:
      - /tmp
    environment:
      API_TOKEN_FILE: /run/secrets/api_token
    secrets:
      - api_token
    ports:
      - "127.0.0.1:9000:9000"

secrets:
  api_token:
    environment: API_TOKEN
`,
  goals: [
    composeGoal(
      'pinned-images',
      'Every image is pinned to a version tag or a digest.',
      'Replace "latest" and missing tags with a version, such as "nginxinc/nginx-unprivileged:1.27-alpine".',
      (model, facts) =>
        allOf(
          noFinding(facts, ['pin-image-tag']),
          holds(
            model.services.length > 0 && model.services.every((s) => s.entries.has('image') || s.entries.has('build')),
          ),
        ),
    ),
    composeGoal(
      'local-ports',
      'Every published port is bound to 127.0.0.1, so only this machine reaches it.',
      'Write ports as "127.0.0.1:8080:8080": without an address Docker publishes on every interface, past the host firewall.',
      (model, facts) => {
        const open = portsOnAllInterfaces(model);
        return allOf(noFinding(facts, ['port-all-interfaces']), open === null ? PASS : fail(open));
      },
    ),
    composeGoal(
      'not-privileged',
      'No service runs privileged or with every capability.',
      'Remove "privileged: true"; if a service needs one kernel capability, grant only that one with cap_add.',
      (_model, facts) => noFinding(facts, ['privileged-container', 'cap-add-all']),
    ),
    composeGoal(
      'token-as-secret',
      'The API token reaches the api service as a Compose secret, not a literal in the file.',
      'Define "secrets: api_token: environment: API_TOKEN" at the top level, grant it to api ("secrets: [api_token]") and point API_TOKEN_FILE at /run/secrets/api_token.',
      (model, facts) => {
        const api = serviceNamed(model, 'api');
        if (!api) return fail(0);
        return allOf(
          noFinding(facts, ['literal-secret-in-environment']),
          holds(grantedSecrets(model, api).length > 0, serviceLine(model, api)),
        );
      },
    ),
    composeGoal(
      'read-only-api',
      'The api service runs with a read-only root filesystem.',
      'Add "read_only: true" to api, and a tmpfs (tmpfs: [/tmp]) for the scratch files it writes.',
      (model) => {
        const api = serviceNamed(model, 'api');
        return api ? holds(isReadOnly(api), serviceLine(model, api)) : fail(0);
      },
    ),
    NO_ERRORS,
  ],
};

const REGISTRIES_AND_TAGS: Exercise = {
  lesson: 'registries-and-tags',
  title: 'Pin every base image',
  language: 'dockerfile',
  keeps: { check: hasStages, hint: 'Start from the starter again: the file has no FROM left to judge.' },
  starter: `# A static site: built with Node.js, served by an unprivileged nginx.
# Today's build and next month's may use different base images. Pin them.
FROM node:latest AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginxinc/nginx-unprivileged
COPY --from=assets /src/dist /usr/share/nginx/html
`,
  solution: `# A static site: built with Node.js, served by an unprivileged nginx.
FROM node:20.14-alpine3.20 AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY --from=assets /src/dist /usr/share/nginx/html
`,
  goals: [
    dockerfileGoal(
      'every-image-tagged',
      'Every FROM names a tag or a digest.',
      'Add a tag to each image: "FROM nginxinc/nginx-unprivileged" means ":latest", whatever that is on the day of the build.',
      (_model, facts) => noFinding(facts, ['pin-base-image'], 'DL3006'),
    ),
    dockerfileGoal(
      'no-latest',
      'No image uses the "latest" tag.',
      'Replace ":latest" with a version, such as "node:20.14-alpine3.20".',
      (_model, facts) => noFinding(facts, ['pin-base-image'], 'DL3007'),
    ),
    dockerfileGoal(
      'version-tags',
      'Each tag names a version number, not a moving name such as lts, alpine or stable.',
      'Tags like "node:lts" or "nginx:stable" move to new versions too; use one with a version, such as "node:20.14-alpine3.20" (or pin a digest).',
      (model) => {
        const stageNames = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter(Boolean));
        for (const stage of model.stages) {
          const image = stage.image;
          if (
            !image ||
            stage.fromStage ||
            stageNames.has(image.raw.toLowerCase()) ||
            image.raw.toLowerCase() === 'scratch' ||
            image.digest
          )
            continue;
          if (!image.tag || !/[0-9]/.test(image.tag)) return fail(stage.from.getRange().start.line);
        }
        return holds(model.stages.length > 0);
      },
    ),
    NO_ERRORS,
  ],
};

const CONFIGURATION_AND_SECRETS: Exercise = {
  lesson: 'configuration-and-secrets',
  title: 'Keep secrets out of the image',
  language: 'dockerfile',
  keeps: {
    check: installsRequirements,
    hint: 'Keep the "pip install -r requirements.txt" step: it is what needs the index credentials.',
  },
  starter: `# A Python app whose dependencies come from a private package index.
# The token and the database password end up in the image's history.
# Built with: docker build --build-arg PYPI_TOKEN=… .
FROM python:3.12-slim
ARG PYPI_TOKEN
ENV DATABASE_PASSWORD=changeme
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --index-url "https://__token__:\${PYPI_TOKEN}@pypi.example.com/simple" -r requirements.txt
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
  solution: `# A Python app whose dependencies come from a private package index.
# Build with: docker build --secret id=netrc,src=$HOME/.netrc .
# Run with the password from the environment: docker run -e DATABASE_PASSWORD …
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=secret,id=netrc,target=/root/.netrc \\
    pip install --no-cache-dir --index-url https://pypi.example.com/simple -r requirements.txt
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
  goals: [
    dockerfileGoal(
      'no-secret-build-variables',
      'No ARG or ENV holds a password or token.',
      'Delete the ARG and ENV that carry secrets: their values stay in the image history. Pass the database password when the container starts (docker run -e, compose environment or secrets).',
      (_model, facts) => noFinding(facts, ['secrets-in-arg-or-env']),
    ),
    dockerfileGoal(
      'secret-mount',
      'pip reads the index credentials from a secret mount.',
      'Use "RUN --mount=type=secret,id=netrc,target=/root/.netrc pip install …": pip reads the login from .netrc, and the file exists only while that command runs.',
      (model) => runMountsSecret(model, isPipRequirementsInstall),
    ),
    dockerfileGoal(
      'no-credentials-in-commands',
      'No credential is written into a command or copied into the image.',
      'Keep user:password out of URLs and commands, and do not COPY .netrc, .env or key files: they stay in a layer even if deleted later.',
      (model, facts) =>
        allOf(
          noFinding(facts, ['credentials-in-run', 'copy-secret-files']),
          holds(!copiedSources(model).some((src) => /(^|\/)\.netrc$/.test(src))),
        ),
    ),
    NO_ERRORS,
  ],
};

/** The exercises, in lesson order. */
export const EXERCISES: readonly Exercise[] = [
  WRITING_DOCKERFILES,
  LAYERS_AND_CACHE,
  MULTI_STAGE_BUILDS,
  COMPOSE,
  CONFIGURATION_AND_SECRETS,
  REGISTRIES_AND_TAGS,
  SECURITY,
];

export function exerciseFor(lesson: string): Exercise | undefined {
  return EXERCISES.find((e) => e.lesson === lesson);
}

export function listExercises(): ExerciseSummary[] {
  return EXERCISES.map((e) => ({
    lesson: e.lesson,
    title: e.title,
    language: e.language,
    starter: e.starter,
    goals: e.goals.map((g) => ({ id: g.id, text: g.text })),
  }));
}

/** A request the checker cannot answer: no such exercise, or no text. */
export class ExerciseError extends Error {}

/**
 * Goals are judged with the default settings, whatever the user configured,
 * and with inline ignore comments off: silencing a rule does not meet a goal.
 * Every rule runs, so a goal may use a rule outside the default preset; the
 * "no errors" goal looks at the default preset's findings only (goals.ts).
 */
export const CHECK_SETTINGS: DockerCoachSettings = {
  ...DEFAULT_SETTINGS,
  preset: 'all',
  honorInlinePragmas: false,
  honorHadolintPragmas: false,
};

export function checkExercise(params: CheckExerciseParams): CheckExerciseResult {
  const exercise = typeof params?.lesson === 'string' ? exerciseFor(params.lesson) : undefined;
  if (!exercise) {
    const known = EXERCISES.map((e) => e.lesson).join(', ');
    const what =
      typeof params?.lesson === 'string' && isLessonId(params.lesson)
        ? `Lesson "${params.lesson}" has no exercise`
        : `Unknown lesson "${String(params?.lesson)}"`;
    throw new ExerciseError(`${what}; the lessons with exercises are: ${known}.`);
  }
  if (typeof params.text !== 'string') throw new ExerciseError('checkExercise needs the exercise text as a string.');
  const fileName = exercise.language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml';
  const document = TextDocument.create(
    `untitled:exercise/${exercise.lesson}/${fileName}`,
    exercise.language,
    1,
    params.text,
  );
  const result = lint(document, CHECK_SETTINGS);
  const facts: ExerciseFacts = {
    result,
    text: params.text,
    dockerfile: result.model instanceof DockerfileModel ? result.model : null,
    compose: result.model instanceof ComposeModel ? result.model : null,
  };
  const kept = exercise.keeps.check(facts);
  const goals: GoalResult[] = exercise.goals.map((goal) => {
    let outcome: Outcome;
    try {
      // "No errors" is judged on its own: it names the syntax error that may be why the rest is missing.
      outcome = kept || goal === NO_ERRORS ? goal.check(facts) : fail();
    } catch {
      // A file the model cannot make sense of fails the goal rather than the request.
      outcome = fail();
    }
    const goalResult: GoalResult = {
      id: goal.id,
      text: goal.text,
      passed: outcome.passed,
      hint: kept || goal === NO_ERRORS ? goal.hint : exercise.keeps.hint,
    };
    if (!outcome.passed && outcome.line !== undefined) goalResult.line = outcome.line;
    return goalResult;
  });
  return { lesson: exercise.lesson, goals, passed: goals.every((g) => g.passed) };
}
