/**
 * A deterministic generator of realistic Dockerfiles for the soundness runs:
 * base images (tagged, untagged, digests, ARG-resolved, --platform), package
 * installs of every manager with and without their flags, cache mounts,
 * heredocs, multi-stage builds with COPY --from, ONBUILD, comments between
 * instructions and inside continuations, the everyday mistakes, and the
 * CRLF / tab / backtick shapes of the same files. Same seed, same corpus.
 */
import { backtickEscape, SoundnessInput, swapLineEndings, tabIndentContinuations } from './soundness';

/** mulberry32: small, fast, good enough for picking building blocks. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Picker {
  constructor(private readonly random: () => number) {}
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = min + Math.floor(this.random() * (max - min + 1));
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0]);
    return out;
  }
}

type Family = 'debian' | 'alpine' | 'rhel' | 'suse';

interface Base {
  image: string;
  family: Family;
  /** How to name it through an ARG: [arg name, default, reference in FROM]. */
  arg?: [string, string, string];
}

const BASES: Base[] = [
  { image: 'debian:12-slim', family: 'debian', arg: ['DEBIAN_VERSION', '12', 'debian:${DEBIAN_VERSION}-slim'] },
  { image: 'debian:bookworm', family: 'debian' },
  { image: 'debian', family: 'debian' },
  { image: 'debian:latest', family: 'debian' },
  { image: 'ubuntu:22.04', family: 'debian', arg: ['UBUNTU_VERSION', '22.04', 'ubuntu:${UBUNTU_VERSION}'] },
  { image: 'ubuntu', family: 'debian' },
  { image: 'ubuntu:24.04@sha256:2e863c44b718727c860746568e1d54afd13b2fa71b160f5cd9058fc436217b30', family: 'debian' },
  { image: 'python:3.12-slim', family: 'debian', arg: ['PYTHON_VERSION', '3.12', 'python:${PYTHON_VERSION}-slim'] },
  {
    image: 'node:20-bookworm-slim',
    family: 'debian',
    arg: ['NODE_VERSION', '20', 'node:${NODE_VERSION}-bookworm-slim'],
  },
  { image: 'alpine:3.20', family: 'alpine', arg: ['ALPINE_VERSION', '3.20', 'alpine:${ALPINE_VERSION}'] },
  { image: 'alpine', family: 'alpine' },
  { image: 'alpine:latest', family: 'alpine' },
  { image: 'node:20-alpine', family: 'alpine', arg: ['NODE_VERSION', '20', 'node:${NODE_VERSION}-alpine'] },
  { image: 'python:3.12-alpine', family: 'alpine' },
  { image: 'registry.access.redhat.com/ubi9/ubi:9.4', family: 'rhel' },
  { image: 'centos:7', family: 'rhel' },
  { image: 'fedora:40', family: 'rhel', arg: ['FEDORA_VERSION', '40', 'fedora:${FEDORA_VERSION}'] },
  { image: 'rockylinux:9', family: 'rhel' },
  { image: 'opensuse/leap:15.6', family: 'suse' },
  { image: 'registry.suse.com/bci/bci-base:15.6', family: 'suse' },
];

const BUILDERS = [
  'golang:1.22',
  'golang:1.22-alpine',
  'golang',
  'maven:3.9-eclipse-temurin-21',
  'node:20',
  'rust:1.79-slim',
];
const FINALS = [
  'gcr.io/distroless/static-debian12:nonroot',
  'scratch',
  'alpine:3.20',
  'debian:12-slim',
  'gcr.io/distroless/base-debian12',
];

const COMMENTS = [
  '# Install dependencies',
  '# hadolint ignore=DL3008',
  '# build the application',
  '# TODO: pin versions',
  '#   indented comment with \\ at the end \\',
  '## section',
  '# syntax=docker/dockerfile:1 (not a directive here)',
];

const APT_PKGS = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'unzip', 'gnupg', 'tzdata', 'jq'];
const APK_PKGS = ['curl', 'ca-certificates', 'git', 'bash', 'build-base', 'tzdata', 'jq', 'openssl'];
const RPM_PKGS = ['curl', 'git', 'tar', 'gzip', 'shadow-utils', 'python3', 'which', 'jq'];
const PIP_PKGS = ['flask', 'requests', 'gunicorn', 'psycopg2-binary', 'uvicorn[standard]'];

