/**
 * Package-manager invocations for rules: which tool runs (`python -m pip` is
 * pip), its subcommand, and its arguments split into options and operands
 * with each manager's options-that-take-a-value, so that `--virtual .deps`
 * or `-r requirements.txt` are never mistaken for packages.
 */
import { RunCommand } from './commands';
import { ShellWord } from '../shell/shell';
import { oncePer } from '../util/memo';

export interface ParsedOption {
  /** The option as written before any `=` (`--virtual`, `-t`); a letter of a cluster is `-x`. */
  name: string;
  /** Its value (inline or the next word), null when it takes none or the value is not literal. */
  value: string | null;
  /** The word holding the option. */
  word: ShellWord;
}

export interface ParsedArguments {
  options: ParsedOption[];
  /** Words that are neither options nor option values, in order; non-literal words are kept (value null). */
  operands: ShellWord[];
}

export interface OptionSyntax {
  /** Options that take a value: long forms (`--target`) and short letters (`-t`). */
  withValue: ReadonlySet<string>;
  /** Go-style flags: a single dash starts a long name (`-ldflags`), never a cluster of letters. */
  singleDashNames?: boolean;
}

/** Splits `words` into options and operands. `--` ends the options. */
export function parseArguments(words: ShellWord[], syntax: OptionSyntax): ParsedArguments {
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  let optionsEnded = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const value = word.value;
    if (optionsEnded || value === null || !value.startsWith('-') || value === '-') {
      operands.push(word);
      continue;
    }
    if (value === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = value.indexOf('=');
    if (value.startsWith('--') || syntax.singleDashNames) {
      const name = eq < 0 ? value : value.slice(0, eq);
      if (eq >= 0) {
        options.push({ name, value: value.slice(eq + 1), word });
      } else if (
        syntax.withValue.has(name) ||
        (syntax.singleDashNames && syntax.withValue.has(name.replace(/^--/, '-')))
      ) {
        const next = words[i + 1];
        options.push({ name, value: next?.value ?? null, word });
        if (next) i++;
      } else {
        options.push({ name, value: null, word });
      }
      continue;
    }
    // A cluster of short options: `-yq`, `-rrequirements.txt`, `-t name`.
    for (let k = 1; k < value.length; k++) {
      const name = `-${value[k]}`;
      if (!syntax.withValue.has(name)) {
        options.push({ name, value: null, word });
        continue;
      }
      const rest = value.slice(k + 1).replace(/^=/, '');
      if (rest !== '') {
        options.push({ name, value: rest, word });
      } else {
        const next = words[i + 1];
        options.push({ name, value: next?.value ?? null, word });
        if (next) i++;
      }
      break;
    }
  }
  return { options, operands };
}

/** True when one of `names` (`-v`, `--version`) was given. */
export function hasParsedOption(args: ParsedArguments, ...names: string[]): boolean {
  return args.options.some((o) => names.includes(o.name));
}

export type PackageManager =
  | 'apt'
  | 'apk'
  | 'pip'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'gem'
  | 'bundler'
  | 'go'
  | 'yum'
  | 'zypper'
  | 'poetry'
  | 'pipenv'
  | 'uv'
  | 'composer'
  | 'cargo'
  | 'dotnet'
  | 'maven';

