/**
 * The building blocks of exercise goals. A goal passes when the rule engine
 * reports nothing against it AND the file shows the structure the goal asks
 * for: without the second half, deleting the offending lines would pass.
 */
import { Env, Instruction } from 'dockerfile-ast';
import { isMap, isSeq } from 'yaml';
import { isWildcardAddress, portMappings } from '../compose/entries';
import { ComposeModel, ComposeService, scalarText } from '../compose/model';
import { mountsOf as composeMountsOf } from '../compose/references';
import { checkDirective } from '../dockerfile/directives';
import { commandsOf, mountsOf, RunCommand, shippedStages } from '../dockerfile/commands';
import { CopyInstruction, copyInstructions, copiesWholeContext } from '../dockerfile/copies';
import { argumentsForm } from '../dockerfile/execForm';
import { DockerfileModel, Stage } from '../dockerfile/model';
import {
  hasParsedOption,
  isAptInstall as installsAptPackages,
  isSubcommand,
  NPM_CLEAN_INSTALL,
  NPM_INSTALL,
  packageCommand,
} from '../dockerfile/packages';
import { effectiveUser, isRootUser } from '../dockerfile/users';
import { LintResult } from '../engine/lint';
import { DEFAULT_SETTINGS } from '../protocol';
import { inPreset } from '../rules/types';

/** What a goal's check looks at: one lint of the exercise text and its model. */
export interface ExerciseFacts {
  result: LintResult;
  text: string;
  /** Set for Dockerfile exercises (null if the text did not parse into one). */
  dockerfile: DockerfileModel | null;
  /** Set for compose exercises. */
  compose: ComposeModel | null;
}

/** A goal's verdict; `line` (zero-based) points at what to change when it fails. */
export interface Outcome {
  passed: boolean;
  line?: number;
}

export const PASS: Outcome = { passed: true };

export function fail(line?: number): Outcome {
  return line === undefined ? { passed: false } : { passed: false, line };
}

/** Passes when every outcome passes; otherwise the first failure. */
export function allOf(...outcomes: Outcome[]): Outcome {
  return outcomes.find((o) => !o.passed) ?? PASS;
}

export function holds(condition: boolean, line?: number): Outcome {
  return condition ? PASS : fail(line);
}

/** No finding of these rules (and, when given, of these hadolint codes only). */
export function noFinding(facts: ExerciseFacts, ruleIds: string[], hadolintCode?: string): Outcome {
  const finding = facts.result.findings.find(
    (f) => ruleIds.includes(f.rule.id) && (hadolintCode === undefined || f.hadolintCode === hadolintCode),
  );
  return finding ? fail(finding.range.start.line) : PASS;
}

/**
 * The file is sound as a whole: no error-level finding, no notice (YAML
 * syntax, a rule that crashed), and no BuildKit check switched off with
 * `# check=skip=…` (exercises are checked with inline ignore comments off).
 */
export function noErrors(facts: ExerciseFacts): Outcome {
  const notice = facts.result.notices[0];
  if (notice) return fail(notice.range.start.line);
  // What the editor shows with the default settings: rules outside the default preset do not count.
  const error = facts.result.findings.find((f) => f.severity === 'error' && inPreset(f.rule, DEFAULT_SETTINGS.preset));
  if (error) return fail(error.range.start.line);
  if (facts.dockerfile) {
    const directive = checkDirective(facts.text);
    if (directive && (directive.skip === 'all' || directive.skip.size > 0)) return fail(directive.line);
  }
  if (facts.text.trim() === '') return fail(0);
  return PASS;
}

// Dockerfile facts

const line = (instruction: Instruction) => instruction.getRange().start.line;

export function keywordIs(instruction: Instruction, ...keywords: string[]): boolean {
  return keywords.includes(instruction.getKeyword());
}

/** The shell commands of a RUN (empty for exec form or unparsable scripts). */
export function commandsIn(model: DockerfileModel, run: Instruction): readonly RunCommand[] {
  return keywordIs(run, 'RUN') ? commandsOf(model, run) : [];
}

