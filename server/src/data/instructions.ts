/**
 * Hover texts for the Dockerfile instruction keywords. Written for Docker Coach:
 * short, practical, and checked against the Dockerfile reference
 * (https://docs.docker.com/reference/dockerfile/).
 */
import type { LessonId } from '../protocol';

export interface InstructionDoc {
  /** Upper-case keyword, e.g. 'COPY'. */
  keyword: string;
  /** One sentence: what the instruction does. */
  summary: string;
  /** The syntax forms, one per line, e.g. 'COPY [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... <dest>'. */
  forms: string[];
  /** 2–5 short markdown bullet points (without the leading "- "): the facts that matter in practice and the common pitfalls. */
  notes: string[];
  /** A short, best-practice example (a few Dockerfile lines), valid on its own line(s). */
  example: string;
  /** The lesson that teaches it. */
  lesson: LessonId;
  /** Anchor on https://docs.docker.com/reference/dockerfile/ (e.g. 'copy', 'healthcheck'). */
  referenceAnchor: string;
}

export const INSTRUCTION_DOCS: Readonly<Record<string, InstructionDoc>> = {
  FROM: {
    keyword: 'FROM',
    summary: 'Starts a new build stage on top of a base image; every Dockerfile needs at least one.',
    forms: [
      'FROM [--platform=<platform>] <image>[:<tag>] [AS <name>]',
      'FROM [--platform=<platform>] <image>@<digest> [AS <name>]',
    ],
    notes: [
      'Without a tag you get `:latest`, which changes under you. Pin a version tag, or a digest, so rebuilds give the same result.',
      'Only `ARG` lines (plus comments and parser directives) may come before the first `FROM`.',
      'Each `FROM` starts from a clean slate. Name a stage with `AS <name>` to reuse it later in `FROM <name>` or `COPY --from=<name>`.',
      '`--platform` selects one variant of a multi-platform image, e.g. `--platform=$BUILDPLATFORM` to run the compiler natively when cross-building.',
      '`FROM scratch` starts from an empty filesystem, which suits static binaries.',
    ],
    example: 'FROM python:3.12-slim AS base',
    lesson: 'writing-dockerfiles',
    referenceAnchor: 'from',
  },

  RUN: {
    keyword: 'RUN',
    summary:
      'Executes a command while the image is being built and stores the resulting filesystem changes as a new layer.',
    forms: [
      'RUN [--mount=type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]] [--network=<default|none|host>] [--security=<sandbox|insecure>] <command>',
      'RUN [OPTIONS] ["<executable>", "<param>", ...]',
    ],
    notes: [
      'Every `RUN` adds a layer, and a file deleted in a later layer still takes space in the earlier one. Install and clean up in the same `RUN`.',
      'A `RUN` is served from the cache while its text and everything before it are unchanged, so a lone `RUN apt-get update` can leave you with a stale package index. Keep update and install together.',
      'Shell form goes through `/bin/sh -c` (see `SHELL`), so `&&`, pipes and `$VAR` work. Exec form starts the program directly, without any variable expansion.',
      '`--mount=type=cache` keeps package caches between builds; `--mount=type=secret` hands a secret to this one command without writing it into a layer.',
      '`--network=none` cuts the step off from the network. `--network=host` and `--security=insecure` only work when the builder and the build both allow that entitlement.',
    ],
    example:
      'RUN apt-get update \\\n' +
      '    && apt-get install -y --no-install-recommends ca-certificates curl \\\n' +
      '    && rm -rf /var/lib/apt/lists/*',
    lesson: 'layers-and-cache',
    referenceAnchor: 'run',
  },

  CMD: {
    keyword: 'CMD',
    summary: 'Records the default command a container runs at start-up, or the default arguments for `ENTRYPOINT`.',
    forms: ['CMD ["<executable>", "<param>", ...]', 'CMD ["<param>", ...]', 'CMD <command> <param> ...'],
    notes: [
      'Nothing runs at build time. Any arguments given after the image name in `docker run` replace `CMD` entirely.',
      'Prefer exec form. Shell form wraps the command in `/bin/sh -c`, so the shell becomes PID 1 and usually does not pass the `SIGTERM` from `docker stop` on: the container is killed after the timeout.',
      'Exec form is JSON and needs double quotes. With single quotes or a stray comma the line is not valid JSON, and Docker silently runs it as shell form.',
      'Exec form expands no `$VAR`; if you need that, call a shell yourself: `["sh", "-c", "..."]`.',
      'Only the last `CMD` counts. Setting `ENTRYPOINT` clears any `CMD` inherited from the base image.',
    ],
    example: 'CMD ["python", "-m", "app"]',
    lesson: 'running-containers',
    referenceAnchor: 'cmd',
  },

  LABEL: {
    keyword: 'LABEL',
    summary: 'Attaches key-value metadata to the image.',
    forms: ['LABEL <key>=<value> [<key>=<value>...]'],
    notes: [
      'Labels are metadata only; they do not change how the container runs. Read them with `docker image inspect`.',
      'Prefer the standard `org.opencontainers.image.*` keys (`source`, `version`, `licenses`, `authors`…), which registries and scanners understand.',
      'Wrap values that contain spaces in double quotes; single quotes keep `$VAR` from being expanded.',
      'Labels from the base image are inherited; setting the same key again replaces the value.',
    ],
    example:
      'LABEL org.opencontainers.image.source="https://github.com/example/app" \\\n' +
      '      org.opencontainers.image.licenses="MIT"',
    lesson: 'registries-and-tags',
    referenceAnchor: 'label',
  },

  MAINTAINER: {
    keyword: 'MAINTAINER',
    summary: "Deprecated: fills in the image's Author field; use a `LABEL` instead.",
    forms: ['MAINTAINER <name>'],
    notes: [
      "Deprecated, and flagged by BuildKit's `MaintainerDeprecated` build check.",
      'Use `LABEL org.opencontainers.image.authors="…"` instead: it shows up with the other labels and tools know the key.',
    ],
    example: 'LABEL org.opencontainers.image.authors="team@example.com"',
    lesson: 'writing-dockerfiles',
    referenceAnchor: 'maintainer-deprecated',
  },

  EXPOSE: {
    keyword: 'EXPOSE',
    summary: 'Documents which ports the application listens on; it does not open or publish anything.',
    forms: ['EXPOSE <port>[/<tcp|udp>] [<port>[/<tcp|udp>]...]'],
    notes: [
      'Documentation only. To reach the port from the host, publish it at run time with `-p 8080:8080`, or `-P` to map every exposed port to a random high host port.',
      'The protocol defaults to TCP. Write `53/udp` for UDP, and list the port twice if it uses both.',
      'Give the port the process listens on inside the container, not a host port.',
      'Containers on the same user-defined network can reach each other on any port, exposed or not.',
    ],
    example: 'EXPOSE 8080',
    lesson: 'networking',
    referenceAnchor: 'expose',
  },

  ENV: {
    keyword: 'ENV',
    summary: 'Sets environment variables for the rest of the stage and for every container started from the image.',
    forms: ['ENV <key>=<value> [<key>=<value>...]', 'ENV <key> <value>'],
    notes: [
      'The values stay in the image and in running containers (see `docker inspect`); `docker run -e KEY=value` overrides them.',
      'Never put secrets in `ENV`: anyone who pulls the image can read them. Pass them at run time, or use `RUN --mount=type=secret` during the build.',
      'For a value needed only while building (e.g. `DEBIAN_FRONTEND=noninteractive`), use `ARG` or set it on that one `RUN` command.',
      'Use the `key=value` form. The legacy `ENV key value` form sets a single variable and takes everything after the first space as its value.',
    ],
    example: 'ENV NODE_ENV=production \\\n    PORT=8080',
    lesson: 'configuration-and-secrets',
    referenceAnchor: 'env',
  },

  ADD: {
    keyword: 'ADD',
    summary:
      'Copies files into the image like `COPY`, but can also download URLs, clone Git repositories and unpack local tar archives.',
    forms: [
      'ADD [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--exclude=<path>] [--checksum=<hash>] [--keep-git-dir=<bool>] [--unpack=<bool>] <src>... <dest>',
      'ADD [OPTIONS] ["<src>", ... "<dest>"]',
    ],
    notes: [
      'For plain local files use `COPY`: it does one thing and never extracts anything by surprise.',
      'A local tar archive (uncompressed, gzip, bzip2 or xz, recognised by content, not by file name) is extracted into `<dest>`. A tar downloaded from a URL is saved as-is unless you add `--unpack=true`.',
      'A download is only as trustworthy as its server: pin it with `--checksum=sha256:…` (for a Git source, the commit SHA).',
      'Files downloaded from a URL get mode 600; use `--chmod` if they must be readable or executable by others.',
      'Git sources arrive without their `.git` directory unless you pass `--keep-git-dir=true`.',
    ],
    example: '# a local archive: ADD extracts it into /opt/vendor/\nADD vendor.tar.gz /opt/vendor/',
    lesson: 'writing-dockerfiles',
    referenceAnchor: 'add',
  },

  COPY: {
    keyword: 'COPY',
    summary: 'Copies files and directories from the build context, an earlier stage or another image into the image.',
    forms: [
      'COPY [--from=<stage|image|context>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<path>] <src>... <dest>',
      'COPY [OPTIONS] ["<src>", ... "<dest>"]',
    ],
    notes: [
      'Copy the dependency manifests first, install, then copy the rest of the source: editing code then leaves the cached install layer alone.',
      'A source directory contributes its contents, not itself. With several sources `<dest>` must end in `/`; a relative `<dest>` starts from `WORKDIR`.',
      'Copied files belong to root unless you pass `--chown`. A later `RUN chown -R` stores a second copy of every file in a new layer.',
      '`--from=<stage>` pulls build results out of an earlier stage (multi-stage builds). `--link` puts the files in an independent layer that stays cached when earlier layers change.',
      'Keep files out of the context with `.dockerignore`; `--exclude` skips matches for one `COPY`, and `--parents` keeps the source directory structure.',
    ],
    example: 'COPY package.json package-lock.json ./\n' + 'RUN npm ci --omit=dev\n' + 'COPY --chown=node:node . .',
    lesson: 'layers-and-cache',
    referenceAnchor: 'copy',
  },

  ENTRYPOINT: {
    keyword: 'ENTRYPOINT',
    summary: 'Sets the program a container always runs at start-up; `CMD` and `docker run` arguments are passed to it.',
    forms: ['ENTRYPOINT ["<executable>", "<param>", ...]', 'ENTRYPOINT <command> <param> ...'],
    notes: [
      'In exec form, the arguments after the image name in `docker run` are appended to it and replace `CMD`. Only `docker run --entrypoint` replaces the entrypoint itself.',
      'Shell form runs under `/bin/sh -c`: it ignores `CMD` and run-time arguments, and the shell, not your program, is PID 1, so `docker stop` signals do not reach it.',
      'Combine an exec-form `ENTRYPOINT` (the fixed program) with an exec-form `CMD` (default arguments). It must be valid JSON with double quotes, or it silently becomes shell form.',
      'A wrapper script should finish with `exec "$@"` so the real process replaces the shell and receives signals.',
      'Only the last `ENTRYPOINT` counts, and setting one clears any `CMD` inherited from the base image.',
    ],
    example: 'ENTRYPOINT ["/usr/local/bin/app"]\nCMD ["--port", "8080"]',
    lesson: 'running-containers',
    referenceAnchor: 'entrypoint',
  },

  VOLUME: {
    keyword: 'VOLUME',
    summary:
      "Marks a path as a mount point whose data should live in a volume rather than in the container's writable layer.",
    forms: ['VOLUME ["<path>", ...]', 'VOLUME <path> [<path>...]'],
    notes: [
      'Each container started without a mount for that path gets a fresh anonymous volume. They pile up unless removed (`docker run --rm`, `docker rm -v`, `docker volume prune`).',
      'A Dockerfile cannot name a host directory; whoever runs the container chooses a named volume or bind mount with `-v` or `--mount`.',
      'A new volume is seeded with what the image holds at that path, so create the directory and set its owner before the `VOLUME` line.',
      'What later build steps write to the path is discarded by the legacy builder but kept by BuildKit. Doing the setup before `VOLUME` works with both.',
      'The JSON form needs double quotes.',
    ],
    example: 'RUN mkdir -p /var/lib/app && chown 10001:10001 /var/lib/app\nVOLUME ["/var/lib/app"]',
    lesson: 'volumes',
    referenceAnchor: 'volume',
  },

  USER: {
    keyword: 'USER',
    summary:
      "Sets the user, and optionally the group, for the `RUN` instructions that follow and for the container's `CMD`/`ENTRYPOINT`.",
    forms: ['USER <user>[:<group>]', 'USER <UID>[:<GID>]'],
    notes: [
      'Without it, containers run as root. Switch to an unprivileged user near the end of the final stage, so a compromised process can do less.',
      'It applies from its line to the end of the stage: earlier `RUN` steps (package installs) still run as root. `COPY` and `ADD` ignore it, so use `--chown` for file ownership.',
      'A user name must exist in the image (create it with `useradd` or `adduser`). A numeric UID works without an `/etc/passwd` entry.',
      'Giving a group restricts the user to that one group, dropping its other memberships.',
      '`docker run --user` overrides it for a single container.',
    ],
    example: 'RUN useradd --system --user-group app\nUSER app',
    lesson: 'security',
    referenceAnchor: 'user',
  },

  WORKDIR: {
    keyword: 'WORKDIR',
    summary: 'Sets the working directory for the instructions that follow and for the running container.',
    forms: ['WORKDIR <path>'],
    notes: [
      'The directory is created if it does not exist, so there is no need for `RUN mkdir`.',
      'Prefer absolute paths. A relative `WORKDIR` resolves against the previous one: `WORKDIR /a` then `WORKDIR b` gives `/a/b`.',
      'Use it instead of `RUN cd …`: a `cd` only lasts for that one `RUN`.',
      '`RUN`, `CMD`, `ENTRYPOINT` and relative `COPY`/`ADD` destinations start here. Without it you inherit whatever the base image set, often `/`.',
    ],
    example: 'WORKDIR /app',
    lesson: 'writing-dockerfiles',
    referenceAnchor: 'workdir',
  },

  ARG: {
    keyword: 'ARG',
    summary:
      'Declares a build-time variable, with an optional default, that `docker build --build-arg <name>=<value>` can set.',
    forms: ['ARG <name>[=<default>] [<name>[=<default>]...]'],
    notes: [
      'Build time only: the value is not kept as an environment variable in the image or the container. Copy it into an `ENV` if it must persist.',
      'An `ARG` declared before the first `FROM` is usable only in `FROM` lines. To use it inside a stage, declare `ARG <name>` again (no value) after that `FROM`.',
      'Its scope ends with the stage: every other stage that needs it declares it again, unless that stage is built `FROM` this one.',
      'Not for secrets: values show up in `docker history` and in provenance attestations. Use `RUN --mount=type=secret` instead.',
      'An `ENV` with the same name takes precedence. A changed value invalidates the cache from its first use, and every `RUN` after the `ARG` counts as a use.',
    ],
    example: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim',
    lesson: 'configuration-and-secrets',
    referenceAnchor: 'arg',
  },

  ONBUILD: {
    keyword: 'ONBUILD',
    summary: 'Stores an instruction in the image to be run later, when another Dockerfile uses this image as its base.',
    forms: ['ONBUILD <INSTRUCTION>'],
    notes: [
      'Nothing happens in the current build. The trigger runs in the downstream build right after its `FROM`, using the downstream build context.',
      "Triggers fire only in direct children, not in grandchildren. If one fails, the child's `FROM` and its build fail.",
      '`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed.',
      'Hidden steps surprise the people using your image: document them, and consider a distinct tag such as `-onbuild`.',
    ],
    example:
      'ONBUILD COPY requirements.txt /app/\n' + 'ONBUILD RUN pip install --no-cache-dir -r /app/requirements.txt',
    lesson: 'writing-dockerfiles',
    referenceAnchor: 'onbuild',
  },

  STOPSIGNAL: {
    keyword: 'STOPSIGNAL',
    summary: "Sets the signal Docker sends to ask the container's main process to stop.",
    forms: ['STOPSIGNAL <signal>'],
    notes: [
      'The default is `SIGTERM`. If the process has not exited when the stop timeout runs out (10 s by default for Linux containers), Docker sends `SIGKILL`.',
      'Give a name such as `SIGQUIT` or a number. Set it when the application shuts down cleanly on another signal, e.g. nginx on `SIGQUIT`.',
      'Only PID 1 receives it. With a shell-form `CMD` or `ENTRYPOINT` that is the shell, which may not pass it on.',
      '`docker run --stop-signal` overrides it per container. It does not affect Ctrl+C, which sends `SIGINT`.',
    ],
    example: 'STOPSIGNAL SIGQUIT',
    lesson: 'running-containers',
    referenceAnchor: 'stopsignal',
  },

  HEALTHCHECK: {
    keyword: 'HEALTHCHECK',
    summary:
      'Tells Docker how to test that the container still works, which gives it a `starting`, `healthy` or `unhealthy` status.',
    forms: [
      'HEALTHCHECK [--interval=<duration>] [--timeout=<duration>] [--start-period=<duration>] [--start-interval=<duration>] [--retries=<n>] CMD <command>',
      'HEALTHCHECK NONE',
    ],
    notes: [
      'Defaults: `--interval=30s`, `--timeout=30s`, `--start-period=0s`, `--start-interval=5s` (needs Docker Engine 25.0+), `--retries=3`.',
      'Exit code 0 means healthy and 1 unhealthy; 2 is reserved, so end commands with `|| exit 1`.',
      'Failures during the start period are not counted. After that, `retries` consecutive failures mark the container `unhealthy`.',
      'The check runs inside the container, so the tool it calls (`curl`, `wget`…) must exist in the image.',
      'Only the last `HEALTHCHECK` counts; `HEALTHCHECK NONE` turns off one inherited from the base image. Plain Docker only reports the status and does not restart unhealthy containers.',
    ],
    example:
      'HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\\n' +
      '  CMD curl -fsS http://localhost:8080/health || exit 1',
    lesson: 'limits-and-debugging',
    referenceAnchor: 'healthcheck',
  },

  SHELL: {
    keyword: 'SHELL',
    summary:
      'Replaces the shell used for the shell form of the `RUN`, `CMD` and `ENTRYPOINT` instructions that follow.',
    forms: ['SHELL ["<executable>", "<param>", ...]'],
    notes: [
      'The default is `["/bin/sh", "-c"]` on Linux and `["cmd", "/S", "/C"]` on Windows.',
      'It must be written as a JSON array, and it applies until the next `SHELL`. Exec-form instructions are not affected.',
      'With bash, add `-o pipefail` so that a failure on the left side of a pipe fails the build. bash must exist in the image; Alpine does not ship it.',
    ],
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    lesson: 'writing-dockerfiles',
    referenceAnchor: 'shell',
  },
};