type Style = 'line' | 'trailing' | 'leading' | 'semicolon' | 'set-eux';

class Writer {
  lines: string[] = [];
  constructor(private readonly p: Picker) {}

  add(...lines: string[]): void {
    this.lines.push(...lines);
  }

  comment(probability = 0.25): void {
    if (this.p.chance(probability)) this.add(this.p.pick(COMMENTS));
    if (this.p.chance(0.15)) this.add('');
  }

  /** A RUN of shell commands in one of the usual layouts. */
  run(commands: string[], options: { flags?: string; keyword?: string; allowHeredoc?: boolean } = {}): void {
    const keyword = options.keyword ?? (this.p.chance(0.04) ? 'run' : 'RUN');
    const head = options.flags ? `${keyword} ${options.flags} ` : `${keyword} `;
    if (options.allowHeredoc !== false && commands.length > 1 && this.p.chance(0.12)) {
      const word = this.p.pick(['EOF', 'EOT', 'SCRIPT']);
      this.add(`${head}<<${word}`, ...(this.p.chance(0.5) ? ['set -eux'] : []), ...commands, word);
      return;
    }
    const style: Style =
      commands.length === 1
        ? 'line'
        : this.p.pick(['line', 'trailing', 'trailing', 'leading', 'leading', 'semicolon', 'set-eux']);
    const indent = this.p.pick(['    ', '  ', '    ', '\t']);
    switch (style) {
      case 'line':
        this.add(head + commands.join(' && '));
        return;
      case 'semicolon':
        this.add(head + commands.join('; '));
        return;
      case 'trailing':
      case 'set-eux': {
        const first = style === 'set-eux' ? ['set -eux;'] : [];
        const parts = [...first, ...commands];
        const out = parts.map((c, i) => {
          const joiner = i < parts.length - 1 ? (parts[i].endsWith(';') ? ' \\' : ' && \\') : '';
          return (i === 0 ? head : indent) + c + joiner;
        });
        this.withInnerNoise(out, indent);
        return;
      }
      case 'leading': {
        const out = commands.map(
          (c, i) => (i === 0 ? head + c : `${indent}&& ${c}`) + (i < commands.length - 1 ? ' \\' : ''),
        );
        this.withInnerNoise(out, indent);
      }
    }
  }

  /** Comment lines and (a mistake) empty lines inside a continuation; sometimes blanks after the backslash. */
  private withInnerNoise(lines: string[], indent: string): void {
    const out = this.p.chance(0.08)
      ? lines.map((l) => (l.endsWith('\\') ? `${l}${this.p.pick([' ', '  ', '\t'])}` : l))
      : [...lines];
    if (out.length > 2 && this.p.chance(0.15))
      out.splice(1 + Math.floor(out.length / 2), 0, `${indent}# ${this.p.pick(['tools', 'cleanup', 'see docs'])}`);
    if (out.length > 2 && this.p.chance(0.06)) out.splice(1, 0, '');
    this.add(...out);
  }
}

function aptInstall(p: Picker, w: Writer): void {
  const pkgs = p.some(APT_PKGS, 1, 4).map((pkg) => (p.chance(0.3) ? `${pkg}=1.2.3-1` : pkg));
  if (p.chance(0.1)) pkgs.push('$EXTRA_PACKAGES');
  const yes = p.pick(['-y', '-y', '-yq', '--yes', '-qq -y', '', '--assume-yes']);
  const recommends = p.chance(0.7) ? '--no-install-recommends' : '';
  const tool = p.chance(0.08) ? 'apt' : 'apt-get';
  const flagsFirst = p.chance(0.5);
  const install = [
    tool,
    'install',
    ...(flagsFirst ? [yes, recommends] : []),
    ...pkgs,
    ...(flagsFirst ? [] : [recommends, yes]),
  ]
    .filter(Boolean)
    .join(' ');
  const cleanup = p.pick([
    'rm -rf /var/lib/apt/lists/*',
    'apt-get clean && rm -rf /var/lib/apt/lists/*',
    '',
    'rm -rf /var/lib/apt/lists/*',
  ]);
  const mount = p.chance(0.12);
  if (p.chance(0.07)) {
    // The classic mistake: update in its own layer.
    w.run([`${tool} update`]);
    w.run([install, ...(cleanup ? [cleanup] : [])]);
    return;
  }
  const commands = [
    `${tool} update`,
    ...(p.chance(0.05) ? [`${tool} upgrade -y`] : []),
    install,
    ...(!mount && cleanup ? [cleanup] : []),
  ];
  if (p.chance(0.05)) commands.unshift('sudo true');
  w.run(
    commands,
    mount
      ? {
          flags:
            '--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked',
        }
      : {},
  );
}