/** The first RUN of any stage with a command `matches` accepts. */
export function findRun(
  model: DockerfileModel,
  matches: (rc: RunCommand) => boolean,
): { stage: Stage; run: Instruction; command: RunCommand } | null {
  for (const stage of model.stages) {
    for (const run of stage.instructions) {
      const command = commandsIn(model, run).find(matches);
      if (command) return { stage, run, command };
    }
  }
  return null;
}

// What a command runs is recognised by dockerfile/packages.ts, as the rules recognise it (`python -m pip`, npm's
// spellings of install, options before the subcommand, apt simulations that install nothing).

/** `pip install -r requirements.txt` (also `python -m pip`, `-rfile`, `--requirement=file`). */
export const isPipRequirementsInstall = (rc: RunCommand): boolean => {
  const command = packageCommand(rc);
  return (
    command !== null &&
    isSubcommand(command, 'pip', ['install']) &&
    hasParsedOption(command.args, '-r', '--requirement')
  );
};

/** `npm ci` or `npm install`, in any of their spellings. */
export const isNpmInstall = (rc: RunCommand): boolean => {
  const command = packageCommand(rc);
  return command !== null && isSubcommand(command, 'npm', [...NPM_CLEAN_INSTALL, ...NPM_INSTALL]);
};

/** `apt-get install` or `apt install` that installs (not a simulation). */
export const isAptInstall = (rc: RunCommand): boolean => {
  const command = packageCommand(rc);
  return command !== null && installsAptPackages(command);
};

export const isAptUpdate = (rc: RunCommand): boolean => {
  const command = packageCommand(rc);
  return command !== null && isSubcommand(command, 'apt', ['update']);
};

export const isGoBuild = (rc: RunCommand): boolean => {
  const command = packageCommand(rc);
  return command !== null && isSubcommand(command, 'go', ['build']);
};

/** The COPY and ADD instructions of a model by instruction, their sources read as the rules read them (dockerfile/copies.ts). */
function copiesByInstruction(model: DockerfileModel): Map<Instruction, CopyInstruction> {
  return new Map([...copyInstructions(model)].map((copy) => [copy.instruction, copy]));
}

/** Every source path of every COPY and ADD (quotes removed, JSON form read). */
export function copiedSources(model: DockerfileModel): string[] {
  return [...copyInstructions(model)].flatMap((copy) => copy.sources.map((s) => s.value));
}

/**
 * Dependency manifests copied on their own, then the install, then the rest
 * of the build context, in the stage that installs.
 */
export function manifestsBeforeInstall(
  model: DockerfileModel,
  install: (rc: RunCommand) => boolean,
  manifest: RegExp,
): Outcome {
  const found = findRun(model, install);
  if (!found) return fail(model.finalStage ? line(model.finalStage.from) : 0);
  const list = found.stage.instructions;
  const at = list.indexOf(found.run);
  // Sources of the copies from the build context (not `--from` a stage or image), by instruction.
  const contextCopies = new Map(
    [...copiesByInstruction(model)]
      .filter(([, copy]) => copy.from === null)
      .map(([i, copy]) => [i, copy.sources.map((s) => s.value)]),
  );
  const sources = (i: Instruction) => contextCopies.get(i) ?? [];
  const manifestFirst = list
    .slice(0, at)
    .some((i) => sources(i).some((s) => manifest.test(s)) && !sources(i).some((s) => copiesWholeContext(s)));
  const contextBefore = list.slice(0, at).find((i) => sources(i).some((s) => copiesWholeContext(s)));
  const contextAfter = list.slice(at + 1).some((i) => sources(i).some((s) => copiesWholeContext(s)));
  if (contextBefore) return fail(line(contextBefore));
  return holds(manifestFirst && contextAfter, line(found.run));
}

/** The final stage runs as a user other than root: its last USER, or a base image known to default to one. */
export function finalStageNonRoot(model: DockerfileModel): Outcome {
  const stage = model.finalStage;
  if (!stage) return fail(0);
  const effective = effectiveUser(model, stage);
  if (effective.instruction && effective.user !== null)
    return holds(!isRootUser(effective.user), line(effective.instruction));
  return holds(effective.baseIsNonRoot, line(stage.from));
}

