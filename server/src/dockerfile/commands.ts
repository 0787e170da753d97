/**
 * Shared views over RUN instructions for rules: each shell command with its
 * effective words, and package-manager invocations.
 */
import { Instruction, Run } from 'dockerfile-ast';
import { DockerfileModel, Scope } from './model';
import { commandName, effectiveWords, ShellCommand, ShellScript, ShellWord } from '../shell/shell';
import { isAptInstall, packageCommand, PackageCommand } from './packages';

export interface RunCommand {
  run: Instruction;
  /** The stage, fragment or ONBUILD triggers the RUN belongs to. */
  stage: Scope;
  script: ShellScript;
  command: ShellCommand;
  /** Words after wrappers such as `sudo` are stripped; the command name first. */
  words: ShellWord[];
  /** The command name without its directory, or null when it is not literal. */
  name: string | null;
}

/**
 * Rules walk the same RUN commands dozens of times per lint: these views are
 * built once per model (a model is one document version) and shared, read-only.
 */
interface RunViews {
  runs: readonly { run: Instruction; stage: Scope }[];
  stageOf: Map<Instruction, Scope>;
  commands: Map<Instruction, readonly RunCommand[]>;
  all?: readonly RunCommand[];
}
const runViews = new WeakMap<DockerfileModel, RunViews>();

function viewsOf(model: DockerfileModel): RunViews {
  let views = runViews.get(model);
  if (!views) {
    const runs: { run: Instruction; stage: Scope }[] = [];
    for (const stage of model.scopes) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() === 'RUN') runs.push({ run: instruction, stage });
      }
    }
    views = {
      runs: Object.freeze(runs),
      stageOf: new Map(runs.map(({ run, stage }) => [run, stage])),
      commands: new Map(),
    };
    runViews.set(model, views);
  }
  return views;
}

/**
 * Every RUN instruction of every scope (stages, a fragment without FROM, ONBUILD triggers), stage by stage
 * (a stage's ONBUILD triggers after it). Shared: do not modify.
 */
export function runInstructions(model: DockerfileModel): readonly { run: Instruction; stage: Scope }[] {
  return viewsOf(model).runs;
}

/** Every simple command of every RUN that runs under a POSIX shell. Shared: do not modify. */
export function runCommands(model: DockerfileModel): readonly RunCommand[] {
  const views = viewsOf(model);
  views.all ??= Object.freeze(views.runs.flatMap(({ run }) => commandsOf(model, run)));
  return views.all;
}

/** The simple commands of one RUN of a stage (empty when it does not run under a POSIX shell). Shared: do not modify. */
export function commandsOf(model: DockerfileModel, run: Instruction): readonly RunCommand[] {
  const views = viewsOf(model);
  let commands = views.commands.get(run);
  if (!commands) {
    const stage = views.stageOf.get(run);
    const list: RunCommand[] = [];
    for (const script of (stage && model.shellScripts(run)) || []) {
      for (const command of script.commands) {
        const words = effectiveWords(command);
        list.push({ run, stage: stage!, script, command, words, name: commandName(words) });
      }
    }
    commands = Object.freeze(list);
    views.commands.set(run, commands);
  }
  return commands;
}

/** An `apt-get install` (or `apt install`) command, with its options as the package-command parser read them. */
export interface AptInstall extends PackageCommand {
  /** The `install` word. */
  subcommand: ShellWord;
}

/** `apt-get install …` (and `apt install …`) commands that install: simulations (`-s`, `--dry-run`…) are left out. */
export function* aptInstalls(
  model: DockerfileModel,
  commands: Iterable<RunCommand> = runCommands(model),
): Generator<AptInstall> {
  for (const rc of commands) {
    const command = packageCommand(rc);
    if (command && isAptInstall(command)) yield { ...command, subcommand: command.subcommand! };
  }
}

/** The values given to apt's `-o`/`--option` (`APT::Install-Recommends=false`), in any spelling. */
export function aptConfigItems(command: PackageCommand): string[] {
  return command.args.options
    .filter((o) => (o.name === '-o' || o.name === '--option') && o.value !== null)
    .map((o) => o.value!);
}

/** The first non-option word after the command name. */
export function subcommandOf(words: ShellWord[], optionsWithValue: ReadonlySet<string>): ShellWord | null {
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    if (value === null) return null;
    if (value.startsWith('-')) {
      if (optionsWithValue.has(value)) i++;
      continue;
    }
    return words[i];
  }
  return null;
}

/** True for short-option clusters containing `letter` (`-yq`) or the long form. */
export function hasOption(options: string[], letter: string, long: string[]): boolean {
  return options.some((o) => long.includes(o.split('=')[0]) || (/^-[A-Za-z]+$/.test(o) && o.slice(1).includes(letter)));
}

/** The value of `--mount` options of a RUN, split into key/value maps. */
export function mountsOf(run: Instruction): Map<string, string>[] {
  if (!(run instanceof Run)) return [];
  return run
    .getFlags()
    .filter((f) => f.getName() === 'mount' && f.getValue() !== null)
    .map((f) => {
      const options = new Map<string, string>();
      for (const part of f.getValue()!.split(',')) {
        const eq = part.indexOf('=');
        options.set(eq < 0 ? part : part.slice(0, eq), eq < 0 ? 'true' : part.slice(eq + 1));
      }
      return options;
    });
}

/** True when the RUN mounts a cache (or tmpfs) whose target matches `target`: such files never reach the image. */
export function mountsCacheAt(run: Instruction, target: RegExp): boolean {
  return mountsOf(run).some((m) => {
    const type = m.get('type');
    const path = m.get('target') ?? m.get('dst') ?? m.get('destination') ?? '';
    return (type === 'cache' || type === 'tmpfs') && target.test(path.replace(/\/$/, ''));
  });
}

/**
 * The scopes whose content ends up in an image someone uses: the final stage and the stages it is built
 * FROM; a fragment without FROM (it is part of an image we cannot see); and ONBUILD triggers, which run in
 * the images built on their stage (an ONBUILD in a stage that is neither final nor a base here is meant for
 * images built from it with `--target`).
 */
export function shippedStages(model: DockerfileModel): Set<Scope> {
  const shipped = new Set<Scope>();
  let stage = model.finalStage ?? null;
  while (stage && !shipped.has(stage)) {
    shipped.add(stage);
    stage = stage.fromStage;
  }
  for (const scope of model.scopes) if (scope.kind !== 'stage') shipped.add(scope);
  return shipped;
}
