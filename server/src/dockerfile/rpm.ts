/**
 * The RPM-family package managers (yum, dnf, microdnf, zypper) as rules see
 * them: which command a RUN runs, its subcommand, options and package specs,
 * whether a spec names a version, and where each tool keeps its cache.
 */
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel } from './model';
import { hasOption, mountsCacheAt, RunCommand, runCommands, subcommandOf } from './commands';
import { optionsWithValue } from './packages';
import { ShellWord } from '../shell/shell';

export type RpmTool = 'yum' | 'dnf' | 'microdnf' | 'zypper';

const RPM_TOOLS = new Set<string>(['yum', 'dnf', 'microdnf', 'zypper']);

export interface RpmCommand extends RunCommand {
  tool: RpmTool;
  /** The first non-option word (`install`, `in`, `clean`, `module`…). */
  subcommand: ShellWord;
  /** Every option word (`-y`, `--setopt=…`), in any position, without option values. */
  options: string[];
  /** The option words written before the subcommand (zypper's global options). */
  globalOptions: string[];
  /** Non-option words after the subcommand, option values left out; null-valued words included. */
  operands: ShellWord[];
}

/** Every yum, dnf, microdnf and zypper command with a literal subcommand. */
export function* rpmCommands(
  model: DockerfileModel,
  commands: Iterable<RunCommand> = runCommands(model),
): Generator<RpmCommand> {
  for (const rc of commands) {
    const command = rpmCommandOf(rc);
    if (command) yield command;
  }
}

export function rpmCommandOf(rc: RunCommand): RpmCommand | null {
  if (rc.name === null || !RPM_TOOLS.has(rc.name)) return null;
  const tool = rc.name as RpmTool;
  // Options that take a separate value, so the value is neither the subcommand nor a package.
  const withValue = optionsWithValue(tool === 'zypper' ? 'zypper' : 'yum');
  const subcommand = subcommandOf(rc.words, withValue);
  if (!subcommand) return null;
  const options: string[] = [];
  const globalOptions: string[] = [];
  const operands: ShellWord[] = [];
  let afterDashes = false;
  for (let i = 1; i < rc.words.length; i++) {
    const word = rc.words[i];
    const value = word.value;
    if (!afterDashes && value === '--') {
      afterDashes = true;
      continue;
    }
    if (!afterDashes && value !== null && value.startsWith('-') && value.length > 1) {
      options.push(value);
      if (word.start < subcommand.start) globalOptions.push(value);
      if (withValue.has(value)) i++;
      continue;
    }
    if (word.start > subcommand.start) operands.push(word);
  }
  return { ...rc, tool, subcommand, options, globalOptions, operands };
}

/** Subcommands that never ask for confirmation when `-y` (or zypper's `-n`) is given, and otherwise do. */
export const CONFIRMING_SUBCOMMANDS: Record<RpmTool, Set<string>> = {
  yum: new Set(['install', 'groupinstall', 'localinstall']),
  dnf: new Set(['install', 'groupinstall', 'localinstall']),
  microdnf: new Set(['install', 'groupinstall', 'localinstall']),
  zypper: new Set(['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch']),
};

/** True when the command answers confirmation prompts by itself. */
export function isNonInteractive(command: RpmCommand): boolean {
  if (command.tool === 'zypper') {
    // `-n` is `--non-interactive` only before the subcommand (after `install` it means `--name`).
    return (
      hasOption(command.globalOptions, 'n', ['--non-interactive']) || hasOption(command.options, 'y', ['--no-confirm'])
    );
  }
  return hasOption(command.options, 'y', ['--assumeyes']);
}

/** Subcommands that download repository metadata and packages into the tool's cache. */
const CACHE_FILLING: Record<RpmTool, Set<string>> = {
  yum: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'distro-sync']),
  dnf: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'distro-sync']),
  microdnf: new Set(['install', 'reinstall', 'update', 'upgrade']),
  zypper: new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si']),
};

