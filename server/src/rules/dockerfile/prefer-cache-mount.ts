import { TextEdit } from 'vscode-languageserver-types';
import { commandsOf, mountsOf, RunCommand, runCommands } from '../../dockerfile/commands';
import { DockerfileModel } from '../../dockerfile/model';
import { packageCommands } from '../../dockerfile/packages';
import { removeChainedCommand } from '../../dockerfile/shellEdits';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule, FixProposal } from '../types';

/** Package-manager caches, as paths relative to a home directory or absolute. */
const HOME_CACHES = [
  '.cache/pip',
  '.cache/pypoetry',
  '.cache/uv',
  '.cache/go-build',
  '.cache/yarn',
  '.npm',
  '.npm/_cacache',
  '.m2',
  '.m2/repository',
  '.gradle',
  '.gradle/caches',
  '.cargo/registry',
  '.composer/cache',
  '.cache/composer',
];
const ABSOLUTE_CACHES = [
  '/var/cache/apt',
  '/var/cache/apt/archives',
  '/usr/local/share/.cache/yarn',
  '/usr/local/cargo/registry',
  '/go/pkg/mod',
];

/** The cache directory a removed path names, or null. `~` and `/root` are the same home for RUN (root). */
export function cacheDirOf(path: string): string | null {
  const dir = path.replace(/\/\*[^/]*$/, '').replace(/\/+$/, '');
  const home = /^(?:~|\/root|\/home\/[^/]+)\/(.+)$/.exec(dir);
  if (home && HOME_CACHES.includes(home[1])) return dir.replace(/^~/, '/root');
  return ABSOLUTE_CACHES.includes(dir) ? dir : null;
}

export default defineDockerfileRule({
  id: 'prefer-cache-mount',
  title: 'Keep package caches in a cache mount instead of deleting them',
  defaultSeverity: 'hint',
  category: 'performance',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'unsafe',
  messages: {
    remove:
      'This deletes the {dir} cache so it stays out of the image; a cache mount (RUN --mount=type=cache,target={dir}) keeps it out of the image too and reuses it in the next build.',
  },
  docs: {
    flags: `\`rm -r\` of a package manager's cache directory in a \`RUN\` (pip, Poetry, uv, npm, Yarn, Go build
      cache and modules, Maven, Gradle, Cargo, Composer, \`/var/cache/apt\`), unless that \`RUN\` already mounts a
      cache or tmpfs there.`,
    why: `Deleting the cache in the same \`RUN\` keeps it out of the layer, but every build then downloads
      every package again. A cache mount (\`RUN --mount=type=cache,target=/root/.cache/pip pip install …\`) is
      never part of the image either, and BuildKit keeps it between builds, so a change to one dependency no
      longer re-downloads all of them. Any BuildKit build understands \`--mount\` (BuildKit is the default builder
      since Docker Engine 23). The trade-off: the cache lives in the builder, not in the image or the exported
      build cache, so a CI runner that starts empty gains nothing; and for apt on Debian and Ubuntu images,
      whose \`docker-clean\` setting deletes downloaded packages, the mount also needs that setting removed. Where
      neither applies, deleting the cache is fine, which is why this is only a hint. The quick fix adds the
      cache mount, removes the path from the \`rm\` (the whole \`rm\` when nothing else is removed) and, for pip,
      the \`--no-cache-dir\` that would leave the mount unused. It is not applied automatically, for the
      trade-offs above.`,
    bad: [
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt && rm -rf /root/.cache/pip
USER nobody
`,
        fixed: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
USER nobody
`,
        expect: [{ messageId: 'remove', line: 4, column: 62, text: '/root/.cache/pip' }],
      },
    ],
    good: [
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'rm') continue;
      const recursive = rc.words.some(
        (w) => w.value !== null && (/^-[A-Za-z]*[rR]/.test(w.value) || w.value === '--recursive'),
      );
      if (!recursive) continue;
      const mounted = mountsOf(rc.run)
        .filter((m) => m.get('type') === 'cache' || m.get('type') === 'tmpfs')
        .map((m) =>
          (m.get('target') ?? m.get('dst') ?? m.get('destination') ?? '').replace(/^~/, '/root').replace(/\/+$/, ''),
        );
      for (const word of rc.words.slice(1)) {
        if (word.value === null || word.value.startsWith('-')) continue;
        const dir = cacheDirOf(word.value);
        if (!dir) continue;
        if (
          mounted.some(
            (target) =>
              target !== '' && (dir === target || dir.startsWith(`${target}/`) || target.startsWith(`${dir}/`)),
          )
        )
          continue;
        report({
          messageId: 'remove',
          data: { dir },
          range: model.rangeOf(word.start, word.end),
          fixes: () => cacheMountFixes(model, rc, word, dir),
        });
      }
    }
  },
});

/**
 * `RUN … && rm -rf <cache>` → `RUN --mount=type=cache,target=<cache> …`.
 * Refused when the `rm` cannot be taken out of its `&&` chain cleanly or when
 * the cache belongs to a non-root user's home (the mount would be root's).
 */
function cacheMountFixes(model: DockerfileModel, rc: RunCommand, word: ShellWord, dir: string): FixProposal[] {
  const args = rc.run.getArguments();
  if (dir.startsWith('/home/') || args.length === 0) return [];
  const operands = rc.words.slice(1).filter((w) => w.value === null || !w.value.startsWith('-'));
  let removal: TextEdit | null;
  if (operands.length > 1) {
    const index = rc.command.words.indexOf(word);
    removal = index > 0 ? TextEdit.del(model.rangeOf(rc.command.words[index - 1].end, word.end)) : null;
  } else {
    removal = removeChainedCommand(model, rc.script, rc.command);
  }
  if (!removal) return [];
  const sharing = dir.startsWith('/var/cache/apt') ? ',sharing=locked' : '';
  const edits = [TextEdit.insert(args[0].getRange().start, `--mount=type=cache,target=${dir}${sharing} `), removal];
  if (dir.endsWith('/.cache/pip')) edits.push(...noCacheDirRemovals(model, rc));
  return [{ title: `Use a cache mount at ${dir} instead of deleting it`, safe: false, edits }];
}

/** Deletes pip's `--no-cache-dir` in the RUN: with a cache mount it would leave the mount unused. */
function noCacheDirRemovals(model: DockerfileModel, rc: RunCommand): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const pip of packageCommands(commandsOf(model, rc.run))) {
    if (pip.manager !== 'pip') continue;
    for (const option of pip.args.options) {
      if (option.name !== '--no-cache-dir' || option.word.value !== '--no-cache-dir') continue;
      const index = pip.command.words.indexOf(option.word);
      if (index > 0) edits.push(TextEdit.del(model.rangeOf(pip.command.words[index - 1].end, option.word.end)));
    }
  }
  return edits;
}
