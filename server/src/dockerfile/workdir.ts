/** The working directory an instruction runs in, as far as the Dockerfile tells. */
import { posix } from 'path';
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, Scope } from './model';
import { stageLineage } from './stageRefs';

/**
 * True for a Windows absolute path as written, quotes allowed: a drive letter, a colon and a slash or backslash
 * (`C:\app`, `'C:\'`, `c:/dir`). Tested on the raw text, because the backslashes are escape characters to the
 * parser under the default escape directive.
 */
export function isWindowsAbsolute(raw: string): boolean {
  return /^(["']?)[A-Za-z]:[\\/]/.test(raw);
}

/**
 * The absolute WORKDIR in effect just before `instruction` (inherited through
 * `FROM <stage>`), or null when it is not known: no WORKDIR at all (the base
 * image decides), or one built from a variable.
 */
export function workdirBefore(model: DockerfileModel, stage: Scope, instruction: Instruction): string | null {
  let workdir: string | null = null;
  for (const s of stageLineage(stage).reverse()) {
    for (const i of s.instructions) {
      if (i === instruction) return workdir;
      if (i.getKeyword() !== 'WORKDIR') continue;
      const args = i.getArguments();
      const value = args.length === 1 ? args[0].getValue().replace(/^(["'])(.*)\1$/, '$2') : null;
      if (value === null || value.includes('$') || value.includes(model.escapeChar)) workdir = null;
      else if (value.startsWith('/')) workdir = posix.normalize(value);
      else if (workdir !== null) workdir = posix.resolve(workdir, value);
    }
  }
  return workdir;
}
