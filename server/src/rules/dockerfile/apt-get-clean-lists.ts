import { TextEdit } from 'vscode-languageserver-types';
import { aptInstalls, commandsOf, mountsCacheAt, shippedStages } from '../../dockerfile/commands';
import { eol, pastHeredocBody } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule } from '../types';

const LISTS = '/var/lib/apt/lists';

/**
 * The last word of a command when it is only a dangling escape character at the
 * very end of the RUN (`curl \` as the file's last line), with the word before it.
 */
function danglingEscape(model: DockerfileModel, words: ShellWord[], commandEnd: number, runEnd: number): { start: number; before: ShellWord } | null {
  const word = words[words.length - 1];
  const before = words[words.length - 2];
  if (!word || !before || word.end !== commandEnd) return null;
  const text = model.text.slice(word.start, runEnd);
  if (text[0] !== model.escapeChar || text.slice(1).trim() !== '' || model.text[word.start - 1] === model.escapeChar) return null;
  return { start: word.start, before };
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
    missing: 'The package lists fetched by "apt-get update" stay in this layer: add "rm -rf /var/lib/apt/lists/*" to the same RUN.',
  },
  docs: {
    flags: 'A `RUN` that runs `apt-get install` without removing `/var/lib/apt/lists/*` in the same `RUN`, in a stage that ends up in the final image. Builder stages whose files are only copied from are not flagged, nor is a `RUN` that keeps the lists in a `--mount=type=cache` directory.',
    why: 'The lists downloaded by `apt-get update` take tens of megabytes and are useless at run time. Each instruction freezes its files into a layer, so deleting them in a later `RUN` hides them but does not shrink the image: the cleanup has to happen in the same `RUN`. A cache mount is the modern alternative: the lists never enter a layer at all.',
    bad: [
      {
        code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER nobody\n',
        fixed: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      },
    ],
    good: [
      { code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n' },
      {
        caption: 'A builder stage that is not shipped',
        code: 'FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 && gcc --version > /version\nFROM debian:12-slim\nCOPY --from=build /version /version\nUSER nobody\n',
      },
      {
        caption: 'Lists kept in a cache mount',
        code: 'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\\n    apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12\nUSER nobody\n',
      },
    ],
  },
  check(model, report) {
    const shipped = shippedStages(model);
    for (const stage of shipped) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const commands = commandsOf(model, run);
        const [install] = aptInstalls(model, commands);
        if (!install) continue;
        if (mountsCacheAt(run, /^\/var\/lib\/apt\/lists$/)) continue;
        const cleaned = commands.some((c) => c.name === 'rm' && c.words.some((w) => w.value !== null && w.value.replace(/\/?\*?$/, '') === LISTS));
        if (cleaned) continue;
        report({
          messageId: 'missing',
          range: model.rangeOf(install.subcommand.start, install.subcommand.end),
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
            const laterInstall = stage.instructions.some((other) => other !== run && other.getRange().start.line > runRange.end.line && other.getKeyword() === 'RUN' &&
              aptInstalls(model, commandsOf(model, other)).next().value !== undefined);
            return [{ title: `Remove ${LISTS}/* in the same RUN`, safe: !laterInstall, edits: [TextEdit.insert(position, addition)] }];
          },
        });
      }
    }
  },
});