export interface PackageCommand extends RunCommand {
  manager: PackageManager;
  /** The subcommand word (`install`, `add`); null when the tool ran without one (bare `yarn`). */
  subcommand: ShellWord | null;
  /** Everything after the tool, the subcommand left out; options given before the subcommand included. */
  args: ParsedArguments;
}

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** Options that take a value, per manager (global options and those of the subcommands rules look at). */
const SYNTAX: Record<PackageManager, OptionSyntax> = {
  apt: { withValue: set('-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release') },
  apk: {
    withValue: set(
      '-X',
      '--repository',
      '-p',
      '--root',
      '--arch',
      '-t',
      '--virtual',
      '--repositories-file',
      '--keys-dir',
      '--cache-dir',
      '--cache-max-age',
      '--timeout',
    ),
  },
  pip: {
    withValue: set(
      '-r',
      '--requirement',
      '-c',
      '--constraint',
      '-e',
      '--editable',
      '-t',
      '--target',
      '--platform',
      '--python-version',
      '--implementation',
      '--abi',
      '--root',
      '--prefix',
      '--src',
      '--upgrade-strategy',
      '-C',
      '--config-settings',
      '--global-option',
      '-i',
      '--index-url',
      '--extra-index-url',
      '-f',
      '--find-links',
      '--no-binary',
      '--only-binary',
      '--progress-bar',
      '--report',
      '--group',
      '--proxy',
      '--retries',
      '--timeout',
      '--exists-action',
      '--trusted-host',
      '--cert',
      '--client-cert',
      '--cache-dir',
      '--log',
      '--python',
      '--keyring-provider',
      '--use-feature',
      '--use-deprecated',
    ),
  },
  npm: {
    withValue: set(
      '--omit',
      '--include',
      '--registry',
      '--prefix',
      '-C',
      '--cache',
      '--userconfig',
      '--globalconfig',
      '--tag',
      '--loglevel',
      '-w',
      '--workspace',
      '--install-strategy',
      '--before',
      '--location',
      '--save-prefix',
      '--otp',
      '--scope',
      '--only',
    ),
  },
  pnpm: {
    withValue: set('-C', '--dir', '-F', '--filter', '--store-dir', '--registry', '--reporter', '--loglevel'),
  },
  yarn: {
    withValue: set(
      '--cache-folder',
      '--modules-folder',
      '--cwd',
      '--registry',
      '--network-timeout',
      '--mutex',
      '--global-folder',
      '--link-folder',
      '--mode',
    ),
  },
  gem: {
    withValue: set(
      '-v',
      '--version',
      '-i',
      '--install-dir',
      '-n',
      '--bindir',
      '-s',
      '--source',
      '-p',
      '--http-proxy',
      '-P',
      '--trust-policy',
      '--platform',
      '-g',
      '--file',
      '--build-root',
      '--document',
      '--config-file',
      '--target-rbconfig',
    ),
  },
  bundler: {
    withValue: set('-j', '--jobs', '--retry', '--path', '--with', '--without', '--gemfile', '--binstubs'),
  },
  go: {
    singleDashNames: true,
    withValue: set(
      '-C',
      '-o',
      '-p',
      '-mod',
      '-modfile',
      '-tags',
      '-ldflags',
      '-gcflags',
      '-asmflags',
      '-gccgoflags',
      '-overlay',
      '-pkgdir',
      '-toolexec',
      '-buildmode',
      '-compiler',
      '-pgo',
      '-covermode',
      '-coverpkg',
      '-exec',
      '-installsuffix',
    ),
  },
  yum: {
    withValue: set(
      '-c',
      '--config',
      '-d',
      '--debuglevel',
      '-e',
      '--errorlevel',
      '--installroot',
      '--enablerepo',
      '--disablerepo',
      '--repo',
      '--repoid',
      '-x',
      '--exclude',
      '--releasever',
      '--setopt',
      '--disableplugin',
      '--enableplugin',
      '--forcearch',
      '--color',
      '--destdir',
      '--downloaddir',
      '--comment',
      '--repofrompath',
      '--rpmverbosity',
      '--advisory',
      '--cve',
      '--bz',
      '--sec-severity',
      '--advisories',
      '--bzs',
      '--cves',
      '--secseverity',
      '--use-host-config',
    ),
  },
  zypper: {
    withValue: set(
      '-c',
      '--config',
      '-R',
      '--root',
      '--installroot',
      '-D',
      '--reposd-dir',
      '-C',
      '--cache-dir',
      '--raw-cache-dir',
      '--solv-cache-dir',
      '--pkg-cache-dir',
      '-r',
      '--repo',
      '-t',
      '--type',
      '--from',
      '-p',
      '--plus-repo',
      '--plus-content',
      '--download',
      '--userdata',
    ),
  },
  poetry: { withValue: set('-C', '--directory', '-P', '--project', '--with', '--without', '--only', '-E', '--extras') },
  pipenv: { withValue: set('--python', '--pypi-mirror', '--categories') },
  uv: {
    withValue: set(
      '--directory',
      '--project',
      '-p',
      '--python',
      '--extra',
      '--group',
      '--package',
      '--cache-dir',
      '--config-file',
      '--index',
      '--default-index',
      '--index-url',
      '--extra-index-url',
    ),
  },
  composer: { withValue: set('-d', '--working-dir') },
  cargo: { withValue: set('-C', '--manifest-path', '--config', '-Z', '--color', '--target') },
  dotnet: {
    withValue: set('-s', '--source', '-r', '--runtime', '--packages', '--configfile', '-v', '--verbosity'),
  },
  // Maven's short options are whole names (`-pl`, `-ntp`); `-Dkey=value` defines a property.
  maven: {
    singleDashNames: true,
    withValue: set(
      '-f',
      '--file',
      '-s',
      '--settings',
      '-gs',
      '--global-settings',
      '-t',
      '--toolchains',
      '-P',
      '--activate-profiles',
      '-pl',
      '--projects',
      '-rf',
      '--resume-from',
      '-D',
      '--define',
      '-T',
      '--threads',
      '-l',
      '--log-file',
      '-b',
      '--builder',
    ),
  },
};