/** The final stage starts its process with CMD or ENTRYPOINT in exec (JSON) form. */
export function execFormStart(model: DockerfileModel): Outcome {
  const stage = model.finalStage;
  if (!stage) return fail(0);
  const starts = stage.instructions.filter((i) => keywordIs(i, 'CMD', 'ENTRYPOINT'));
  if (starts.length === 0)
    return fail(
      stage.instructions.length > 0 ? line(stage.instructions[stage.instructions.length - 1]) : line(stage.from),
    );
  const shellForm = starts.find((i) => argumentsForm(model, i).kind !== 'exec');
  return shellForm ? fail(line(shellForm)) : PASS;
}

/** A WORKDIR comes before the first COPY/ADD of the final stage. */
export function workdirBeforeCopy(model: DockerfileModel): Outcome {
  const stage = model.finalStage;
  if (!stage) return fail(0);
  const list = stage.instructions;
  const firstCopy = list.findIndex((i) => keywordIs(i, 'COPY', 'ADD'));
  const workdir = list.findIndex((i) => keywordIs(i, 'WORKDIR'));
  if (workdir < 0) return fail(line(stage.from));
  return holds(firstCopy < 0 || workdir < firstCopy, line(list[firstCopy] ?? stage.from));
}

/** Every base image of the final stage's chain matches `test`. */
export function finalBase(
  model: DockerfileModel,
  test: (raw: string, repository: string, tag: string | null) => boolean,
): Outcome {
  const stage = model.finalStage;
  if (!stage) return fail(0);
  let base: Stage = stage;
  while (base.fromStage && base.fromStage !== base) base = base.fromStage;
  const image = base.image;
  const repository = image
    ? (image.registry ? `${image.registry}/${image.repository}` : image.repository).toLowerCase()
    : '';
  return holds(image !== null && test(image.raw.toLowerCase(), repository, image.tag), line(stage.from));
}

/** Stages whose content does not ship: builders. */
export function builderStages(model: DockerfileModel): Stage[] {
  const shipped = shippedStages(model);
  return model.stages.filter((s) => !shipped.has(s));
}

/** The final stage takes nothing from the build context and no whole folder from a builder: only files. */
export function shipsOnlyArtifacts(model: DockerfileModel): Outcome {
  const stage = model.finalStage;
  if (!stage) return fail(0);
  const copies = copiesByInstruction(model);
  for (const instruction of stage.instructions) {
    if (!keywordIs(instruction, 'COPY', 'ADD')) continue;
    // Without a readable `--from` (the build context, a here-document, quoting that cannot be split): not only artifacts.
    const copy = copies.get(instruction);
    if (!copy || copy.from === null) return fail(line(instruction));
    const from = copy.from;
    const source = model.stages.find((s) => s.name?.toLowerCase() === from.toLowerCase()) ?? model.stages[Number(from)];
    const sourceDirs = new Set(['/', '.', './', ...(source ? workdirsOf(source) : [])]);
    if (copy.sources.some(({ value: s }) => sourceDirs.has(s) || sourceDirs.has(s.replace(/\/+$/, ''))))
      return fail(line(instruction));
  }
  return PASS;
}

function workdirsOf(stage: Stage): string[] {
  return stage.instructions
    .filter((i) => keywordIs(i, 'WORKDIR'))
    .map((i) =>
      i
        .getArguments()
        .map((a) => a.getValue())
        .join(' ')
        .replace(/\/+$/, ''),
    );
}

/** The value of an ENV variable set in a stage before `before` (the last one wins), or null. */
export function envBefore(stage: Stage, name: string, before: Instruction): string | null {
  let value: string | null = null;
  for (const instruction of stage.instructions) {
    if (instruction === before) break;
    if (instruction instanceof Env)
      for (const p of instruction.getProperties()) if (p.getName() === name) value = p.getValue();
  }
  return value;
}

/** The variable assignments written before a command's name (`CGO_ENABLED=0 go build`), as text. */
export function prefixAssignments(model: DockerfileModel, rc: RunCommand): string[] {
  const first = rc.words[0];
  if (!first || rc.command.assignments === 0) return [];
  return model.text
    .slice(rc.command.start, first.start)
    .split(/\s+/)
    .filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
}

/** Some RUN that matches `matches` mounts a secret. */
export function runMountsSecret(model: DockerfileModel, matches: (rc: RunCommand) => boolean): Outcome {
  const found = findRun(model, matches);
  if (!found) return fail(0);
  return holds(
    mountsOf(found.run).some((m) => m.get('type') === 'secret'),
    line(found.run),
  );
}

