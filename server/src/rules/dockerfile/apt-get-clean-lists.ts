import { TextEdit } from 'vscode-languageserver-types';
import { Instruction } from 'dockerfile-ast';
import { aptInstalls, commandsOf, mountsCacheAt, RunCommand, shippedStages } from '../../dockerfile/commands';
import { eol, pastHeredocBody } from '../../dockerfile/edits';
import { DockerfileModel, Scope } from '../../dockerfile/model';
import { isAptSimulation, isSubcommand, packageCommand } from '../../dockerfile/packages';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule } from '../types';

const LISTS = '/var/lib/apt/lists';

/**
 * The last word of a command when it is only a dangling escape character at the
 * very end of the RUN (`curl \` as the file's last line), with the word before it.
 */
function danglingEscape(
  model: DockerfileModel,
  words: ShellWord[],
  commandEnd: number,
  runEnd: number,
): { start: number; before: ShellWord } | null {
  const word = words[words.length - 1];
  const before = words[words.length - 2];
  if (!word || !before || word.end !== commandEnd) return null;
  const text = model.text.slice(word.start, runEnd);
  if (text[0] !== model.escapeChar || text.slice(1).trim() !== '' || model.text[word.start - 1] === model.escapeChar)
    return null;
  return { start: word.start, before };
}

/** `apt-get update`, the command that fetches the package lists. */
function aptUpdate(rc: RunCommand): ShellWord | null {
  const command = packageCommand(rc);
  return command && isSubcommand(command, 'apt', ['update']) && !isAptSimulation(command) ? command.subcommand : null;
}

/**
 * True when the commands remove the package lists: `rm` of the lists folder or its content, or
 * `apt-get dist-clean` (APT 2.7+, Debian 13), which removes them except the small Release files.
 */
function removesLists(commands: readonly RunCommand[]): boolean {
  return commands.some((c) => {
    if (c.name === 'rm') return c.words.some((w) => w.value !== null && w.value.replace(/\/?\*?$/, '') === LISTS);
    const command = packageCommand(c);
    return command !== null && isSubcommand(command, 'apt', ['dist-clean', 'distclean']) && !isAptSimulation(command);
  });
}

/**
 * For each RUN, the `apt-get update` of an earlier RUN whose lists are still in the image when it starts:
 * the last one before it in its stage, or in the stages it is built FROM. Null when there is none, or when
 * that RUN removed its lists. Worked out in one pass per stage, so every RUN asks in constant time.
 */
class EarlierUpdates {
  private readonly before = new Map<Instruction, ShellWord | null>();
  private readonly atEnd = new Map<Scope, ShellWord | null>();

  constructor(private readonly model: DockerfileModel) {}

  of(stage: Scope, run: Instruction): ShellWord | null {
    this.walk(stage, new Set());
    return this.before.get(run) ?? null;
  }

  /** The update in effect at the end of `stage` (null for none), after recording it before each of its RUNs. */
  private walk(stage: Scope, visiting: Set<Scope>): ShellWord | null {
    const known = this.atEnd.get(stage);
    if (known !== undefined) return known;
    visiting.add(stage);
    let current = stage.fromStage && !visiting.has(stage.fromStage) ? this.walk(stage.fromStage, visiting) : null;
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      this.before.set(instruction, current);
      const commands = commandsOf(this.model, instruction);
      const update = commands.map(aptUpdate).find((word) => word !== null);
      if (update) current = removesLists(commands) ? null : update;
    }
    this.atEnd.set(stage, current);
    return current;
  }
}