/** The options of `manager` that take a value (`-o`, `--virtual`): their value is neither a subcommand nor a package. */
export function optionsWithValue(manager: PackageManager): ReadonlySet<string> {
  return SYNTAX[manager].withValue;
}

const TOOL_NAMES: Record<string, PackageManager> = {
  'apt-get': 'apt',
  apt: 'apt',
  apk: 'apk',
  npm: 'npm',
  yarn: 'yarn',
  pnpm: 'pnpm',
  gem: 'gem',
  bundle: 'bundler',
  go: 'go',
  yum: 'yum',
  dnf: 'yum',
  microdnf: 'yum',
  tdnf: 'yum',
  zypper: 'zypper',
  poetry: 'poetry',
  pipenv: 'pipenv',
  uv: 'uv',
  composer: 'composer',
  cargo: 'cargo',
  dotnet: 'dotnet',
  mvn: 'maven',
  mvnw: 'maven',
};

/**
 * Where a Python interpreter hands over to pip: the index of the first pip
 * argument, or -1. Recognises `pip`, `pip3`, `pip3.12` and `python -m pip`
 * (with interpreter options such as `-u` before `-m`).
 */
export function pipArgumentsStart(rc: RunCommand): number {
  const name = rc.name ?? '';
  if (/^pip[0-9.]*$/.test(name)) return 1;
  if (!/^python[0-9.]*$/.test(name)) return -1;
  for (let i = 1; i < rc.words.length; i++) {
    const value = rc.words[i].value;
    if (value === null || !value.startsWith('-')) return -1;
    if (value === '-m') return /^pip[0-9.]*$/.test(rc.words[i + 1]?.value ?? '') ? i + 2 : -1;
    if (/^-m/.test(value)) return /^-mpip[0-9.]*$/.test(value) ? i + 1 : -1;
    if (value === '-c') return -1;
    if (value === '-X' || value === '-W') i++;
  }
  return -1;
}

/**
 * The package manager a command runs, with its subcommand and parsed arguments; null for other commands.
 * Parsed once per shared run command (see `commandsOf`).
 */
export const packageCommand: (rc: RunCommand) => PackageCommand | null = oncePer((rc) => parsePackageCommand(rc));

function parsePackageCommand(rc: RunCommand): PackageCommand | null {
  let manager: PackageManager | undefined;
  let start = 1;
  const pip = pipArgumentsStart(rc);
  if (pip >= 0) {
    manager = 'pip';
    start = pip;
  } else if (rc.name !== null) {
    manager = TOOL_NAMES[rc.name];
  }
  if (!manager) return null;
  const parsed = parseArguments(rc.words.slice(start), SYNTAX[manager]);
  const [subcommand, ...operands] = parsed.operands;
  if (subcommand && subcommand.value === null) return null;
  return { ...rc, manager, subcommand: subcommand ?? null, args: { options: parsed.options, operands } };
}

/**
 * Every package-manager command of the given commands (`runCommands`, `commandsOf`: one
 * array per model or RUN, so a dozen rules share one list). Shared: do not modify.
 */