/** True for commands that leave downloaded metadata or packages in the cache. */
export function fillsCache(command: RpmCommand): boolean {
  const sub = command.subcommand.value!;
  if (CACHE_FILLING[command.tool].has(sub)) return true;
  // `dnf module install x`, `dnf group install x`.
  if (command.tool !== 'zypper' && (sub === 'module' || sub === 'group' || sub === 'groups')) {
    const action = command.operands[0]?.value;
    return action === 'install' || action === 'update' || action === 'upgrade';
  }
  return false;
}

/** True for `<tool> clean …` (zypper also `cc`, `clean-cache`). */
export function isClean(command: RpmCommand): boolean {
  const sub = command.subcommand.value;
  return sub === 'clean' || (command.tool === 'zypper' && (sub === 'cc' || sub === 'clean-cache'));
}

/** Where each tool keeps its cache. */
export const CACHE_DIRS: Record<RpmTool, string[]> = {
  yum: ['/var/cache/yum', '/var/cache/dnf'],
  dnf: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'],
  microdnf: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
  zypper: ['/var/cache/zypp'],
};

/** True when the RUN mounts a cache or tmpfs on the tool's cache directory (or on /var/cache itself). */
export function cacheIsMounted(run: Instruction, tool: RpmTool): boolean {
  return mountsCacheAt(
    run,
    new RegExp(`^(/var/cache|${CACHE_DIRS[tool].map((d) => d.replace(/\//g, '\\/')).join('|')})$`),
  );
}

/** True when `command` is an `rm` of the tool's cache directory (or its contents). */
export function removesCache(rc: RunCommand, tool: RpmTool): boolean {
  if (rc.name !== 'rm') return false;
  return rc.words.slice(1).some((w) => {
    if (w.value === null) return false;
    const path = w.value.replace(/\/\*?$/, '').replace(/\*$/, '');
    return path === '/var/cache' || CACHE_DIRS[tool].some((dir) => path === dir || path.startsWith(`${dir}/`));
  });
}

/** Package specs of an install command; null when the command installs no individual packages. */
export function installedPackages(command: RpmCommand): { module: boolean; specs: ShellWord[] } | null {
  const sub = command.subcommand.value;
  if (command.tool === 'zypper') {
    if (sub !== 'install' && sub !== 'in') return null;
    // `-t pattern` and friends install things that have no version to pin.
    const typeIndex = command.words.findIndex(
      (w) => w.value === '-t' || w.value === '--type' || w.value?.startsWith('--type='),
    );
    if (typeIndex >= 0) {
      const w = command.words[typeIndex];
      const type = w.value!.startsWith('--type=')
        ? w.value!.slice('--type='.length)
        : command.words[typeIndex + 1]?.value;
      if (type !== 'package') return null;
    }
    return { module: false, specs: command.operands };
  }
  if (sub === 'install') return { module: false, specs: command.operands };
  if (sub === 'module' && command.operands[0]?.value === 'install')
    return { module: true, specs: command.operands.slice(1) };
  return null;
}

/**
 * True when an RPM package spec names a version: `name-version`, `name-version-release`
 * or `name-epoch:version…`, that is, the part after the last `-` is made of version
 * characters and starts with a digit (so `java-17-openjdk` is a name), or an `.rpm` file.
 */
export function rpmSpecHasVersion(spec: string): boolean {
  if (spec.endsWith('.rpm')) return true;
  const dash = spec.lastIndexOf('-');
  if (dash <= 0) return false;
  return /^[0-9][0-9A-Za-z.~^_:+*]*$/.test(spec.slice(dash + 1));
}

/** True when a zypper spec carries a version constraint (`pkg=1.2`, `pkg>=1.2`, `pkg<2`) or is an `.rpm` file. */
export function zypperSpecHasVersion(spec: string): boolean {
  return /[=<>]/.test(spec) || spec.endsWith('.rpm');
}

/** True when a module spec names a stream (`nodejs:18`). */
export function moduleSpecHasStream(spec: string): boolean {
  return spec.includes(':');
}

/**
 * Specs that cannot carry a version and are not checked: groups and environments
 * (`@core`), file and URL operands, zypper's typed names (`pattern:x`).
 */
export function isUnpinnableSpec(spec: string, tool: RpmTool): boolean {
  if (spec.startsWith('@') || spec.includes('/')) return true;
  return tool === 'zypper' && /^(pattern|patch|product|srcpackage|application):/.test(spec);
}
