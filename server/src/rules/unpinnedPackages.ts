/**
 * What the pin-versions rules share: one finding per install command, not per
 * package. The message names the packages left without a version and the
 * range runs from the first of them to the last.
 */
import { Range } from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';
import { PackageCommand } from '../dockerfile/packages';
import { ShellWord } from '../shell/shell';

/** How many names a message spells out before it says "and N more". */
const NAMED = 3;

/** `"curl"`, `"curl" and "git"`, `"curl", "git", "jq" and 2 more` (four names are all spelled out). */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  if (quoted.length <= NAMED + 1) {
    return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  }
  return `${quoted.slice(0, NAMED).join(', ')} and ${quoted.length - NAMED} more`;
}

/** The command as a message names it: `apt-get install`, `pip3 install`, `npm i` (`python -m pip` is `pip`). */
export function commandLabel(command: PackageCommand): string {
  const tool = command.manager === 'pip' && !/^pip/.test(command.name ?? '') ? 'pip' : command.name ?? command.manager;
  return command.subcommand?.value ? `${tool} ${command.subcommand.value}` : tool;
}

/** From the start of the first word to the end of the last one (`words` in document order). */
export function spanOf(model: DockerfileModel, words: readonly ShellWord[]): Range {
  return model.rangeOf(words[0].start, words[words.length - 1].end);
}

/** The message data every pin rule gives: the command, the first package, all of them quoted, and how many. */
export function unpinnedData(command: string, names: readonly string[]): Record<string, string | number> {
  return { command, package: names[0], packages: quotedList(names), count: names.length };
}
