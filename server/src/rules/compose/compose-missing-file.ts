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
}

function literalPath(node: YamlNode | null | undefined): string | null {
  const text = scalarText(node);
  // `~` is expanded by Compose for some keys only; a variable's value is unknown.
  return text === null || text === '' || isInterpolated(text) || text.startsWith('~') ? null : text;
}

function fileReferences(model: ComposeModel, folder: string, fileExists: (p: string) => boolean): FileReference[] {
  const refs: FileReference[] = [];
  const push = (what: string, node: YamlNode | null | undefined, base: string, at?: Scalar) => {
    const written = literalPath(node);
    if (written !== null && isScalar(node)) refs.push({ what, written, node, base, at });
  };
  for (const service of model.services) {
    const envFile = service.entries.get('env_file');
    if (envFile) {
      const at = envFile.merged ? service.key : undefined;
      const items = isSeq(envFile.value) ? envFile.value.items.map((i) => model.resolve(i)) : [envFile.value];
      for (const item of items) {
        if (isMap(item)) {
          const entries = model.entriesOf(item);
          if (scalarText(entries.get('required')?.value) === 'false') continue;
          push('env_file', entries.get('path')?.value, folder, at);
        } else push('env_file', item, folder, at);
      }
    }
    const build = buildOf(model, service);
    if (build && build.context !== null && !isRemoteContext(build.context)) {
      const at = build.entry.merged ? service.key : undefined;
      const contextDir = path.resolve(folder, build.context);
      if (build.contextNode) push('build context', build.contextNode, folder, at);
      if (fileExists(contextDir) && !build.inline) {
        if (build.dockerfileNode) push('Dockerfile', build.dockerfileNode, contextDir, at);
        else if (!fileExists(path.join(contextDir, 'Dockerfile')) && !fileExists(path.join(contextDir, 'Containerfile'))) {
          const node = build.contextNode ?? build.entry.key;
          refs.push({ what: 'Dockerfile', written: path.posix.join(build.context, 'Dockerfile'), node, base: folder, at });
        }
      }
    }
    const extended = service.entries.get('extends')?.value;
    if (isMap(extended)) push('extends file', model.entriesOf(extended).get('file')?.value, folder, service.entries.get('extends')!.merged ? service.key : undefined);
  }
  for (const section of ['secrets', 'configs'] as const) {
    for (const definition of model.definitions(section)) {
      if (isMap(definition.value)) push(`${section === 'secrets' ? 'secret' : 'config'} file`, model.entriesOf(definition.value).get('file')?.value, folder);
    }
  }
  return refs;
}

export default defineComposeRule({
  id: 'compose-missing-file',
  title: 'Files and folders the compose file points at should exist',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    missing: 'The {what} "{path}" does not exist (relative to {base}).',
  },
  docs: {
    flags: 'An `env_file`, a `build` context (`build: ./app` or `build.context`), a `build.dockerfile` (relative to the context), a build context without a `Dockerfile` or `Containerfile`, an `extends.file`, or a top-level secret or config `file:` that does not exist on disk. Paths are relative to the compose file\'s folder. Remote contexts (Git repositories, URLs), paths with `${VARIABLES}` or `~`, and `env_file` entries with `required: false` are not checked. Only files on disk are checked (not unsaved, untitled documents).',
    why: 'Compose stops with "env file … not found", "unable to prepare context: path … not found" or "failed to read dockerfile" when it reaches such a path, often only when that one service is built or started. A renamed folder or a file that is not committed (an `.env` in `.gitignore`) breaks the stack for the next person; seeing it while editing saves the round trip.',
    bad: [
      { code: 'services:\n  api:\n    build: ./api\n    env_file: api.env\n', files: { 'api/Dockerfile': '' } },
      { caption: 'A Dockerfile path is relative to the build context', code: 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: ./api/Dockerfile.prod\n', files: { 'api/Dockerfile.prod': '' } },
    ],
    good: [
      { code: 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n    env_file:\n      - api.env\n      - path: api.local.env\n        required: false\n', files: { 'api/Dockerfile.prod': '', 'api.env': '' } },
    ],
  },
  check(model, report, context) {
    const fileExists = context.fileExists;
    const folder = composeFolder(model);
    if (!fileExists || !folder) return;
    for (const ref of fileReferences(model, folder, fileExists)) {
      if (fileExists(path.resolve(ref.base, ref.written))) continue;
      const base = ref.base === folder ? "the compose file's folder" : `the build context ${path.relative(folder, ref.base) || '.'}`;
      report({ messageId: 'missing', data: { what: ref.what, path: ref.written, base }, range: model.rangeOfNode(ref.at ?? ref.node)! });
    }
  },
});
