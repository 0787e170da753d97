import { Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { eol, keywordInDocumentCase } from '../../dockerfile/edits';
import {
  createdUsers,
  createUserCommands,
  distroFamily,
  dropsPrivileges,
  effectiveUser,
  existingNonRootUser,
  installsStepDownTool,
  isRootUser,
  stageChain,
  StartCommand,
  startCommand,
  withoutInitWrapper,
} from '../../dockerfile/users';
import { defineDockerfileRule, FixProposal } from '../types';

const APP_USER = 'app';

export default defineDockerfileRule({
  id: 'non-root-user',
  title: 'The final stage should run as a non-root user',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [
    { tool: 'hadolint', id: 'DL3002' },
    { tool: 'trivy', id: 'DS002' },
  ],
  lesson: 'security',
  fix: 'unsafe',
  messages: {
    root: 'The image runs as root because the last USER of the final stage is "{user}": switch to a non-root user after the steps that need root.',
    missing: 'The final stage has no USER, so the container runs as root: create a non-root user and switch to it.',
  },
  docs: {
    flags: `A final build stage whose last \`USER\` is \`root\` or \`0\`, or that has no \`USER\` at all while its
      base image runs as root. Only the final stage is judged (and the stages it is built \`FROM\`), since earlier
      stages never run as containers. Not flagged: base images known to default to a non-root user (distroless
      \`:nonroot\`, Chainguard, \`nginx-unprivileged\`, Bitnami); images that start as root only to step down: an
      \`ENTRYPOINT\` or \`CMD\` that runs \`gosu\`, \`su-exec\`, \`setpriv --reuid\`, \`runuser\`, \`su … -c\`, \`chroot
      --userspec\`, \`s6-setuidgid\` or \`chpst -u\`, or an entrypoint script in an image the Dockerfile gives \`gosu\`
      or \`su-exec\` (the way the official database images drop to their service user; the script itself cannot be
      read, so the tool is the evidence); and, when no \`USER\` is set, images meant to be built upon: the final
      stage sets no \`CMD\` or \`ENTRYPOINT\`, itself or through the stages it is built \`FROM\` (so it does not
      choose what runs), or runs a bare interpreter or shell (\`python3\`, \`node\`, \`php -a\`, \`bash\`), as the
      official language images do. Nor are servers that hand requests to unprivileged workers themselves:
      PHP-FPM, Apache httpd and nginx start as root only to bind their ports and read their configuration, and
      by default run their workers as \`www-data\` or \`nginx\`. When no \`USER\` is set, the finding is a warning for
      an image that declares a port (\`EXPOSE\`), whose process listens where an attacker can reach it, and
      information for other images (command-line tools, workers). An explicit \`USER root\` at the end is flagged
      in base images too, and so are \`ONBUILD\` images that start an application (\`CMD ["npm", "start"]\`): the
      Dockerfiles built on them are often a bare \`FROM\`, so their user is the one the base sets.`,
    why: `Processes in a container run as root unless told otherwise, and that root is the same user ID 0 as
      on the host. If an attacker escapes the container through a kernel or runtime bug, or reaches a mounted
      host path, they act as root on the host. A non-root user limits the damage and is required by many
      Kubernetes security policies. The image that runs the service is the one to fix: a base image that only
      provides a language or a toolchain leaves the choice of user to the Dockerfiles built on it, and an
      entrypoint that drops to a service user after preparing its data directory already runs the service
      unprivileged.`,
    bad: [
      {
        caption: 'No USER on a Debian-based image',
        code: `FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
`,
        fixed: `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app
USER app
CMD ["python", "app.py"]
`,
        expect: [{ messageId: 'missing', line: 1, column: 6, text: 'python:3.12-slim' }],
      },
      {
        caption: 'The image already has a user',
        code: `FROM node:20-alpine
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
`,
        fixed: `FROM node:20-alpine
WORKDIR /app
COPY . .
USER node
CMD ["node", "server.js"]
`,
        expect: [{ messageId: 'missing', line: 1, column: 6, text: 'node:20-alpine' }],
      },
      {
        caption: 'An entrypoint script, but nothing in the image to step down with',
        code: `FROM node:20-slim
WORKDIR /app
COPY . .
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "server.js"]
`,
        fixed: `FROM node:20-slim
WORKDIR /app
COPY . .
COPY docker-entrypoint.sh /usr/local/bin/
USER node
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "server.js"]
`,
        expect: [{ messageId: 'missing', line: 1, column: 6, text: 'node:20-slim' }],
      },
      {
        caption: 'Switching back to root at the end',
        code: `FROM alpine:3.20
USER nobody
RUN id
USER root
CMD ["id"]
`,
        fixed: `FROM alpine:3.20
USER nobody
RUN id
USER nobody
CMD ["id"]
`,
        expect: [{ messageId: 'root', line: 4, column: 6, text: 'root' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
RUN addgroup -S app && adduser -S -G app app
USER app
CMD ["id"]
`,
      },
      {
        caption: 'Root in a build stage only',
        code: `FROM golang:1.22 AS build
USER root
RUN go version > /v
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /v /v
`,
      },
      {
        caption: 'Stepping down to a service user in the command',
        code: `FROM alpine:3.20
RUN apk add --no-cache su-exec~0.2 && adduser -S -H app
COPY server /usr/local/bin/
CMD ["su-exec", "app", "server"]
`,
      },
      {
        caption: 'An entrypoint script that steps down with su-exec after preparing the data folder',
        code: `FROM alpine:3.20
RUN apk add --no-cache su-exec~0.2 && adduser -S -H store
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["store-server"]
`,
      },
      {
        caption: 'A base image: its command is a bare interpreter, the images built on it pick the user',
        code: `FROM alpine:3.20
RUN apk add --no-cache python3~3.12
CMD ["python3"]
`,
      },
    ],
  },
  check(model, report) {
    const stage = model.finalStage;
    if (!stage) return;
    const effective = effectiveUser(model, stage);
    const start = startCommand(model, stage);
    if (effective.instruction && effective.user !== null) {
      if (!isRootUser(effective.user) || stepsDownAtStart(model, stage, start)) return;
      const args = effective.instruction.getArgumentsRange() ?? effective.instruction.getRange();
      report({
        messageId: 'root',
        data: { user: effective.user },
        range: args,
        fixes: () => replaceRootFixes(model, stage, effective.instruction!),
      });
      return;
    }
    if (effective.baseIsNonRoot || stepsDownAtStart(model, stage, start) || meantToBeBuiltUpon(start)) return;
    const from = stage.from;
    // A process that listens (EXPOSE) is what an attacker reaches from outside; a tool run on demand is less exposed.
    const listens = stageChain(stage).some((s) => s.instructions.some((i) => i.getKeyword() === 'EXPOSE'));
    report({
      messageId: 'missing',
      range: from.getImageRange() ?? from.getInstructionRange(),
      milder: !listens,
      fixes: () => addUserFixes(model, stage),
    });
  },
});

/**
 * The container starts as root but switches user before the real work: the ENTRYPOINT or CMD
 * runs gosu, su-exec, setpriv… itself, or runs an entrypoint script (which we cannot read) in an
 * image that the Dockerfile gives a step-down tool, as the official database images do.
 */
function stepsDownAtStart(model: DockerfileModel, stage: Stage, start: StartCommand): boolean {
  const commands = [...start.entrypointCommands, ...(start.entrypoint ? [] : start.cmdCommands)];
  if (commands.some(dropsPrivileges) || servesThroughUnprivilegedWorkers(start)) return true;
  const first = withoutInitWrapper(commands[0] ?? [])[0];
  return first !== undefined && isEntrypointScript(first) && installsStepDownTool(model, stage);
}

/**
 * Servers whose master process starts as root only to bind ports and read their configuration,
 * and hands every request to workers of an unprivileged user (`www-data`, `nginx`) by default:
 * PHP-FPM, Apache httpd and nginx, as the official images run them.
 */
const UNPRIVILEGED_WORKER_SERVERS =
  /^(?:php-fpm[\d.]*|apache2-foreground|httpd-foreground|apache2ctl|apachectl|apache2|httpd|nginx)$/;

/** Whether the program the container runs is such a server (run directly, or by an entrypoint script as its CMD). */
function servesThroughUnprivilegedWorkers(start: StartCommand): boolean {
  const script =
    start.entrypointCommands.length === 1 &&
    start.entrypointCommands[0].length === 1 &&
    isEntrypointScript(start.entrypointCommands[0][0]);
  const commands = start.entrypoint && !script ? start.entrypointCommands : start.cmdCommands;
  const program = withoutInitWrapper(commands[commands.length - 1] ?? [])[0];
  return program !== undefined && UNPRIVILEGED_WORKER_SERVERS.test(program.slice(program.lastIndexOf('/') + 1));
}

/** `docker-entrypoint.sh`, `/entrypoint`, `start.sh`: a script rather than the program itself. */
function isEntrypointScript(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /entrypoint/i.test(name) || /\.(sh|bash)$/.test(name);
}

/**
 * Images that other Dockerfiles build on rather than containers of a service: the final stage
 * has no CMD or ENTRYPOINT (nor inherits one from an earlier stage), so it does not choose what
 * runs, or its command is a bare interpreter or shell (`python3`, `node`, `php -a`, `bash`), as in
 * the official language images. Whoever adds the application on top decides the user. ONBUILD
 * images are not excused: their children are often a bare `FROM`, so the base's USER and CMD are
 * the application's.
 */
function meantToBeBuiltUpon(start: StartCommand): boolean {
  if (!start.entrypoint && !start.cmd) return true;
  let words: string[];
  if (
    start.entrypoint &&
    start.cmd &&
    start.entrypointCommands.length === 1 &&
    start.entrypointCommands[0].length === 1 &&
    isEntrypointScript(start.entrypointCommands[0][0])
  ) {
    // `ENTRYPOINT ["docker-entrypoint.sh"]` + `CMD ["node"]`: the script runs the CMD.
    words = start.cmdCommands.length === 1 ? start.cmdCommands[0] : [];
  } else if (start.entrypoint) {
    words =
      start.entrypointCommands.length === 1
        ? [...start.entrypointCommands[0], ...(start.cmdCommands.length === 1 ? start.cmdCommands[0] : [])]
        : [];
  } else {
    words = start.cmdCommands.length === 1 ? start.cmdCommands[0] : [];
  }
  const [head, ...args] = withoutInitWrapper(words);
  if (head === undefined) return false;
  const name = head.slice(head.lastIndexOf('/') + 1);
  return INTERACTIVE.test(name) && args.every((a) => INTERACTIVE_OPTIONS.has(a));
}

/** Interpreters and shells that, run without a script, wait for someone to type. */
const INTERACTIVE =
  /^(python[0-9.]*|pypy3?|node|nodejs|bun|php|irb|jshell|ghci|iex|erl|julia|R|lua[0-9.]*|bash|sh|ash|dash|zsh|fish|pwsh)$/;
const INTERACTIVE_OPTIONS = new Set(['-a', '-i', '-l', '--login', '--interactive']);

/** Offer the users that earlier USER lines named, or one the base image has. */
function replaceRootFixes(model: DockerfileModel, stage: Stage, user: Instruction): FixProposal[] {
  const candidates = new Set<string>(createdUsers(model, stage));
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() !== 'USER' || instruction === user) continue;
    const name = instruction
      .getArguments()
      .map((a) => a.getValue())
      .join(' ');
    if (name && !name.split(':')[0].match(/^(root|0)$/)) candidates.add(name);
  }
  const existing = existingNonRootUser(stage);
  if (existing) candidates.add(existing);
  const range = user.getArgumentsRange();
  if (!range) return [];
  return [...candidates].map((name) => ({
    title: `Run as "${name}" instead of root`,
    safe: false,
    edits: [TextEdit.replace(range, name)],
  }));
}

function addUserFixes(model: DockerfileModel, stage: Stage): FixProposal[] {
  const anchor = insertionPoint(stage);
  const nl = eol(model);
  const indent = anchor.before ? model.indentOf(anchor.before.getRange().start.line) : '';
  const insertAt = anchor.before ? { line: anchor.before.getRange().start.line, character: 0 } : stageEnd(stage);
  const lead = anchor.before ? '' : nl;
  const tail = anchor.before ? nl : '';
  const USER = keywordInDocumentCase(model, 'USER');
  const fixes: FixProposal[] = [];
  for (const created of createdUsers(model, stage)) {
    fixes.push({
      title: `Run as "${created}", the user this Dockerfile creates`,
      safe: false,
      edits: [TextEdit.insert(insertAt, `${lead}${indent}${USER} ${created}${tail}`)],
    });
  }
  const existing = existingNonRootUser(stage);
  if (existing) {
    fixes.push({
      title: `Run as the image's "${existing}" user`,
      safe: false,
      edits: [TextEdit.insert(insertAt, `${lead}${indent}${USER} ${existing}${tail}`)],
    });
  }
  const family = distroFamily(model, stage);
  const families = family === 'unknown' ? (['debian', 'alpine'] as const) : [family];
  for (const f of families) {
    const create = createUserCommands(f, APP_USER);
    if (!create) continue;
    const label = family === 'unknown' ? ` (${f === 'alpine' ? 'Alpine/BusyBox' : 'Debian/Ubuntu/RHEL'})` : '';
    const previous = anchor.previousRun;
    const edits: TextEdit[] = [];
    if (previous && mergeableRun(model, previous)) {
      // Extend the RUN right before instead of adding a layer next to it.
      const end = previous.getRange().end;
      edits.push(
        TextEdit.insert(
          end,
          ` && ${model.escapeChar}${nl}${model.indentOf(end.line).length ? model.indentOf(end.line) : '    '}${create}`,
        ),
      );
      edits.push(TextEdit.insert(insertAt, `${lead}${indent}${USER} ${APP_USER}${tail}`));
    } else {
      edits.push(
        TextEdit.insert(
          insertAt,
          `${lead}${indent}${keywordInDocumentCase(model, 'RUN')} ${create}${nl}${indent}${USER} ${APP_USER}${tail}`,
        ),
      );
    }
    fixes.push({ title: `Create a non-root user "${APP_USER}" and switch to it${label}`, safe: false, edits });
  }
  return fixes;
}

/** Before the first CMD/ENTRYPOINT that follows every RUN, COPY and ADD of the stage. */
function insertionPoint(stage: Stage): { before: Instruction | null; previousRun: Instruction | null } {
  const list = stage.instructions;
  let lastBuildStep = -1;
  list.forEach((instruction, i) => {
    if (['RUN', 'COPY', 'ADD', 'WORKDIR', 'ONBUILD'].includes(instruction.getKeyword())) lastBuildStep = i;
  });
  for (let i = lastBuildStep + 1; i < list.length; i++) {
    const keyword = list[i].getKeyword();
    if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK') {
      const previous = list[i - 1];
      return { before: list[i], previousRun: previous && previous.getKeyword() === 'RUN' ? previous : null };
    }
  }
  const last = list[list.length - 1];
  return { before: null, previousRun: last && last.getKeyword() === 'RUN' ? last : null };
}

function stageEnd(stage: Stage): { line: number; character: number } {
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return last.getRange().end;
}

function mergeableRun(model: DockerfileModel, run: Instruction): boolean {
  const scripts = model.shellScripts(run);
  if (!scripts || scripts.length !== 1 || scripts[0].hasComments || scripts[0].error) return false;
  const text = model.text.slice(model.offsetAt(run.getRange().start), model.offsetAt(run.getRange().end));
  return !/<</.test(text) && !/[;&]\s*$/.test(text);
}
