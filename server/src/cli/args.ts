/**
 * Command lines, read by Node's `util.parseArgs`: long options with `--name value` or `--name=value`,
 * one-letter aliases, repeatable options, `-` as a path (standard input) and `--` before paths that start
 * with a dash. The options come back in the order given, so that the last of two that contradict wins.
 */
import { parseArgs } from 'util';

export type OptionSpec = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>;

export interface GivenOption {
  /** The long name, without dashes (`format` for `-f` too). */
  name: string;
  /** As written (`--format`, `-f`), for messages. */
  flag: string;
  /** The value of an option that takes one; undefined for a switch. */
  value: string | undefined;
}

export interface CommandLine {
  options: GivenOption[];
  positionals: string[];
}

/** A command line that cannot be read; the message names the argument. */
export class CommandLineError extends Error {}

export function readCommandLine(args: string[], spec: OptionSpec): CommandLine {
  const options: GivenOption[] = [];
  const positionals: string[] = [];
  // Not strict: unknown options come back as tokens, so the message can quote them as written.
  const { tokens } = parseArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const known = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    // `-fjson`: a value glued to a letter is easily a mistyped long option (`-format`); not accepted.
    const glued = !token.rawName.startsWith('--') && token.inlineValue === true;
    if (!known || glued) throw new CommandLineError(`unknown option "${args[token.index]}"`);
    if (known.type === 'string' && token.value === undefined)
      throw new CommandLineError(`${token.rawName} needs a value`);
    if (known.type === 'boolean' && token.value !== undefined)
      throw new CommandLineError(`${token.rawName} takes no value`);
    options.push({ name: token.name, flag: token.rawName, value: token.value });
  }
  return { options, positionals };
}
