import { mountsOf, runCommands } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

/** Package-manager caches, as paths relative to a home directory or absolute. */
const HOME_CACHES = ['.cache/pip', '.cache/pypoetry', '.cache/uv', '.cache/go-build', '.cache/yarn', '.npm', '.npm/_cacache', '.m2', '.m2/repository', '.gradle', '.gradle/caches', '.cargo/registry', '.composer/cache', '.cache/composer'];
const ABSOLUTE_CACHES = ['/var/cache/apt', '/var/cache/apt/archives', '/usr/local/share/.cache/yarn', '/usr/local/cargo/registry', '/go/pkg/mod'];

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
  fix: 'none',
  messages: {
    remove: 'This deletes the {dir} cache so it stays out of the image; a cache mount (RUN --mount=type=cache,target={dir}) keeps it out of the image too and reuses it in the next build.',
  },
  docs: {
    flags: '`rm -r` of a package manager\'s cache directory in a `RUN` (pip, Poetry, uv, npm, Yarn, Go build cache and modules, Maven, Gradle, Cargo, Composer, `/var/cache/apt`), unless that `RUN` already mounts a cache or tmpfs there.',
    why: 'Deleting the cache in the same `RUN` keeps it out of the layer, but every build then downloads every package again. A cache mount (`RUN --mount=type=cache,target=/root/.cache/pip pip install …`) is never part of the image either, and BuildKit keeps it between builds, so a change to one dependency no longer re-downloads all of them. Any BuildKit build understands `--mount` (BuildKit is the default builder since Docker Engine 23). The trade-off: the cache lives in the builder, not in the image or the exported build cache, so a CI runner that starts empty gains nothing; and for apt on Debian and Ubuntu images, whose `docker-clean` setting deletes downloaded packages, the mount also needs that setting removed. Where neither applies, deleting the cache is fine, which is why this is only a hint.',
    bad: [
      { code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt && rm -rf /root/.cache/pip\nUSER nobody\n' },
    ],
    good: [
      {
        code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nUSER nobody\n',
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'rm') continue;
      const recursive = rc.words.some((w) => w.value !== null && (/^-[A-Za-z]*[rR]/.test(w.value) || w.value === '--recursive'));
      if (!recursive) continue;
      const mounted = mountsOf(rc.run)
        .filter((m) => m.get('type') === 'cache' || m.get('type') === 'tmpfs')
        .map((m) => (m.get('target') ?? m.get('dst') ?? m.get('destination') ?? '').replace(/^~/, '/root').replace(/\/+$/, ''));
      for (const word of rc.words.slice(1)) {
        if (word.value === null || word.value.startsWith('-')) continue;
        const dir = cacheDirOf(word.value);
        if (!dir) continue;
        if (mounted.some((target) => target !== '' && (dir === target || dir.startsWith(`${target}/`) || target.startsWith(`${dir}/`)))) continue;
        report({ messageId: 'remove', data: { dir }, range: model.rangeOf(word.start, word.end) });
      }
    }
  },
});