export default defineDockerfileRule({
  id: 'apt-get-clean-lists',
  title: 'Remove the apt lists in the RUN that installs packages',
  defaultSeverity: 'info',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3009' }],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    missing:
      'The package lists fetched by "apt-get update" stay in this layer: add "rm -rf /var/lib/apt/lists/*" to the same RUN.',
    earlier:
      'The package lists this install reads were fetched by the "apt-get update" on line {line}, so they are in an earlier layer and removing them here would not shrink the image: run "apt-get update" in this RUN and end it with "rm -rf /var/lib/apt/lists/*".',
    noUpdate:
      'No "apt-get update" runs in this RUN or before it, so the package lists come from the base image or from a script in this RUN: if this RUN fetches them, end it with "rm -rf /var/lib/apt/lists/*" to keep them out of its layer.',
  },
  docs: {
    flags: `A \`RUN\` that runs \`apt-get install\` without removing the package lists in the same \`RUN\` (\`rm -rf
      /var/lib/apt/lists/*\`, or \`apt-get dist-clean\` from APT 2.7 on, as in Debian 13), in a stage that ends up
      in the final image. When the lists were fetched by an \`apt-get update\` in an earlier \`RUN\`, the message
      says that the update belongs in the installing \`RUN\`, and no fix is offered. Builder stages whose files
      are only copied from are not flagged, nor is a \`RUN\` that keeps the lists in a \`--mount=type=cache\`
      directory (\`/var/lib/apt/lists\` or \`/var/lib/apt\`), nor a simulation (\`apt-get install -s\`).`,
    why: `The lists downloaded by \`apt-get update\` take tens of megabytes and are useless at run time. Each
      instruction freezes its files into a layer, so deleting them in a later \`RUN\` hides them but does not
      shrink the image: the cleanup has to happen in the same \`RUN\`. A cache mount is the modern alternative:
      the lists never enter a layer at all.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 31, text: 'install' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
      {
        caption: 'A builder stage that is not shipped',
        code: `FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 && gcc --version > /version
FROM debian:12-slim
COPY --from=build /version /version
USER nobody
`,
      },
      {
        caption: '`apt-get dist-clean` (APT 2.7 and later) removes the lists too',
        code: `FROM debian:13-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.14.1-2 && apt-get dist-clean
USER nobody
`,
      },
      {
        caption: 'Lists kept in a cache mount',
        code: `FROM debian:12-slim
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\
    apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const shipped = shippedStages(model);
    const earlierUpdates = new EarlierUpdates(model);
    for (const stage of shipped) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const commands = commandsOf(model, run);
        const [install] = aptInstalls(model, commands);
        if (!install) continue;
        // A cache mount on the lists folder or on /var/lib/apt (which holds it) keeps the lists out of the layer.
        if (mountsCacheAt(run, /^\/var\/lib\/apt(\/lists)?$/)) continue;
        if (removesLists(commands)) continue;
        const range = model.rangeOf(install.subcommand.start, install.subcommand.end);
        const updates = commands.some((c) => aptUpdate(c) !== null);
        if (!updates) {
          const earlier = earlierUpdates.of(stage, run);
          if (earlier) {
            // Removing the lists here hides them without shrinking the image: no fix.
            report({ messageId: 'earlier', data: { line: model.document.positionAt(earlier.start).line + 1 }, range });
            continue;
          }
        }
        report({
          messageId: updates ? 'missing' : 'noUpdate',
          range,
          fixes: () => {
            const script = install.script;
            if (script.commands.length === 0 || script.hasComments || model.shellScripts(run)!.length !== 1) return [];
            const last = script.commands.reduce((a, b) => (b.end > a.end ? b : a));
            const runRange = run.getRange();
            const runEnd = model.offsetAt(runRange.end);
            let lastArgEnd = last.end;
            let tailEnd = runEnd;
            // `… curl \` at the end of the file: BuildKit drops that escape character (a line continuation with
            // no line after it), while the shell view keeps it as a last word. The addition goes before it.
            const dangling = danglingEscape(model, last.words, last.end, runEnd);
            if (dangling) {
              lastArgEnd = dangling.before.end;
              tailEnd = dangling.start;
            } else if (model.text.slice(0, runEnd).trimEnd().endsWith(model.escapeChar)) {
              // Any other escape character at the very end (`&& \`, `\\`): nothing sound to append to.
              return [];
            }
            if (pastHeredocBody(model, run, lastArgEnd)) return [];
            const multiLine = runRange.end.line > runRange.start.line;
            const position = model.document.positionAt(lastArgEnd);
            const tail = model.text.slice(lastArgEnd, tailEnd).trim();
            if (tail !== '' && tail !== ';') return [];
            const addition = multiLine
              ? ` ${model.escapeChar}${eol(model)}${model.indentOf(position.line)}&& rm -rf ${LISTS}/*`
              : ` && rm -rf ${LISTS}/*`;
            // Later RUNs of the stage that install without updating again would break.
            const laterInstall = stage.instructions.some(
              (other) =>
                other !== run &&
                other.getRange().start.line > runRange.end.line &&
                other.getKeyword() === 'RUN' &&
                aptInstalls(model, commandsOf(model, other)).next().value !== undefined,
            );
            return [
              {
                title: `Remove ${LISTS}/* in the same RUN`,
                safe: !laterInstall,
                edits: [TextEdit.insert(position, addition)],
              },
            ];
          },
        });
      }
    }
  },
});