function apkInstall(p: Picker, w: Writer): void {
  const pkgs = p.some(APK_PKGS, 1, 4).map((pkg) => (p.chance(0.3) ? `${pkg}=1.2.3-r0` : pkg));
  const noCache = p.chance(0.6);
  const virtual = p.chance(0.15) ? '--virtual .build-deps ' : '';
  const install = `apk add ${noCache && p.chance(0.5) ? '--no-cache ' : ''}${virtual}${pkgs.join(' ')}${noCache && !/no-cache/.test(pkgs.join()) && p.chance(0.5) ? ' --no-cache' : ''}`;
  const commands = [...(p.chance(0.2) ? ['apk update'] : []), ...(p.chance(0.05) ? ['apk upgrade'] : []), install];
  if (virtual && p.chance(0.6)) commands.push('make -C /src', 'apk del .build-deps');
  w.run(commands, p.chance(0.1) ? { flags: '--mount=type=cache,target=/var/cache/apk' } : {});
}

function rpmInstall(p: Picker, w: Writer, image: string): void {
  const pkgs = p.some(RPM_PKGS, 1, 4).map((pkg) => (p.chance(0.25) ? `${pkg}-1.2.3` : pkg));
  const tool = image.includes('ubi')
    ? p.pick(['microdnf', 'dnf', 'yum'])
    : image.includes('centos')
      ? 'yum'
      : p.pick(['dnf', 'yum']);
  const yes = p.chance(0.65) ? (p.chance(0.5) ? '-y ' : '--assumeyes ') : '';
  const install = p.chance(0.5) ? `${tool} install ${yes}${pkgs.join(' ')}` : `${tool} ${yes}install ${pkgs.join(' ')}`;
  const clean = p.chance(0.55) ? [`${tool} clean all`] : [];
  const commands = [...(p.chance(0.1) ? [`${tool} update -y`] : []), install, ...clean];
  if (p.chance(0.1)) commands.push('rm -rf /var/cache/yum');
  w.run(commands);
}

function zypperInstall(p: Picker, w: Writer): void {
  const pkgs = p.some(RPM_PKGS, 1, 3).map((pkg) => (p.chance(0.3) ? `${pkg}=1.2.3` : pkg));
  const nonInteractive = p.chance(0.6) ? p.pick(['--non-interactive ', '-n ']) : '';
  const yes = !nonInteractive && p.chance(0.4) ? '-y ' : '';
  const commands = [
    ...(p.chance(0.15) ? [`zypper ${nonInteractive}refresh`] : []),
    `zypper ${nonInteractive}install ${yes}${pkgs.join(' ')}`,
  ];
  if (p.chance(0.55)) commands.push('zypper clean -a');
  w.run(commands);
}

function systemInstall(p: Picker, w: Writer, base: Base): void {
  switch (base.family) {
    case 'debian':
      return aptInstall(p, w);
    case 'alpine':
      return apkInstall(p, w);
    case 'rhel':
      return rpmInstall(p, w, base.image);
    case 'suse':
      return zypperInstall(p, w);
  }
}

