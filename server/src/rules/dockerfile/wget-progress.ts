import { TextEdit } from 'vscode-languageserver-types';
import { runCommands, RunCommand } from '../../dockerfile/commands';
import { DockerfileModel, Scope } from '../../dockerfile/model';
import { distroFamily } from '../../dockerfile/users';
import { defineDockerfileRule } from '../types';

/** GNU wget's short options that take a value (the rest of a cluster, or the next word). */
const SHORT_WITH_VALUE = new Set([...'aABDeiIlOoPQRtTUwX']);
const LONG_WITH_VALUE = new Set([
  '--output-file',
  '--append-output',
  '--output-document',
  '--directory-prefix',
  '--user-agent',
  '--header',
  '--tries',
  '--timeout',
  '--wait',
  '--level',
  '--accept',
  '--reject',
  '--domains',
  '--input-file',
  '--base',
  '--execute',
  '--quota',
  '--include-directories',
  '--exclude-directories',
  '--user',
  '--password',
  '--post-data',
  '--post-file',
  '--ca-certificate',
  '--certificate',
  '--private-key',
]);

/** True when wget keeps its log short: an explicit --progress, quiet or non-verbose mode, or a log file. */
function hasQuietOutput(words: RunCommand['words']): boolean {
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    if (value === null || !value.startsWith('-') || value === '-') continue;
    if (value === '--') break;
    if (value.startsWith('--')) {
      const name = value.split('=')[0];
      if (['--progress', '--quiet', '--no-verbose', '--output-file', '--append-output'].includes(name)) return true;
      if (LONG_WITH_VALUE.has(name) && !value.includes('=')) i++;
      continue;
    }
    if (value === '-nv') return true;
    if (/^-n[a-zA-Z]$/.test(value)) continue;
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (letter === 'q' || letter === 'o' || letter === 'a') return true;
      if (SHORT_WITH_VALUE.has(letter)) {
        if (k === value.length - 1) i++;
        break;
      }
    }
  }
  return false;
}

/** Alpine's wget is BusyBox's, which has no --progress option and prints no dot log; GNU wget is `apk add wget`. */
function usesBusyboxWget(model: DockerfileModel, stage: Scope, cache: Map<Scope, boolean>): boolean {
  let answer = cache.get(stage);
  if (answer === undefined) {
    const chain = new Set<Scope>();
    for (let s: Scope | null = stage; s && !chain.has(s); s = s.fromStage) chain.add(s);
    const gnuInstalled = [...runCommands(model)].some(
      (rc) =>
        chain.has(rc.stage) &&
        rc.name === 'apk' &&
        rc.words.some((w) => w.value !== null && /^wget([=~<>]|$)/.test(w.value)),
    );
    answer = distroFamily(model, stage) === 'alpine' && !gnuInstalled;
    cache.set(stage, answer);
  }
  return answer;
}

export default defineDockerfileRule({
  id: 'wget-progress',
  title: 'wget should not log a progress dot line per kilobyte',
  defaultSeverity: 'info',
  category: 'maintainability',
  equivalents: [{ tool: 'hadolint', id: 'DL3047' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    noProgress: '"wget" without --progress fills the build log with progress dots: add --progress=dot:giga (or -nv).',
  },
  docs: {
    flags: `GNU \`wget\` without \`--progress\`, \`-q\`/\`--quiet\`, \`-nv\`/\`--no-verbose\` or a log file (\`-o\`, \`-a\`).
      Alpine stages are not flagged unless they install GNU wget, because BusyBox wget has no \`--progress\`
      option and logs little.`,
    why: `A build has no terminal, so GNU wget falls back from its progress bar to the "dot" display: one
      dot per kilobyte and a line per 50 KB, which turns a large download into thousands of log lines that hide
      everything else and slow down CI log viewers. \`--progress=dot:giga\` prints a dot per megabyte instead, and
      \`-nv\` prints just one line per file.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN wget https://example.com/tool.tar.gz
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN wget --progress=dot:giga https://example.com/tool.tar.gz
USER nobody
`,
        expect: [{ messageId: 'noProgress', line: 2, column: 5, text: 'wget' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN wget --progress=dot:giga https://example.com/tool.tar.gz
USER nobody
`,
      },
      {
        code: `FROM debian:12-slim
RUN wget -nv https://example.com/tool.tar.gz
USER nobody
`,
      },
      {
        caption: 'BusyBox wget on Alpine',
        code: `FROM alpine:3.20
RUN wget https://example.com/tool.tar.gz
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const busybox = new Map<Scope, boolean>();
    for (const rc of runCommands(model)) {
      if (rc.name !== 'wget' || hasQuietOutput(rc.words)) continue;
      if (usesBusyboxWget(model, rc.stage, busybox)) continue;
      const name = rc.words[0];
      report({
        messageId: 'noProgress',
        range: model.rangeOf(name.start, name.end),
        fixes: () => [
          {
            title: 'Add --progress=dot:giga',
            safe: true,
            edits: [TextEdit.insert(model.document.positionAt(name.end), ' --progress=dot:giga')],
          },
        ],
      });
    }
  },
});
