/**
 * Who the final image runs as, and how to make it run as someone else:
 * the effective USER of a stage, known base-image defaults, and the commands
 * that create a system user on each distribution family.
 */
import { Instruction } from 'dockerfile-ast';
import { effectiveWords, parseShell } from '../shell/shell';
import { commandsOf } from './commands';
import { argumentsForm } from './execForm';
import { imageBaseName } from './image';
import { argumentsText, DockerfileModel, Scope, Stage } from './model';

export interface EffectiveUser {
  /** The last USER instruction of the stage (or of the stage it builds on), if any. */
  instruction: Instruction | null;
  /** The user it names, or null when there is none. */
  user: string | null;
  /** The base image runs as a non-root user by default. */
  baseIsNonRoot: boolean;
}

export function effectiveUser(model: DockerfileModel, stage: Stage): EffectiveUser {
  const seen = new Set<Stage>();
  let current: Stage | null = stage;
  while (current && !seen.has(current)) {
    seen.add(current);
    const users = current.instructions.filter((i) => i.getKeyword() === 'USER');
    const last = users[users.length - 1];
    if (last) return { instruction: last, user: argumentsText(model, last) || null, baseIsNonRoot: false };
    if (!current.fromStage) break;
    current = current.fromStage;
  }
  const base = current?.image;
  const nonRoot = base
    ? NON_ROOT_IMAGES.some((test) =>
        test(base.registry ? `${base.registry}/${base.repository}` : base.repository, base.tag ?? ''),
      )
    : false;
  return { instruction: null, user: null, baseIsNonRoot: nonRoot };
}

/** Images whose default user is not root. */
const NON_ROOT_IMAGES: ((repository: string, tag: string) => boolean)[] = [
  (repo, tag) => repo.startsWith('gcr.io/distroless/') && /(^|-)nonroot$/.test(tag),
  (repo) => repo.startsWith('cgr.dev/chainguard/'),
  (repo) => repo === 'nginxinc/nginx-unprivileged',
  (repo) => repo.startsWith('bitnami/'),
];

/** True for `root`, `0`, `root:…` and `0:…`. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || name === '0';
}

export type DistroFamily = 'debian' | 'alpine' | 'rhel' | 'scratch' | 'distroless' | 'unknown';

/** Guesses the distribution family of a stage from its base image and the package managers it runs. */
export function distroFamily(model: DockerfileModel, stage: Scope): DistroFamily {
  const seen = new Set<Scope>();
  let current: Scope | null = stage;
  while (current && !seen.has(current)) {
    seen.add(current);
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of commandsOf(model, instruction)) {
        if (command.name === 'apk') return 'alpine';
        if (command.name === 'apt-get' || command.name === 'apt' || command.name === 'dpkg') return 'debian';
        if (command.name === 'yum' || command.name === 'dnf' || command.name === 'microdnf') return 'rhel';
      }
    }
    if (!current.fromStage) break;
    current = current.fromStage;
  }
  const image = current?.image;
  if (!image) return 'unknown';
  const name = imageBaseName(image);
  const tag = image.tag ?? '';
  if (name === 'scratch') return 'scratch';
  if (image.repository.startsWith('distroless/')) return 'distroless';
  if (name === 'alpine' || /alpine/.test(tag)) return 'alpine';
  if (['debian', 'ubuntu'].includes(name) || /(bookworm|bullseye|buster|trixie|jammy|noble|focal|slim)/.test(tag))
    return 'debian';
  if (
    ['fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux'].includes(name) ||
    image.repository.startsWith('redhat/ubi')
  )
    return 'rhel';
  // Official language images without a variant in the tag are Debian based.
  if (
    [
      'node',
      'python',
      'ruby',
      'golang',
      'php',
      'openjdk',
      'eclipse-temurin',
      'maven',
      'gradle',
      'rust',
      'perl',
      'elixir',
      'erlang',
      'haskell',
      'nginx',
      'httpd',
      'buildpack-deps',
    ].includes(name)
  ) {
    return 'debian';
  }
  return 'unknown';
}