function pipInstall(p: Picker, w: Writer): void {
  const tool = p.pick(['pip', 'pip3', 'python -m pip', 'python3 -m pip']);
  const noCache = p.chance(0.55) ? ' --no-cache-dir' : '';
  const what = p.chance(0.5)
    ? '-r requirements.txt'
    : p
        .some(PIP_PKGS, 1, 3)
        .map((pkg) => (p.chance(0.5) ? `${pkg}==1.0.0` : pkg))
        .join(' ');
  const commands = [
    ...(p.chance(0.2) ? [`${tool} install${noCache} --upgrade pip`] : []),
    `${tool} install${p.chance(0.5) ? noCache : ''} ${what}${p.chance(0.5) ? '' : noCache}`,
  ];
  if (p.chance(0.1)) {
    w.run([`${tool} install ${what}`], { flags: '--mount=type=cache,target=/root/.cache/pip' });
    return;
  }
  w.run(commands);
}

function nodeInstall(p: Picker, w: Writer): void {
  w.add(
    p.pick([
      'COPY package.json package-lock.json ./',
      'COPY package*.json ./',
      'COPY package.json yarn.lock ./',
      'COPY package.json package-lock.json .',
    ]),
  );
  const choice = p.pick(['ci', 'ci-omit', 'install', 'global', 'yarn', 'yarn-clean']);
  const commands: Record<string, string[]> = {
    ci: ['npm ci'],
    'ci-omit': ['npm ci --omit=dev', 'npm cache clean --force'],
    install: ['npm install'],
    global: ['npm install -g pm2@5.4.0', 'npm ci'],
    yarn: ['yarn install --frozen-lockfile'],
    'yarn-clean': ['yarn install --frozen-lockfile', 'yarn cache clean'],
  };
  w.run(commands[choice], p.chance(0.1) ? { flags: '--mount=type=cache,target=/root/.npm' } : {});
}

function otherRun(p: Picker, w: Writer, family: Family): void {
  const pick = p.pick([
    'curl-pipe',
    'wget',
    'cd',
    'mkdir',
    'useradd',
    'chmod',
    'exec',
    'echo',
    'ln',
    'cd-run',
    'heredoc',
    'make',
    'structured',
    'structured',
  ]);
  switch (pick) {
    case 'structured':
      structuredRun(p, w, family);
      return;
    case 'curl-pipe':
      w.run([`curl -fsSL https://example.com/install.sh | ${p.pick(['sh', 'bash', 'sh -s -- --yes'])}`]);
      return;
    case 'wget':
      w.run([
        `wget ${p.chance(0.3) ? '-q ' : ''}https://example.com/tool.tar.gz`,
        'tar -xzf tool.tar.gz -C /opt',
        'rm tool.tar.gz',
      ]);
      return;
    case 'cd':
      w.run(['cd /src', 'make install']);
      return;
    case 'mkdir':
      w.run(['mkdir -p /app/data', 'chown -R 10001:10001 /app']);
      return;
    case 'useradd':
      if (family === 'alpine')
        w.run([p.pick(['addgroup -S app && adduser -S -G app app', 'adduser -D app', 'adduser -D -u 100001 app'])]);
      else
        w.run([
          p.pick([
            'useradd -m app',
            'useradd -u 100001 -m app',
            'groupadd -r app && useradd -r -g app app',
            'useradd --system --no-log-init app',
          ]),
        ]);
      return;
    case 'chmod':
      w.run([`chmod ${p.pick(['-R 777', '755', '+x'])} /app/entrypoint.sh`]);
      return;
    case 'exec':
      w.add(p.pick(['RUN ["/bin/sh", "-c", "echo ready"]', 'RUN ["echo", "ready"]', "RUN ['echo', 'ready']"]));
      return;
    case 'echo':
      w.run([
        p.pick(['echo "$HOME"', 'echo $TARGETARCH', 'echo ${BUILD_VERSION:-dev} > /version', 'printf "%s\\n" ok']),
      ]);
      return;
    case 'ln':
      w.run(['ln -sf /usr/share/zoneinfo/UTC /etc/localtime']);
      return;
    case 'cd-run':
      w.add('WORKDIR /src');
      w.run(['./configure', 'make', 'make install']);
      return;
    case 'heredoc':
      w.add(
        p.pick(['RUN <<EOF', 'RUN <<-EOF', 'RUN bash <<EOF']),
        'set -e',
        'echo one',
        'echo two | tee /tmp/log',
        'EOF',
      );
      return;
    case 'make':
      w.run(['make', 'make test']);
  }
}

