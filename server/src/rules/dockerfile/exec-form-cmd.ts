import { TextEdit } from 'vscode-languageserver-types';
import { argumentsForm, toExecForm } from '../../dockerfile/execForm';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { ShellCommand, ShellScript } from '../../shell/shell';
import { defineDockerfileRule, FixProposal } from '../types';

/** Shell builtins that cannot be the program `exec` hands PID 1 to. */
const BUILTINS = new Set([
  'cd',
  'wait',
  'exit',
  'true',
  'false',
  ':',
  'export',
  'set',
  'trap',
  'source',
  '.',
  'eval',
  'read',
  'shift',
  'unset',
  'exec',
]);

/** What makes a shell-form command need the shell, or null when the JSON form can say the same. */
function shellFeature(model: DockerfileModel, script: ShellScript): string | null {
  const commands = script.commands;
  if (commands.length !== 1) return 'several commands';
  const command = commands[0];
  if (command.nested) return 'a compound command';
  if (command.redirects > 0) return 'a redirection';
  if (command.assignments > 0) return 'a variable assignment';
  if (command.words.some((w) => w.value === null)) return 'a variable or command substitution';
  if (command.words.some((w) => hasUnquotedPattern(model.text.slice(w.start, w.end)))) return 'a wildcard';
  return null;
}

/** `*`, `?`, a `[…]` bracket or a leading `~` outside quotes: the shell would expand them. */
function hasUnquotedPattern(raw: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '*' || c === '?' || (c === '~' && i === 0)) return true;
    else if (c === '[' && raw.indexOf(']', i + 1) > i + 1) return true;
  }
  return false;
}

/**
 * The command that `exec` should start when the shell is needed: the script's last command,
 * at the top level, not in a pipe, not in the background, not a fallback after `||`, and a
 * program rather than a builtin. Null when there is no such command (or it already has `exec`).
 */
function lastProgram(script: ShellScript): { command: ShellCommand; hasExec: boolean } | null {
  const command = script.commands[script.commands.length - 1];
  if (!command || command.nested || command.inPipeline || command.background || command.join === '||') return null;
  const name = command.words[0]?.value;
  if (name === 'exec') return { command, hasExec: true };
  if (name == null || name.startsWith('-') || BUILTINS.has(name)) return null;
  return { command, hasExec: false };
}

/**
 * Whether a SHELL instruction replaced the default shell before `line`: earlier in the stage, or anywhere in the
 * stages it builds on. The shell form then runs under that shell, not "/bin/sh -c" (BuildKit's JSONArgsRecommended
 * is silent too once the image has a shell set).
 */
function customShellBefore(model: DockerfileModel, stage: Stage, line: number): boolean {
  if (model.shellInstructions(stage).some((shell) => shell.getRange().start.line < line)) return true;
  const seen = new Set<Stage>([stage]);
  for (let parent = stage.fromStage; parent && !seen.has(parent); parent = parent.fromStage) {
    seen.add(parent);
    if (model.shellInstructions(parent).length > 0) return true;
  }
  return false;
}