export const packageCommands: (commands: readonly RunCommand[]) => readonly PackageCommand[] = oncePer((commands) => {
  const found: PackageCommand[] = [];
  for (const rc of commands) {
    const command = packageCommand(rc);
    if (command) found.push(command);
  }
  return Object.freeze(found);
});

/** True when the command is `manager` running one of `subcommands`. */
export function isSubcommand(
  command: PackageCommand,
  manager: PackageManager,
  subcommands: readonly string[],
): boolean {
  return command.manager === manager && command.subcommand !== null && subcommands.includes(command.subcommand.value!);
}

/** apt-get's options that turn an action into a simulation which changes nothing (`apt-get install -s curl`). */
const APT_SIMULATE = ['-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act'];

/**
 * True for an apt command that only simulates: `-s` and its long spellings, or the
 * configuration item they set (`-o APT::Get::Simulate=true`).
 */
export function isAptSimulation(command: PackageCommand): boolean {
  return (
    command.manager === 'apt' &&
    command.args.options.some(
      (o) =>
        APT_SIMULATE.includes(o.name) ||
        ((o.name === '-o' || o.name === '--option') && /^APT::Get::Simulate=(true|yes|1|on)$/i.test(o.value ?? '')),
    )
  );
}

/** `apt-get install …` or `apt install …` that installs: a simulation (`-s`, `--dry-run`…) installs nothing. */
export function isAptInstall(command: PackageCommand): boolean {
  return isSubcommand(command, 'apt', ['install']) && !isAptSimulation(command);
}

/** npm's `install` and the spellings it accepts for it. */
export const NPM_INSTALL = [
  'install',
  'i',
  'add',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
];

/** Operands that name a local file or directory rather than a registry package. */
export function isLocalPath(value: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|~\/)/.test(value) || value.startsWith('file:');
}

/** Operands that are URLs (`https://…`, `git+ssh://…`). */
export function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/** npm's `ci` (a clean install from the lock file) and the spellings it accepts for it. */
export const NPM_CLEAN_INSTALL = ['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean'];

// Project dependency installs: the commands that install what a project's manifest lists.

/** The files an ecosystem's dependency install reads: what to copy on its own before it. */
export interface DependencyManifests {
  /** As a message names them: `package.json and the lock file`. */
  description: string;
  /** Paths that end in one of these files (the manifest, the lock file). */
  files: RegExp;
}

export type DependencyEcosystem =
  'node' | 'pipRequirements' | 'pythonProject' | 'ruby' | 'go' | 'php' | 'rust' | 'dotnet' | 'maven';

export const DEPENDENCY_MANIFESTS: Record<DependencyEcosystem, DependencyManifests> = {
  node: {
    description: 'package.json and the lock file',
    files: /(^|\/)(package[^/]*\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json)$/,
  },
  pipRequirements: { description: 'the requirements file', files: /(^|\/)[^/]*requirements[^/]*\.(txt|in)$/ },
  pythonProject: {
    description: 'pyproject.toml and the lock file',
    files: /(^|\/)(pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|uv\.lock)$/,
  },
  ruby: { description: 'Gemfile and Gemfile.lock', files: /(^|\/)Gemfile(\.lock)?$/ },
  go: { description: 'go.mod and go.sum', files: /(^|\/)go\.(mod|sum)$/ },
  php: { description: 'composer.json and composer.lock', files: /(^|\/)composer\.(json|lock)$/ },
  rust: { description: 'Cargo.toml and Cargo.lock', files: /(^|\/)Cargo\.(toml|lock)$/ },
  dotnet: { description: 'the project files', files: /\.(csproj|fsproj|vbproj|sln)$/ },
  maven: { description: 'pom.xml', files: /(^|\/)pom\.xml$/ },
};

export interface DependencyInstall {
  command: PackageCommand;
  ecosystem: DependencyEcosystem;
  /**
   * The manifest files the install reads, as it names them (relative to its
   * working directory, or absolute; globs for the optional ones); null when
   * they cannot be known or the install also needs the sources (installing
   * the project itself, running its scripts).
   */
  paths: string[] | null;
}