/** Installs inside shell structure: if/then, subshells, groups, loops, || fallbacks, pipes, comments at the end of a line. */
function structuredRun(p: Picker, w: Writer, family: Family): void {
  const install =
    family === 'alpine'
      ? 'apk add curl'
      : family === 'debian'
        ? 'apt-get install -y curl'
        : family === 'suse'
          ? 'zypper install curl'
          : 'yum install curl';
  const update = family === 'debian' ? 'apt-get update && ' : '';
  const shapes = [
    `if [ -f /etc/os-release ]; then ${update}${install}; fi`,
    `( cd /src && make && make install )`,
    `{ ${update}${install}; } && echo done`,
    `for f in a b; do echo "$f"; done && ${update}${install}`,
    `${update}${install} || true`,
    `${update}${install} # install curl`,
    `curl -fsSL https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/example.gpg`,
    `pip install "requests==2.32.3" && pip check`,
    `set -o pipefail && wget -O - https://example.com/x | tar -xz`,
    `${install} \\\n    && rm -rf /tmp/*`,
    `useradd -u 100001 -m app && ${update}${install}`,
    `echo "${'${'}APP_HOME:-/app}" && ${install}`,
    `npm install -g npm@10 && npm ci`,
  ];
  const shape = p.pick(shapes);
  const flags = p.chance(0.15)
    ? p.pick(['--network=none', '--mount=type=secret,id=token', '--mount=type=bind,source=.,target=/src'])
    : undefined;
  w.add(...`${p.chance(0.05) ? 'run' : 'RUN'} ${flags ? `${flags} ` : ''}${shape}`.split('\n'));
}

/** Less common but valid shapes that fixes must survive. */
function quirk(p: Picker, w: Writer): void {
  const shapes: string[][] = [
    ['  RUN apt-get install curl', '  USER app'],
    ['RUN apt-get -y install -- curl'],
    ['RUN apt-get install -y "curl" \\', '    git'],
    ['ENV MSG "hello world"'],
    ['ENV A 1 \\', '    B=2'],
    ['LABEL version 1.0 \\', '      vendor=Example'],
    ['WORKDIR "app dir"'],
    ['EXPOSE ${PORT}', 'EXPOSE $PORT/TCP'],
    ['CMD echo "$HOME" && exec app --port 80'],
    ['CMD ["sh", "-c", "echo \\"quoted\\" && app"]'],
    ['ENTRYPOINT ["app"] '],
    ['HEALTHCHECK NONE'],
    ['RUN echo start \\', '    && apt-get install -y curl \\', '    # the end'],
    ['ONBUILD RUN apk add curl'],
    ['ONBUILD ADD . /app'],
    ['RUN pip install --user flask && \\', '    pip install -e .'],
    ['COPY --link --chmod=755 run.sh /usr/local/bin/'],
    ['RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl'],
    ['RUN <<EOF bash', 'set -eu', 'apt-get install -y curl', 'EOF'],
    ['COPY <<EOF /etc/app.conf', 'key=value', 'EOF'],
    ['RUN yum install -y curl; yum clean all'],
    ['RUN cd /tmp && wget https://example.com/a && cd -'],
    [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && cat > /etc/app.conf <<EOF',
      'key=value',
      'EOF',
    ],
    ['RUN yarn install && cat > /x <<EOF', 'a', 'EOF'],
  ];
  w.add(...p.pick(shapes));
}

