/**
 * What the pin-versions rules share: one finding per install command, not per
 * package. The message names the packages left without a version and the
 * range runs from the first of them to the last.
 */
import { Range } from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';
import { PackageCommand } from '../dockerfile/packages';
import { ShellWord } from '../shell/shell';
import { quotedList, Report } from './types';

/** The command as a message names it: `apt-get install`, `pip3 install`, `npm i` (`python -m pip` is `pip`). */
export function commandLabel(command: PackageCommand): string {
  const tool =
    command.manager === 'pip' && !/^pip/.test(command.name ?? '') ? 'pip' : (command.name ?? command.manager);
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

/**
 * Reports the packages of one install command left without a version, with the
 * messages `unpinned` (one package) and `unpinnedMany`; `names` as the message
 * writes them (the words' values by default).
 */
export function reportUnpinned(
  model: DockerfileModel,
  report: Report,
  command: PackageCommand,
  unpinned: readonly ShellWord[],
  names: readonly string[] = unpinned.map((word) => word.value!),
): void {
  if (unpinned.length === 0) return;
  report({
    messageId: unpinned.length === 1 ? 'unpinned' : 'unpinnedMany',
    data: unpinnedData(commandLabel(command), names),
    range: spanOf(model, unpinned),
  });
}