/**
 * The dependency install a command runs: `npm ci`/`npm install` (not `-g`),
 * bare `yarn`/`yarn install`, `pnpm install`, `pip install -r`, `poetry
 * install`, `pipenv install`, `uv sync`, `bundle install`, `go mod download`,
 * `composer install`, `cargo fetch`, `dotnet restore`, Maven's
 * `dependency:go-offline`/`dependency:resolve`; null for other commands.
 */
export function dependencyInstall(rc: RunCommand): DependencyInstall | null {
  const command = packageCommand(rc);
  if (!command) return null;
  const sub = command.subcommand?.value ?? null;
  const given = (...names: string[]) => hasParsedOption(command.args, ...names);
  const install = (ecosystem: DependencyEcosystem, paths: string[] | null, elsewhere: string[] = []) => ({
    command,
    ecosystem,
    // An install told to work in another folder reads manifests we cannot place.
    paths: given(...elsewhere) ? null : paths,
  });
  switch (command.manager) {
    case 'npm':
      if (given('-g', '--global')) return null;
      return sub !== null && (NPM_CLEAN_INSTALL.includes(sub) || NPM_INSTALL.includes(sub))
        ? install('node', ['package*.json'], ['--prefix', '-C'])
        : null;
    case 'pnpm':
      return sub === 'install' || sub === 'i'
        ? install('node', ['package.json', 'pnpm-lock.yaml'], ['-C', '--dir'])
        : null;
    case 'yarn':
      return sub === 'install' || (sub === null && !given('-v', '--version', '-h', '--help'))
        ? install('node', ['package.json', 'yarn.lock'], ['--cwd'])
        : null;
    case 'pip':
      return sub === 'install' && given('-r', '--requirement')
        ? install('pipRequirements', pipRequirementFiles(command))
        : null;
    case 'poetry':
      return sub === 'install'
        ? install('pythonProject', given('--no-root') ? ['pyproject.toml', 'poetry.lock'] : null)
        : null;
    case 'pipenv':
      return sub === 'install' ? install('pythonProject', ['Pipfile', 'Pipfile.lock']) : null;
    case 'uv':
      return sub === 'sync'
        ? install('pythonProject', given('--no-install-project') ? ['pyproject.toml', 'uv.lock'] : null, [
            '--directory',
            '--project',
          ])
        : null;
    case 'bundler':
      return sub === 'install' ? install('ruby', ['Gemfile', 'Gemfile.lock'], ['--gemfile']) : null;
    case 'go':
      return sub === 'mod' && command.args.operands[0]?.value === 'download'
        ? install('go', ['go.mod', 'go.sum'], ['-C', '-modfile'])
        : null;
    case 'composer':
      // Composer's install scripts usually run the application's own code.
      return sub === 'install'
        ? install('php', given('--no-scripts') ? ['composer.json', 'composer.lock'] : null, ['-d', '--working-dir'])
        : null;
    // `cargo fetch` needs the crate's targets, `dotnet restore` project files we cannot name.
    case 'cargo':
      return sub === 'fetch' ? install('rust', null) : null;
    case 'dotnet':
      return sub === 'restore' ? install('dotnet', null) : null;
    case 'maven':
      // The wrapper (`./mvnw`) needs its own files besides pom.xml.
      return [command.subcommand, ...command.args.operands].some((w) =>
        /^dependency:(go-offline|resolve)/.test(w?.value ?? ''),
      )
        ? install('maven', command.name === 'mvn' ? ['pom.xml'] : null, ['-f', '--file'])
        : null;
    default:
      return null;
  }
}

/** The `-r`/`-c` files of a pip install; null when one is not literal or the project itself is installed (`.`, `-e`). */
function pipRequirementFiles(command: PackageCommand): string[] | null {
  if (hasParsedOption(command.args, '-e', '--editable')) return null;
  if (command.args.operands.some((w) => w.value === null || isLocalPath(w.value))) return null;
  const files: string[] = [];
  for (const option of command.args.options) {
    if (!['-r', '--requirement', '-c', '--constraint'].includes(option.name)) continue;
    if (!option.value) return null;
    files.push(option.value);
  }
  return files.length > 0 ? files : null;
}