function metadata(p: Picker, w: Writer): void {
  const pick = p.pick([
    'label',
    'label-legacy',
    'maintainer',
    'env',
    'env-legacy',
    'env-path',
    'arg-used',
    'arg-unused',
    'label-multi',
  ]);
  switch (pick) {
    case 'label':
      w.add(`LABEL org.opencontainers.image.source="https://example.com/repo"`);
      return;
    case 'label-legacy':
      w.add('LABEL description My application');
      return;
    case 'maintainer':
      w.add('MAINTAINER Jane Doe <jane@example.com>');
      return;
    case 'env':
      w.add(p.pick(['ENV APP_HOME=/app', 'ENV LANG=C.UTF-8 LC_ALL=C.UTF-8', 'ENV PYTHONDONTWRITEBYTECODE=1']));
      return;
    case 'env-legacy':
      w.add(p.pick(['ENV NODE_ENV production', 'ENV APP_HOME /app']));
      return;
    case 'env-path':
      w.add(p.pick(['ENV PATH=/app/bin:$PATH', 'ENV PATH=/app/bin:$PAHT']));
      return;
    case 'arg-used':
      w.add('ARG BUILD_VERSION=1.0.0', 'LABEL org.opencontainers.image.version=$BUILD_VERSION');
      return;
    case 'arg-unused':
      w.add(p.pick(['ARG UNUSED_FLAG=1', 'ARG API_TOKEN']));
      return;
    case 'label-multi':
      w.add('LABEL org.opencontainers.image.title="app" \\', '      org.opencontainers.image.vendor="Example"');
  }
}

function copyStep(p: Picker, w: Writer, stages: string[]): void {
  const pick = p.pick([
    'dot',
    'dot-app',
    'chown',
    'add',
    'add-url',
    'add-tar',
    'multi',
    'from',
    'from-typo',
    'from-index',
  ]);
  switch (pick) {
    case 'dot':
      w.add('COPY . .');
      return;
    case 'dot-app':
      w.add('COPY . /app');
      return;
    case 'chown':
      w.add('COPY --chown=app:app . /app/');
      return;
    case 'add':
      w.add('ADD . /app');
      return;
    case 'add-url':
      w.add('ADD https://example.com/tool.tar.gz /tmp/');
      return;
    case 'add-tar':
      w.add('ADD vendor.tar.gz /opt/');
      return;
    case 'multi':
      w.add(p.pick(['COPY config.yaml defaults.yaml /etc/app', 'COPY config.yaml defaults.yaml /etc/app/']));
      return;
    case 'from':
      if (stages.length) w.add(`COPY --from=${p.pick(stages)} /out/ /app/`);
      return;
    case 'from-typo':
      if (stages.length) w.add(`COPY --from=${p.pick(stages)}x /out/ /app/`);
      return;
    case 'from-index':
      if (stages.length)
        w.add(p.pick(['COPY --from=0 /out/ /app/', `COPY --from=${stages[0].toLowerCase()} /out/ /app/`]));
  }
}

function runtime(p: Picker, w: Writer, final: boolean): void {
  if (p.chance(0.5))
    w.add(p.pick(['EXPOSE 8080', 'EXPOSE 8080/TCP', 'EXPOSE 80 443', 'EXPOSE 127.0.0.1:8080:8080', 'EXPOSE 8080/udp']));
  if (p.chance(0.2)) w.add('HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1');
  if (p.chance(0.1)) w.add(p.pick(['VOLUME /data', 'STOPSIGNAL SIGTERM']));
  if (final) {
    if (p.chance(0.75)) w.add(p.pick(['USER app', 'USER 10001', 'USER nobody', 'USER root', 'USER app:app']));
    if (p.chance(0.1)) w.add('CMD ["sh", "-c", "echo starting"]');
    if (p.chance(0.3)) w.add(p.pick(['ENTRYPOINT ["/app/entrypoint.sh"]', 'ENTRYPOINT /app/entrypoint.sh']));
    w.add(
      p.pick([
        'CMD ["node", "server.js"]',
        'CMD node server.js',
        'CMD [node, server.js]',
        "CMD ['python', 'app.py']",
        'CMD ["python", "app.py"]',
        'CMD ["/app/server"]',
      ]),
    );
  }
}

