import * as path from 'path';
import { isMap, isScalar, isSeq, Scalar, Node as YamlNode } from 'yaml';
import { ComposeModel, isInterpolated, scalarText } from '../../compose/model';
import { buildOf, composeFolder, isRemoteContext } from '../../compose/references';
import { defineComposeRule } from '../types';

interface FileReference {
  /** What the path is, for the message (`env_file`, `build context`…). */
  what: string;
  written: string;
  node: Scalar;
  /** Folder the path is relative to. */
  base: string;
  /** Report at the service key instead (the reference comes from a merged mapping). */
  at?: Scalar;
  /** What must be there: a regular file, a folder, or anything (a secret may be either). */
  expect: 'file' | 'folder' | 'any';
  /** Docker Coach reads it (a Dockerfile), so the size limit applies. */
  read?: boolean;
}

function literalPath(node: YamlNode | null | undefined): string | null {
  const text = scalarText(node);
  // `~` is expanded by Compose for some keys only; a variable's value is unknown.
  return text === null || text === '' || isInterpolated(text) || text.startsWith('~') ? null : text;
}

function fileReferences(
  model: ComposeModel,
  folder: string,
  fileExists: (p: string) => boolean,
  isFolder: (p: string) => boolean,
): FileReference[] {
  const refs: FileReference[] = [];
  const push = (
    what: string,
    expect: FileReference['expect'],
    node: YamlNode | null | undefined,
    base: string,
    at?: Scalar,
  ) => {
    const written = literalPath(node);
    if (written !== null && isScalar(node))
      refs.push({ what, written, node, base, at, expect, read: what === 'Dockerfile' });
  };
  const include = model.resolve(model.topLevelPair('include')?.value);
  if (isSeq(include)) {
    for (const item of include.items.map((i) => model.resolve(i))) {
      // `- other.yaml` or `- path: other.yaml` (or a list of paths merged into one model).
      const paths = isMap(item) ? model.resolve(model.entriesOf(item).get('path')?.value) : item;
      for (const p of isSeq(paths) ? paths.items.map((i) => model.resolve(i)) : [paths])
        push('included compose file', 'file', p, folder);
    }
  }
  for (const service of model.services) {
    const envFile = service.entries.get('env_file');
    if (envFile) {
      const at = envFile.merged ? service.key : undefined;
      const items = isSeq(envFile.value) ? envFile.value.items.map((i) => model.resolve(i)) : [envFile.value];
      for (const item of items) {
        if (isMap(item)) {
          const entries = model.entriesOf(item);
          if (scalarText(entries.get('required')?.value) === 'false') continue;
          push('env_file', 'file', entries.get('path')?.value, folder, at);
        } else push('env_file', 'file', item, folder, at);
      }
    }
    const build = buildOf(model, service);
    if (build && build.context !== null && !isRemoteContext(build.context)) {
      const at = build.entry.merged ? service.key : undefined;
      const contextDir = path.resolve(folder, build.context);
      if (build.contextNode) push('build context', 'folder', build.contextNode, folder, at);
      if (isFolder(contextDir) && !build.inline) {
        if (build.dockerfileNode) push('Dockerfile', 'file', build.dockerfileNode, contextDir, at);
        else {
          // The default Dockerfile: the first of these that exists, reported at the context.
          const name =
            ['Dockerfile', 'Containerfile'].find((n) => fileExists(path.join(contextDir, n))) ?? 'Dockerfile';
          const node = build.contextNode ?? build.entry.key;
          refs.push({
            what: 'Dockerfile',
            written: path.posix.join(build.context, name),
            node,
            base: folder,
            at,
            expect: 'file',
            read: true,
          });
        }
      }
    }
    const extended = service.entries.get('extends')?.value;
    if (isMap(extended))
      push(
        'extends file',
        'file',
        model.entriesOf(extended).get('file')?.value,
        folder,
        service.entries.get('extends')!.merged ? service.key : undefined,
      );
  }
  for (const section of ['secrets', 'configs'] as const) {
    for (const definition of model.definitions(section)) {
      if (isMap(definition.value))
        push(
          `${section === 'secrets' ? 'secret' : 'config'} file`,
          'any',
          model.entriesOf(definition.value).get('file')?.value,
          folder,
        );
    }
  }
  return refs;
}