export default defineDockerfileRule({
  id: 'exec-form-cmd',
  title: 'Write CMD and ENTRYPOINT in exec (JSON) form',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3025' },
    { tool: 'buildkit', id: 'JSONArgsRecommended' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    shell:
      '{keyword} in shell form runs under "/bin/sh -c", which can stay PID 1 (dash, /bin/sh on Debian and Ubuntu, does), so your process does not receive SIGTERM on "docker stop": use the JSON form.',
    needsShell:
      '{keyword} needs the shell here ({feature}), so the JSON form alone would not run it; but "/bin/sh -c" can stay PID 1 and keep SIGTERM from your process on "docker stop": start the last command with "exec" so that it replaces the shell.',
  },
  docs: {
    flags: `\`CMD\` and \`ENTRYPOINT\` written in shell form (\`CMD node server.js\`) rather than exec form (\`CMD
      ["node", "server.js"]\`). When the command needs the shell (several commands, \`&&\`, \`;\`, redirections,
      \`$VARIABLES\`, wildcards), a JSON array would not run it, so the rule asks for \`exec\` before the last
      command instead (\`CMD cd /app && exec ./server\`); it says nothing when the (last) command already starts
      with \`exec\`, when it is a pipe, a fallback after \`||\`, a builtin or a compound command, when the script
      sets a \`trap\` (then the shell handles the signals itself), or when a \`SHELL\` instruction earlier in the
      stage, or in a stage it builds on, set the shell: the command then runs under that shell, not \`/bin/sh -c\`
      (BuildKit's JSONArgsRecommended is silent then too).`,
    why: `In shell form Docker starts \`/bin/sh -c "<your command>"\`. Some shells replace themselves with the
      last command (bash, BusyBox ash on Alpine), but dash, \`/bin/sh\` on Debian and Ubuntu, stays PID 1 with
      your program as its child, and it does not pass signals on: \`docker stop\` waits for its timeout (10 s by
      default), then kills everything with SIGKILL, with no graceful shutdown. A shell-form \`ENTRYPOINT\` also
      ignores the arguments of \`docker run\` and any \`CMD\`. The exec form runs the program directly. When you
      need the shell, \`exec\` before the last command makes that program replace the shell, so it becomes PID 1
      and receives the signals. The fixes are offered for review: the JSON form changes how \`CMD\` and
      \`ENTRYPOINT\` combine (applied automatically only for a \`CMD\` in a stage without \`ENTRYPOINT\`), and \`exec\`
      means nothing of the script runs after that command.`,
    bad: [
      {
        code: `FROM node:20-alpine
USER node
CMD node server.js
`,
        fixed: `FROM node:20-alpine
USER node
CMD ["node", "server.js"]
`,
        expect: [{ messageId: 'shell', line: 3, column: 5, text: 'node server.js' }],
      },
      {
        code: `FROM alpine:3.20
USER nobody
ENTRYPOINT /usr/local/bin/app --port 8080
`,
        fixed: `FROM alpine:3.20
USER nobody
ENTRYPOINT ["/usr/local/bin/app", "--port", "8080"]
`,
        expect: [{ messageId: 'shell', line: 3, column: 12, text: '/usr/local/bin/app --port 8080' }],
      },
      {
        code: `FROM debian:12-slim
USER nobody
CMD cd /srv/app && ./server --port 8080
`,
        fixed: `FROM debian:12-slim
USER nobody
CMD cd /srv/app && exec ./server --port 8080
`,
        expect: [{ messageId: 'needsShell', line: 3, column: 5, text: 'cd /srv/app && ./server --port 8080' }],
      },
    ],
    good: [
      {
        code: `FROM node:20-alpine
USER node
CMD ["node", "server.js"]
`,
      },
      {
        code: `FROM alpine:3.20
USER nobody
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["--port", "8080"]
`,
      },
      {
        caption: 'The shell is needed, and exec hands PID 1 to the server',
        code: `FROM debian:12-slim
USER nobody
CMD exec java $JAVA_OPTS -jar /srv/app.jar
`,
      },
      {
        caption: 'A SHELL instruction chose the shell that runs it',
        code: `FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
USER ContainerUser
CMD Start-Service W3SVC; Wait-Event
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const hasEntrypoint = stage.instructions.some((i) => i.getKeyword() === 'ENTRYPOINT');
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const range = instruction.getArgumentsRange();
        if (!range || argumentsForm(model, instruction).kind !== 'shell') continue;
        if (customShellBefore(model, stage, instruction.getRange().start.line)) continue;
        const scripts = model.shellScripts(instruction);
        const script = scripts?.length === 1 && !scripts[0].error ? scripts[0] : null;
        const feature = script && shellFeature(model, script);
        const last = script && lastProgram(script);
        // `exec` already hands PID 1 to the program.
        if (last?.hasExec) continue;
        if (script && feature) {
          if (!last || script.commands.some((c) => c.words[0]?.value === 'trap')) continue;
          const fixes = (): FixProposal[] => {
            if (last.command.assignments > 0) return [];
            const name = last.command.words[0];
            return [
              {
                title: `Start "${name.value}" with exec so that it replaces the shell`,
                safe: false,
                edits: [TextEdit.insert(model.rangeOf(name.start, name.start).start, 'exec ')],
              },
            ];
          };
          report({ messageId: 'needsShell', data: { keyword, feature }, range, fixes });
          continue;
        }
        report({
          messageId: 'shell',
          data: { keyword },
          range,
          fixes: () => {
            if (!script || script.commands.length !== 1) return [];
            const command = script.commands[0];
            if (
              command.nested ||
              command.redirects ||
              command.assignments ||
              command.words.some((w) => w.value === null)
            )
              return [];
            const values = command.words.map((w) => w.value!);
            // Converting changes how ENTRYPOINT combines with CMD and how CMD combines with an ENTRYPOINT.
            const safe = keyword === 'CMD' && !hasEntrypoint;
            return [
              { title: `Convert ${keyword} to exec form`, safe, edits: [TextEdit.replace(range, toExecForm(values))] },
            ];
          },
        });
      }
    }
  },
});