/** A Windows Dockerfile: backtick escape, PowerShell or cmd. */
function windowsDockerfile(p: Picker, w: Writer): string {
  w.add('# escape=`');
  if (p.chance(0.5)) w.add('# syntax=docker/dockerfile:1');
  w.add(`FROM mcr.microsoft.com/windows/servercore:${p.pick(['ltsc2022', 'ltsc2019'])}`);
  if (p.chance(0.6)) w.add(`SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]`);
  w.comment();
  w.add(
    'RUN Invoke-WebRequest -Uri https://example.com/app.zip -OutFile app.zip; `',
    '    Expand-Archive app.zip -DestinationPath C:\\app; `',
    '    Remove-Item app.zip',
  );
  if (p.chance(0.5)) w.add('RUN mkdir C:\\data');
  if (p.chance(0.4)) w.add('WORKDIR C:\\app');
  if (p.chance(0.4)) w.add('ENV APP_HOME C:\\app');
  if (p.chance(0.3)) w.add('ADD app.zip C:/app/');
  if (p.chance(0.3)) w.add('COPY a.txt b.txt C:/app');
  if (p.chance(0.4)) w.add('EXPOSE 80/TCP');
  if (p.chance(0.5)) w.add('USER ContainerUser');
  w.add(
    p.pick([
      'CMD ["C:\\\\app\\\\app.exe"]',
      'CMD C:\\app\\app.exe',
      'ENTRYPOINT ["powershell", "-File", "C:\\\\app\\\\start.ps1"]',
    ]),
  );
  return finish(p, w);
}

/** Keywords in lower case for the whole file (or all but a few). */
function lowerCaseKeywords(p: Picker, text: string): string {
  const keyword =
    /^(\s*)(FROM|RUN|COPY|ADD|ENV|ARG|LABEL|WORKDIR|USER|CMD|ENTRYPOINT|EXPOSE|HEALTHCHECK|SHELL|ONBUILD|VOLUME|STOPSIGNAL|MAINTAINER)\b/;
  let inHeredoc: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      if (inHeredoc) {
        if (line.trim() === inHeredoc) inHeredoc = null;
        return line;
      }
      const heredoc = /<<-?["']?([A-Za-z_]+)/.exec(line);
      if (heredoc) inHeredoc = heredoc[1];
      return p.chance(0.9)
        ? line.replace(keyword, (_, space: string, word: string) => space + word.toLowerCase())
        : line;
    })
    .join('\n');
}

/** One Dockerfile from the building blocks. */
export function generateDockerfile(random: () => number): string {
  const p = new Picker(random);
  const w = new Writer(p);
  if (p.chance(0.04)) return windowsDockerfile(p, w);
  const text = linuxDockerfile(p, w, random);
  return p.chance(0.06) ? lowerCaseKeywords(p, text) : text;
}