export default defineComposeRule({
  id: 'compose-missing-file',
  title: 'Files and folders the compose file points at should exist and be usable',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    missing: 'The {what} "{path}" does not exist (relative to {base}).',
    special: 'The {what} "{path}" is {kind}, not a regular file.',
    folder: 'The {what} "{path}" is a folder, not a file.',
    notFolder: 'The {what} "{path}" is not a folder.',
    tooLarge:
      'The {what} "{path}" is larger than {limit} KiB (the maxFileSize setting), so Docker Coach does not read it.',
  },
  docs: {
    flags: `An \`env_file\`, a \`build\` context (\`build: ./app\` or \`build.context\`), a \`build.dockerfile\`
      (relative to the context), a build context without a \`Dockerfile\` or \`Containerfile\`, an \`extends.file\`,
      an \`include\` path, or a top-level secret or config \`file:\` that does not exist on disk. Also a file path
      that names a folder, a FIFO, a device or a socket (through links too), a build context that is not a
      folder, and a Dockerfile larger than the \`maxFileSize\` setting (one level milder: Docker Coach does not
      read it, so its problems go unseen). Paths are relative to the compose file's folder. Remote contexts (Git
      repositories, URLs), paths with \`\${VARIABLES}\` or \`~\`, and \`env_file\` entries with \`required: false\` are
      not checked. Only files on disk are checked (not unsaved, untitled documents).`,
    why: `Compose stops with "env file … not found", "unable to prepare context: path … not found" or
      "failed to read dockerfile" when it reaches such a path, often only when that one service is built or
      started. A renamed folder or a file that is not committed (an \`.env\` in \`.gitignore\`) breaks the stack for
      the next person; seeing it while editing saves the round trip. A Dockerfile or env file that is a FIFO or
      a device (a link to \`/dev/zero\`, say) makes a build wait or read forever; Docker Coach does not open such
      files and says so.`,
    bad: [
      {
        code: `services:
  api:
    build: ./api
    env_file: api.env
`,
        files: { 'api/Dockerfile': '' },
        expect: [{ messageId: 'missing', line: 4, column: 15, text: 'api.env' }],
      },
      {
        caption: 'A Dockerfile path is relative to the build context',
        code: `services:
  api:
    build:
      context: ./api
      dockerfile: ./api/Dockerfile.prod
`,
        files: { 'api/Dockerfile.prod': '' },
        expect: [{ messageId: 'missing', line: 5, column: 19, text: './api/Dockerfile.prod' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    build:
      context: ./api
      dockerfile: Dockerfile.prod
    env_file:
      - api.env
      - path: api.local.env
        required: false
`,
        files: { 'api/Dockerfile.prod': 'FROM alpine:3.20\nUSER nobody\n', 'api.env': '' },
      },
    ],
  },
  check(model, report, context) {
    const fileExists = context.fileExists;
    const folder = composeFolder(model);
    if (!fileExists || !folder) return;
    // Without kinds, whatever exists is taken for what it should be.
    const isFolder = (p: string) => (context.fileKind ? context.fileKind(p).kind === 'directory' : fileExists(p));
    for (const ref of fileReferences(model, folder, fileExists, isFolder)) {
      const target = path.resolve(ref.base, ref.written);
      const range = model.rangeOfNode(ref.at ?? ref.node)!;
      const data = { what: ref.what, path: ref.written };
      if (!fileExists(target)) {
        const base =
          ref.base === folder
            ? "the compose file's folder"
            : `the build context ${path.relative(folder, ref.base) || '.'}`;
        report({ messageId: 'missing', data: { ...data, base }, range });
        continue;
      }
      const found = ref.expect === 'any' ? undefined : context.fileKind?.(target);
      if (!found || found.kind === 'missing') continue;
      if (ref.expect === 'folder') {
        if (found.kind !== 'directory') report({ messageId: 'notFolder', data, range });
      } else if (found.kind === 'directory') report({ messageId: 'folder', data, range });
      else if (found.kind === 'special') report({ messageId: 'special', data: { ...data, kind: found.what }, range });
      else if (ref.read && found.size > context.settings.maxFileSize) {
        report({
          messageId: 'tooLarge',
          data: { ...data, limit: Math.floor(context.settings.maxFileSize / 1024) },
          range,
          milder: true,
        });
      }
    }
  },
});
