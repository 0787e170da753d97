/**
 * Fix proposals that rules of both languages offer: pinning an image tag with
 * the offline list's tags as snippet choices, and adding lines to the build
 * context's `.dockerignore`.
 */
import { isAbsolute, posix } from 'path';
import { pathToFileURL } from 'url';
import { TextEdit } from 'vscode-languageserver-types';
import { knownImage } from '../data/images';
import { ImageReference } from '../dockerfile/image';
import { DockerignoreFile, FixProposal } from './types';

/**
 * For images in the offline list: one action with the known tags as snippet
 * choices (the first one when the editor cannot insert snippets). Images we
 * know nothing about get no fix: the right tag has to come from the registry.
 * `edit` turns the text to write (`prefix` + tag) into the edit.
 */
export function pinTagFixes(image: ImageReference, edit: (text: string) => TextEdit, prefix: string): FixProposal[] {
  const known = knownImage(image);
  if (!known) return [];
  const escaped = known.tags.map((t) => t.replace(/[|,\\$}]/g, '\\$&'));
  return [
    {
      title: `Pin ${known.name} to a version tag (${known.tags.slice(0, 3).join(', ')}, …)`,
      safe: false,
      edits: [edit(prefix + known.tags[0])],
      snippet: `${prefix}\${1|${escaped.join(',')}|}`,
    },
  ];
}

/** Appends lines to an existing `.dockerignore` (keeping its line endings); none when its path is not absolute. */
export function appendToDockerignore(
  file: DockerignoreFile,
  lines: string[],
  title: (name: string) => string,
): FixProposal[] {
  if (!isAbsolute(file.path)) return [];
  const existing = file.text.split('\n');
  const last = existing.length - 1;
  const nl = file.text.includes('\r\n') ? '\r\n' : '\n';
  const text = (file.text === '' || file.text.endsWith('\n') ? '' : nl) + lines.join(nl) + nl;
  return [
    {
      title: title(posix.basename(file.path)),
      safe: false,
      edits: [],
      otherFiles: [
        {
          uri: pathToFileURL(file.path).toString(),
          edits: [TextEdit.insert({ line: last, character: existing[last].length }, text)],
        },
      ],
    },
  ];
}