function linuxDockerfile(p: Picker, w: Writer, random: () => number): string {
  if (p.chance(0.4)) w.add('# syntax=docker/dockerfile:1');
  if (p.chance(0.05)) w.add('# check=skip=JSONArgsRecommended');
  if (p.chance(0.2)) w.add('# A realistic Dockerfile');

  const multi = p.chance(0.35);
  const stages: string[] = [];
  const base = p.pick(BASES);
  const final: Base = multi && p.chance(0.4) ? { image: p.pick(FINALS), family: 'debian' } : base;
  const globalArg = final === base && base.arg && p.chance(0.45) ? base.arg : undefined;
  if (globalArg) {
    w.comment(0.2);
    w.add(`ARG ${globalArg[0]}=${globalArg[1]}`);
  }
  if (p.chance(0.05)) w.add('ARG UNUSED_GLOBAL=1');

  if (multi) {
    const builder = p.pick(BUILDERS);
    const name = p.pick(['builder', 'build', 'Builder', 'deps', 'BUILD']);
    const as = p.pick(['AS', 'AS', 'as']);
    const platform = p.chance(0.3) ? `--platform=${p.pick(['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64'])} ` : '';
    w.comment(0.3);
    w.add(`FROM ${platform}${builder} ${as} ${name}`);
    stages.push(name);
    w.add(p.pick(['WORKDIR /src', 'WORKDIR src', 'WORKDIR /src']));
    if (builder.startsWith('golang')) {
      w.add('COPY go.mod go.sum ./');
      w.run(['go mod download'], p.chance(0.3) ? { flags: '--mount=type=cache,target=/go/pkg/mod' } : {});
      w.add('COPY . .');
      w.run(['CGO_ENABLED=0 go build -o /out/app ./cmd/app']);
    } else if (builder.startsWith('node')) {
      nodeInstall(p, w);
      w.add('COPY . .');
      w.run(['npm run build']);
    } else {
      w.add('COPY . .');
      w.run([builder.startsWith('maven') ? 'mvn -B package' : 'cargo build --release']);
    }
    if (p.chance(0.2)) w.run(['echo built']);
    w.add('');
  }

  let reference = final.image;
  if (globalArg) {
    reference = globalArg[2];
    // A typo in the ARG name (the base image no longer resolves).
    if (p.chance(0.1)) reference = reference.replace(globalArg[0], globalArg[0].slice(0, -1));
  }
  w.comment(0.3);
  const platform = p.chance(0.08) ? `--platform=${p.pick(['$TARGETPLATFORM', 'linux/arm64'])} ` : '';
  const stageName = multi && p.chance(0.3) ? ` ${p.pick(['AS', 'as'])} ${p.pick(['runtime', 'Final', 'app'])}` : '';
  w.add(`FROM ${platform}${reference}${stageName}`);

  if (final.image === 'scratch' || final.image.startsWith('gcr.io/distroless')) {
    copyStep(p, w, stages);
    w.add(`COPY --from=${stages[0] ?? 'builder'} /out/app /app`);
    runtime(p, w, true);
    return finish(p, w);
  }

  const steps = 2 + Math.floor(random() * 6);
  for (let i = 0; i < steps; i++) {
    w.comment();
    const step = p.pick([
      'system',
      'system',
      'pip',
      'node',
      'other',
      'other',
      'meta',
      'meta',
      'copy',
      'copy',
      'workdir',
      'onbuild',
      'shell',
      'quirk',
    ]);
    switch (step) {
      case 'quirk':
        quirk(p, w);
        break;
      case 'system':
        systemInstall(p, w, final);
        break;
      case 'pip':
        pipInstall(p, w);
        break;
      case 'node':
        nodeInstall(p, w);
        break;
      case 'other':
        otherRun(p, w, final.family);
        break;
      case 'meta':
        metadata(p, w);
        break;
      case 'copy':
        copyStep(p, w, stages);
        break;
      case 'workdir':
        w.add(p.pick(['WORKDIR /app', 'WORKDIR app', 'WORKDIR $APP_HOME', 'WORKDIR /app']));
        break;
      case 'onbuild':
        w.add(p.pick(['ONBUILD COPY . /app/', 'ONBUILD RUN npm ci', 'ONBUILD RUN apt-get install curl']));
        break;
      case 'shell':
        w.add(p.pick(['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["/bin/sh", "-c"]']));
    }
  }
  if (stages.length && p.chance(0.7)) copyStep(p, w, stages);
  runtime(p, w, true);
  return finish(p, w);
}

function finish(p: Picker, w: Writer): string {
  const text = w.lines.join('\n') + (p.chance(0.9) ? '\n' : '');
  return text;
}

/** `count` generated Dockerfiles; about a third of them in CRLF, tab or backtick shape. */
export function generateCorpus(count: number, seed: number): SoundnessInput[] {
  const random = randomSource(seed);
  const inputs: SoundnessInput[] = [];
  for (let i = 0; i < count; i++) {
    let text = generateDockerfile(random);
    const shapes: string[] = [];
    if (random() < 0.12) {
      text = tabIndentContinuations(text);
      shapes.push('tabs');
    }
    if (random() < 0.1) {
      const backtick = backtickEscape(text);
      if (backtick) {
        text = backtick;
        shapes.push('backtick');
      }
    }
    if (random() < 0.15) {
      text = swapLineEndings(text);
      shapes.push('crlf');
    }
    inputs.push({
      name: `generated #${i + 1} (seed ${seed})${shapes.length ? ` [${shapes.join(', ')}]` : ''}`,
      text,
      language: 'dockerfile',
    });
  }
  return inputs;
}