/** A non-root user that the base image already has, if we know one. */
export function existingNonRootUser(stage: Stage): string | null {
  let current: Stage = stage;
  const seen = new Set<Stage>();
  while (current.fromStage && !seen.has(current)) {
    seen.add(current);
    current = current.fromStage;
  }
  const image = current.image;
  if (!image) return null;
  const name = imageBaseName(image);
  if (name === 'node' && !image.registry) return 'node';
  if (image.repository.startsWith('distroless/')) return 'nonroot';
  if (name === 'scratch') return '65534:65534';
  return null;
}

/** Shell commands that create a system user and group named `name`. */
export function createUserCommands(family: DistroFamily, name: string): string | null {
  switch (family) {
    case 'alpine':
      return `addgroup -S ${name} && adduser -S -G ${name} -H -s /sbin/nologin ${name}`;
    case 'debian':
    case 'rhel':
      return `groupadd --system ${name} && useradd --system --gid ${name} --no-create-home --shell /usr/sbin/nologin ${name}`;
    default:
      return null;
  }
}

/** Options of useradd/adduser that take a value (so the value is not the user name). */
const USER_OPTIONS_WITH_VALUE = new Set([
  '-u',
  '--uid',
  '-g',
  '--gid',
  '-G',
  '--groups',
  '-d',
  '--home',
  '--home-dir',
  '-s',
  '--shell',
  '-c',
  '--comment',
  '-k',
  '--skel',
  '-K',
  '--key',
  '-e',
  '--expiredate',
  '-f',
  '--inactive',
  '-p',
  '--password',
  '-h',
  '--ingroup',
  '--firstuid',
  '--lastuid',
]);

/** Users that RUN instructions of the stage (or the stages it builds on) create with useradd or adduser. */
export function createdUsers(model: DockerfileModel, stage: Stage): string[] {
  const users: string[] = [];
  const seen = new Set<Stage>();
  for (let current: Stage | null = stage; current && !seen.has(current); current = current.fromStage) {
    seen.add(current);
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of commandsOf(model, instruction)) {
        if (command.name !== 'useradd' && command.name !== 'adduser') continue;
        let name: string | null = null;
        for (let i = 1; i < command.words.length; i++) {
          const value = command.words[i].value;
          if (value === null) break;
          if (value.startsWith('-')) {
            if (USER_OPTIONS_WITH_VALUE.has(value)) i++;
            continue;
          }
          // `adduser NAME GROUP` (Debian) adds a user to a group: the first positional word is the user.
          name ??= value;
        }
        if (name && !users.includes(name)) users.push(name);
      }
    }
  }
  return users;
}

/** What a container of the stage's image runs at start, as far as the Dockerfile says. */
export interface StartCommand {
  /** The ENTRYPOINT that applies (the stage's own, or one of the stages it is built FROM). */
  entrypoint: Instruction | null;
  /** The CMD that applies; an ENTRYPOINT set in a later stage drops the CMD of earlier ones, as Docker does. */
  cmd: Instruction | null;
  /** The commands each runs: the exec-form words, or the simple commands of the shell form (literal words only). */
  entrypointCommands: string[][];
  cmdCommands: string[][];
}

/** The ENTRYPOINT and CMD that apply to a stage, following the stages it is built FROM. */
export function startCommand(model: DockerfileModel, stage: Stage): StartCommand {
  let entrypoint: Instruction | null = null;
  let cmd: Instruction | null = null;
  let entrypointFromLater = false;
  for (const current of stageChain(stage)) {
    const own = (keyword: string) => current.instructions.filter((i) => i.getKeyword() === keyword).pop() ?? null;
    if (cmd === null && !entrypointFromLater) cmd = own('CMD');
    entrypoint ??= own('ENTRYPOINT');
    if (entrypoint) entrypointFromLater = true;
  }
  return {
    entrypoint,
    cmd,
    entrypointCommands: entrypoint ? commandsRun(model, entrypoint) : [],
    cmdCommands: cmd ? commandsRun(model, cmd) : [],
  };
}