// Compose facts

export function serviceNamed(model: ComposeModel, name: string): ComposeService | undefined {
  return model.services.find((s) => s.name === name);
}

/** The services running a given image repository (`postgres`), tag and registry aside. */
export function servicesOfImage(model: ComposeModel, repository: string): ComposeService[] {
  return model.services.filter((s) => {
    const image = scalarText(s.entries.get('image')?.value);
    if (!image) return false;
    const name = image
      .split('@')[0]
      .replace(/:[^/:]*$/, '')
      .toLowerCase();
    return name === repository || name === `library/${repository}` || name === `docker.io/library/${repository}`;
  });
}

export function serviceLine(model: ComposeModel, service: ComposeService): number {
  return model.rangeOfNode(service.key)?.start.line ?? 0;
}

export function entryLine(model: ComposeModel, service: ComposeService, key: string): number {
  const entry = service.entries.get(key);
  return model.rangeOfNode(entry?.key)?.start.line ?? serviceLine(model, service);
}

/** The service mounts a volume defined under the top-level `volumes:`. */
export function mountsNamedVolume(model: ComposeModel, service: ComposeService): boolean {
  const defined = new Set(model.definitions('volumes').map((d) => d.name));
  return composeMountsOf(model, service).some((m) => m.type === 'volume' && m.source !== null && defined.has(m.source));
}

/** The service has a health check that is not disabled. */
export function hasHealthcheck(model: ComposeModel, service: ComposeService): boolean {
  const healthcheck = service.entries.get('healthcheck')?.value;
  if (!isMap(healthcheck)) return false;
  const entries = model.entriesOf(healthcheck);
  if (scalarText(entries.get('disable')?.value) === 'true') return false;
  const test = entries.get('test')?.value;
  if (isSeq(test)) return test.items.length > 0 && scalarText(model.resolve(test.items[0])) !== 'NONE';
  return scalarText(test) !== null;
}

/** The services that wait for `target` with `condition: service_healthy`. */
export function waitsForHealthy(model: ComposeModel, target: string): ComposeService[] {
  return model.services.filter((s) => {
    const dependsOn = s.entries.get('depends_on')?.value;
    if (!isMap(dependsOn)) return false;
    const entry = model.entriesOf(dependsOn).get(target)?.value;
    return isMap(entry) && scalarText(model.entriesOf(entry).get('condition')?.value) === 'service_healthy';
  });
}

/** The environment variable names a service sets (map or list form). */
export function environmentNames(model: ComposeModel, service: ComposeService): string[] {
  const env = service.entries.get('environment')?.value;
  if (isMap(env)) return [...model.entriesOf(env).keys()];
  if (isSeq(env)) return env.items.map((i) => scalarText(model.resolve(i))?.split('=')[0] ?? '').filter(Boolean);
  return [];
}

/** The secrets a service is granted that the file defines at the top level. */
export function grantedSecrets(model: ComposeModel, service: ComposeService): string[] {
  const defined = new Set(model.definitions('secrets').map((d) => d.name));
  const value = service.entries.get('secrets')?.value;
  if (!isSeq(value)) return [];
  return value.items
    .map((item) => {
      const node = model.resolve(item);
      return isMap(node) ? scalarText(model.entriesOf(node).get('source')?.value) : scalarText(node);
    })
    .filter((name): name is string => name !== null && defined.has(name));
}

/** `read_only: true`. */
export function isReadOnly(service: ComposeService): boolean {
  return scalarText(service.entries.get('read_only')?.value) === 'true';
}

/**
 * The line of the first published port reachable from other machines: no host address (the port rule flags that
 * only for data stores and debuggers), or every interface on purpose (`0.0.0.0:`, `[::]:`, `host_ip: 0.0.0.0`).
 */
export function portsOnAllInterfaces(model: ComposeModel): number | null {
  for (const service of model.services) {
    for (const port of portMappings(service)) {
      if (port.hostIp === null || isWildcardAddress(port.hostIp)) return model.rangeOfNode(port.node)?.start.line ?? 0;
    }
  }
  return null;
}
