import { TextEdit } from 'vscode-languageserver-types';
import { runCommands } from '../../dockerfile/commands';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule } from '../types';

/** useradd's short options that take a value. */
const SHORT_WITH_VALUE = new Set([...'bcdefgGkKpRPsuZ']);
const LONG_WITH_VALUE = new Set([
  '--base-dir',
  '--btrfs-subvolume-home',
  '--comment',
  '--home-dir',
  '--expiredate',
  '--inactive',
  '--gid',
  '--groups',
  '--key',
  '--password',
  '--root',
  '--prefix',
  '--shell',
  '--uid',
  '--selinux-user',
  '--selinux-range',
]);

/** UIDs above this make `lastlog` and `faillog` (sparse files indexed by UID) huge once stored in a layer. */
const HIGH_UID = 99999;

interface UseraddOptions {
  noLogInit: boolean;
  uid: ShellWord | null;
  uidValue: string | null;
}

function parseUseradd(words: ShellWord[]): UseraddOptions {
  const result: UseraddOptions = { noLogInit: false, uid: null, uidValue: null };
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    if (value === null || !value.startsWith('-') || value === '-') continue;
    if (value === '--') break;
    if (value.startsWith('--')) {
      const [name, inline] = value.split(/=(.*)/s);
      if (name === '--no-log-init') result.noLogInit = true;
      if (LONG_WITH_VALUE.has(name)) {
        const uidWord = inline !== undefined ? words[i] : words[i + 1];
        const uidValue = inline !== undefined ? inline : (words[i + 1]?.value ?? null);
        if (name === '--uid') Object.assign(result, { uid: uidWord ?? null, uidValue });
        if (inline === undefined) i++;
      }
      continue;
    }
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (letter === 'l') result.noLogInit = true;
      if (SHORT_WITH_VALUE.has(letter)) {
        const rest = value.slice(k + 1);
        if (letter === 'u') {
          result.uid = rest ? words[i] : (words[i + 1] ?? null);
          result.uidValue = rest ? rest : (words[i + 1]?.value ?? null);
        }
        if (!rest) i++;
        break;
      }
    }
  }
  return result;
}

export default defineDockerfileRule({
  id: 'useradd-no-log-init',
  title: 'useradd with a high UID needs -l',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3046' }],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    highUid: '"useradd -u {uid}" without -l writes a huge sparse lastlog file into the layer: add -l (--no-log-init).',
  },
  docs: {
    flags: `\`useradd\` with a UID above 99999 (\`-u\`, \`--uid\`, also clustered or written \`--uid=…\`) and without
      \`-l\`/\`--no-log-init\`. A UID that is not literal (\`-u "$UID"\`) is not flagged.`,
    why: `\`useradd\` reserves a record for the new user in \`/var/log/lastlog\` and \`/var/log/faillog\`, at an
      offset proportional to the UID. On disk these are sparse files, but image layers are tar archives that
      store them at full size: a UID in the millions adds hundreds of megabytes or more of zeros to the image.
      \`-l\` (\`--no-log-init\`) skips those records, and nothing in a container reads them.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN useradd --system -u 1000000 app
USER app
`,
        fixed: `FROM debian:12-slim
RUN useradd -l --system -u 1000000 app
USER app
`,
        expect: [{ messageId: 'highUid', line: 2, column: 25, text: '1000000' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN useradd --no-log-init --system -u 1000000 app
USER app
`,
      },
      {
        code: `FROM debian:12-slim
RUN useradd --system -u 10001 app
USER app
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'useradd') continue;
      const options = parseUseradd(rc.words);
      if (options.noLogInit || !options.uid || options.uidValue === null) continue;
      if (!/^\d+$/.test(options.uidValue) || Number(options.uidValue) <= HIGH_UID) continue;
      const name = rc.words[0];
      report({
        messageId: 'highUid',
        data: { uid: options.uidValue },
        range: model.rangeOf(options.uid.start, options.uid.end),
        fixes: () => [
          { title: 'Add -l', safe: true, edits: [TextEdit.insert(model.document.positionAt(name.end), ' -l')] },
        ],
      });
    }
  },
});