/** The stage, then the stages it is built FROM, newest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | null = stage; current && !chain.includes(current); current = current.fromStage)
    chain.push(current);
  return chain;
}

/** The commands of a CMD or ENTRYPOINT: one for the exec form (or those of its `sh -c` script), those of the shell form. */
function commandsRun(model: DockerfileModel, instruction: Instruction): string[][] {
  const form = argumentsForm(model, instruction);
  if (form.kind === 'exec') {
    const values = [...form.values];
    const shell = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a|z)?sh$/.test(values[0] ?? '') ? values.indexOf('-c', 1) : -1;
    return shell > 0 && values[shell + 1] !== undefined ? shellCommands(values[shell + 1]) : [values];
  }
  if (form.kind === 'malformed') return form.values ? [form.values] : [];
  return shellCommands(argumentsText(model, instruction));
}

function shellCommands(script: string): string[][] {
  return parseShell(script, 0).commands.map((command) => effectiveWords(command).map((word) => word.value ?? ''));
}

/** Process supervisors and init wrappers that run the rest of their arguments as the command. */
const INIT_WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'exec']);

/** The words of a command without a leading init wrapper (`tini -- gosu app server` → `gosu app server`). */
export function withoutInitWrapper(words: readonly string[]): string[] {
  let rest = [...words];
  while (rest.length > 0 && INIT_WRAPPERS.has(basenameOf(rest[0]))) {
    rest = rest.slice(1);
    while (rest[0]?.startsWith('-')) {
      const option = rest.shift()!;
      if (option === '--') break;
    }
  }
  return rest;
}

/**
 * Whether a command switches to another user before running the rest: gosu, su-exec,
 * s6-setuidgid/setuidgid, runuser, `setpriv --reuid`, `su … -c`, `chroot --userspec`, `chpst -u`.
 */
export function dropsPrivileges(words: readonly string[]): boolean {
  const [head, ...args] = withoutInitWrapper(words);
  if (head === undefined) return false;
  switch (basenameOf(head)) {
    case 'gosu':
    case 'su-exec':
    case 's6-setuidgid':
    case 'setuidgid':
    case 'runuser':
      return true;
    case 'setpriv':
      return args.some((a) => /^--(reuid|ruid|euid)\b/.test(a));
    case 'su':
      return args.some((a) => a === '-c' || a.startsWith('--command') || a === '--session-command');
    case 'chroot':
      return args.some((a) => a.startsWith('--userspec'));
    case 'chpst':
      return args.some((a) => a.startsWith('-u'));
    default:
      return false;
  }
}

/** Tools whose only job is to run a command as another user (what an entrypoint script uses to step down from root). */
const STEP_DOWN_TOOLS = new Set(['gosu', 'su-exec', 's6-setuidgid', 'setuidgid']);

/**
 * Whether the stage (or a stage it is built FROM) puts a step-down tool in the image: installs
 * or downloads gosu or su-exec (`apk add su-exec`, `wget -O /usr/local/bin/gosu …`, `gosu nobody
 * true`), or copies one in (`COPY --from=… /gosu /usr/local/bin/`).
 */
export function installsStepDownTool(model: DockerfileModel, stage: Stage): boolean {
  const isTool = (value: string | null) => value !== null && STEP_DOWN_TOOLS.has(basenameOf(value.split(/[=~<>]/)[0]));
  for (const current of stageChain(stage)) {
    for (const instruction of current.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'RUN') {
        if (commandsOf(model, instruction).some((command) => command.words.some((word) => isTool(word.value))))
          return true;
      } else if (keyword === 'COPY' || keyword === 'ADD') {
        if (instruction.getArguments().some((arg) => isTool(arg.getValue().replace(/\/+$/, '')))) return true;
      }
    }
  }
  return false;
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
