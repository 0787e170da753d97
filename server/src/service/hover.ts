/**
 * Dockerfile hovers: instruction keywords, flags and mount options, parser
 * directives, variables, stage names, image references, and the rules behind
 * findings under the cursor. The texts live in `data/`; this file finds what
 * is under the cursor and puts the pieces together.
 */
import { Flag, From, Instruction, ModifiableInstruction, Onbuild } from 'dockerfile-ast';
import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import { directiveNamed } from '../data/directives';
import { FLAG_DOCS, flagDoc, FlagDoc, MOUNT_OPTIONS, MOUNT_TYPES, mountOptionDoc, MountType } from '../data/flags';
import { INSTRUCTION_DOCS, InstructionDoc } from '../data/instructions';
import { parseDirectives } from '../dockerfile/directives';
import { DockerfileModel, Stage } from '../dockerfile/model';
import { fromReferences, resolveStageRef } from '../dockerfile/stageRefs';
import { DOCKERFILE_RULES } from '../rules/registry';
import type { RuleFinding } from '../engine/lint';
import { imageMarkdown } from './composeHover';
import { code, DocLinks, lessonLink, lineOf } from './markdown';
import { declarationHover, variableReferenceHover } from './variableHover';
import { rangeContains } from '../util/ranges';
import { compareCodeUnits } from '../util/order';

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** A `--mount` option (dockerfile-ast does not export its class). */
type MountOption = ReturnType<Flag['getOptions']>[number];

interface Part {
  markdown: string;
  range: Range;
}

/**
 * The hover at `position`. `findings` are the lint findings of the same
 * document version, when the caller has them: a finding under the cursor adds
 * a short note on its rule (title, why, lesson, documentation).
 */
export function dockerfileHover(
  model: DockerfileModel,
  position: Position,
  links: DocLinks,
  findings: readonly FindingPlace[] = [],
): Hover | null {
  const main = mainHover(model, position, links);
  const rules = findingsHover(findings, position, links);
  if (!main && !rules) return null;
  const markdown = [rules?.markdown, main?.markdown].filter(Boolean).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: main?.range ?? rules!.range };
}

function mainHover(model: DockerfileModel, position: Position, links: DocLinks): Part | null {
  const directive = directiveHover(model, position);
  if (directive) return directive;
  for (const instruction of model.ast.getInstructions()) {
    const range = instruction.getRange();
    if (position.line < range.start.line || position.line > range.end.line) continue;
    if (!rangeContains(range, position)) continue;
    return instructionHover(model, instruction, position, links);
  }
  return null;
}

function instructionHover(
  model: DockerfileModel,
  instruction: Instruction,
  position: Position,
  links: DocLinks,
): Part | null {
  const keywordRange = instruction.getInstructionRange();
  if (rangeContains(keywordRange, position)) {
    const doc = INSTRUCTION_DOCS[instruction.getKeyword()];
    return doc ? { markdown: instructionMarkdown(doc, links), range: keywordRange } : null;
  }
  const variable = variableReferenceHover(model, instruction, position);
  if (variable) return variable;
  if (instruction instanceof Onbuild) return onbuildHover(model, instruction, position, links);
  const flag = flagsHover(model, instruction, instruction, position, links);
  if (flag) return flag;
  if (instruction instanceof From) return fromHover(model, instruction, position, links);
  const keyword = instruction.getKeyword();
  if (keyword === 'ARG' || keyword === 'ENV') return declarationHover(model, instruction, position);
  return null;
}

// ---------------------------------------------------------------------------
// Instructions and ONBUILD

/**
 * The rules that look at an instruction, for the "checked by" line: the rules about this instruction alone
 * first (apt-get-clean-lists before undefined-var, which reads every instruction), then by id.
 */
const RULES_BY_KEYWORD: Record<string, string[]> = {};
{
  const keywordsOf = new Map<string, string[]>();
  for (const rule of DOCKERFILE_RULES) {
    keywordsOf.set(
      rule.id,
      Object.keys(INSTRUCTION_DOCS).filter((keyword) => new RegExp(`\\b${keyword}\\b`).test(rule.docs.flags)),
    );
  }
  const breadth = (id: string) => keywordsOf.get(id)!.length;
  for (const [id, keywords] of keywordsOf) for (const keyword of keywords) (RULES_BY_KEYWORD[keyword] ??= []).push(id);
  for (const ids of Object.values(RULES_BY_KEYWORD))
    ids.sort((a, b) => breadth(a) - breadth(b) || compareCodeUnits(a, b));
}

/** How many rules the "checked by" line names before it says how many more there are. */
export const CHECKED_BY_SHOWN = 4;

function checkedByLine(ids: readonly string[], links: DocLinks): string {
  const named = ids.slice(0, CHECKED_BY_SHOWN).map((id) => `[${id}](${links.rule(id)})`);
  const more = ids.length - named.length;
  if (more === 0)
    return `Checked by ${named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0]}.`;
  return `Checked by ${named.join(', ')} and ${more} more ${more === 1 ? 'rule' : 'rules'}.`;
}

export function instructionMarkdown(doc: InstructionDoc, links: DocLinks): string {
  const parts = [
    `**${doc.keyword}**: ${doc.summary}`,
    '```dockerfile\n' + doc.forms.join('\n') + '\n```',
    doc.notes.map((n) => `- ${n}`).join('\n'),
    'Example:\n```dockerfile\n' + doc.example.trimEnd() + '\n```',
  ];
  const checkedBy = RULES_BY_KEYWORD[doc.keyword];
  if (checkedBy?.length) parts.push(checkedByLine(checkedBy, links));
  parts.push(`[Dockerfile reference](${REFERENCE}#${doc.referenceAnchor}) · ${lessonLink(doc.lesson, links)}`);
  return parts.join('\n\n');
}

const ONBUILD_TRIGGER =
  '**ONBUILD trigger**: this instruction does not run in this build. It is stored in the image, and runs when another Dockerfile ' +
  'uses the image in `FROM`: right after that `FROM`, in the order the triggers were written, in the context of that build ' +
  '(its build context, its stages). If a trigger fails, that build fails. Triggers run once: images built on that build do not inherit them. ' +
  '`ONBUILD` cannot trigger `FROM`, `MAINTAINER` or another `ONBUILD`.';

function onbuildHover(model: DockerfileModel, instruction: Onbuild, position: Position, links: DocLinks): Part | null {
  const triggerRange = instruction.getTriggerRange();
  const trigger = instruction.getTrigger()?.toUpperCase();
  if (triggerRange && trigger && rangeContains(triggerRange, position)) {
    const doc = INSTRUCTION_DOCS[trigger];
    const note = ['FROM', 'MAINTAINER', 'ONBUILD'].includes(trigger)
      ? `\n\n\`${trigger}\` is not allowed as a trigger: the build fails.`
      : '';
    return {
      markdown: `${ONBUILD_TRIGGER}${note}${doc ? `\n\n---\n\n${instructionMarkdown(doc, links)}` : ''}`,
      range: triggerRange,
    };
  }
  const triggered = instruction.getTriggerInstruction();
  if (triggered) {
    const flag = flagsHover(model, triggered, instruction, position, links);
    if (flag)
      return {
        ...flag,
        markdown: `${flag.markdown}\n\n*In an \`ONBUILD\` trigger: applies when a build uses this image as its base.*`,
      };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Flags and mount options

function flagsOf(instruction: Instruction): Flag[] {
  return instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
}

/** `owner` is the instruction the flags belong to in the document (the ONBUILD for a trigger's flags). */
function flagsHover(
  model: DockerfileModel,
  instruction: Instruction,
  owner: Instruction,
  position: Position,
  links: DocLinks,
): Part | null {
  const keyword = instruction.getKeyword();
  for (const flag of flagsOf(instruction)) {
    if (!rangeContains(flag.getRange(), position)) continue;
    const name = flag.getName().toLowerCase();
    const doc = flagDoc(keyword, name);
    if (!doc) return { markdown: unknownFlagMarkdown(keyword, flag.getName()), range: flag.getRange() };
    if (keyword === 'RUN' && name === 'mount') {
      const option = flag.getOptions().find((o) => rangeContains(o.getRange(), position));
      if (option) return mountOptionHover(model, owner, flag, option, position, links);
      return {
        markdown: flagMarkdown(keyword, name, doc, null) + mountTypeSection(mountTypeOf(flag)),
        range: flag.getNameRange(),
      };
    }
    const valueRange = flag.getValueRange();
    if (keyword === 'COPY' && name === 'from' && valueRange && rangeContains(valueRange, position) && flag.getValue()) {
      if (owner instanceof Onbuild) return { markdown: onbuildFromMarkdown(flag.getValue()!), range: valueRange };
      return { markdown: stageReferenceMarkdown(model, owner, flag.getValue()!, links), range: valueRange };
    }
    return { markdown: flagMarkdown(keyword, name, doc, flag.getValue()), range: flag.getRange() };
  }
  return null;
}

function flagMarkdown(keyword: string, name: string, doc: FlagDoc, value: string | null): string {
  const since = doc.since ? ` · Dockerfile ${doc.since}+` : '';
  const parts = [
    `**${keyword} --${name}**${since}`,
    '```dockerfile\n' + `${keyword} ${doc.syntax}` + '\n```',
    doc.summary,
  ];
  if (doc.values)
    parts.push(
      Object.entries(doc.values)
        .map(([v, meaning]) => `- \`${v}\`: ${meaning}`)
        .join('\n'),
    );
  if (doc.notes.length) parts.push(doc.notes.map((n) => `- ${n}`).join('\n'));
  const here = valueNote(name, doc, value);
  if (here) parts.push(here);
  else if (doc.default !== undefined) parts.push(`Default: \`${doc.default}\``);
  parts.push(`[Dockerfile reference](${REFERENCE}#${doc.anchor})`);
  return parts.join('\n\n');
}

/** What the value written here means. */
function valueNote(name: string, doc: FlagDoc, value: string | null): string | null {
  if (value === null) {
    if (doc.syntax.includes('[=<boolean>]'))
      return `Here: on (the same as \`--${name}=true\`)${doc.default !== undefined ? `; default \`${doc.default}\`` : ''}.`;
    return null;
  }
  const defaultText = doc.default !== undefined ? ` (default \`${doc.default}\`)` : '';
  if (doc.values) {
    const meaning = doc.values[value.toLowerCase()];
    return meaning
      ? `Here: \`${value}\`: ${meaning}`
      : `Here: ${code(value)}, which is not one of ${Object.keys(doc.values)
          .map((v) => `\`${v}\``)
          .join(', ')}.`;
  }
  if (name === 'chown') {
    const [user, group] = value.split(':');
    return `Here: owner ${code(user)}${group !== undefined ? `, group ${code(group)}` : ''}.`;
  }
  return `Here: ${code(value)}${defaultText}.`;
}

function unknownFlagMarkdown(keyword: string, name: string): string {
  const known = Object.keys(FLAG_DOCS[keyword] ?? {});
  const list = known.length
    ? `Flags of \`${keyword}\`: ${known.map((f) => `\`--${f}\``).join(', ')}.`
    : `\`${keyword}\` takes no flags.`;
  return `**${code('--' + name)}**: not a flag of \`${keyword}\`; BuildKit stops with "unknown flag". ${list}`;
}

function mountTypeOf(flag: Flag): string {
  return flag.getOption('type')?.getValue()?.toLowerCase() ?? 'bind';
}

function mountTypeSection(type: string): string {
  const doc = MOUNT_TYPES[type as MountType];
  if (!doc)
    return `\n\n---\n\n${code('type=' + type)} is not a mount type: use \`bind\`, \`cache\`, \`tmpfs\`, \`secret\` or \`ssh\`.`;
  const notes = doc.notes.length ? '\n\n' + doc.notes.map((n) => `- ${n}`).join('\n') : '';
  return `\n\n---\n\n**Mount type \`${type}\`**: ${doc.summary}${notes}\n\nOptions: ${optionsOf(type as MountType)
    .map((o) => `\`${o}\``)
    .join(', ')}\n\n[Dockerfile reference](${REFERENCE}#${doc.anchor})`;
}

/** The options that apply to a mount type, aliases after their main name. */
function optionsOf(type: MountType): string[] {
  return Object.entries(MOUNT_OPTIONS)
    .filter(([, doc]) => doc.byType[type] !== undefined || doc.byType.any !== undefined)
    .filter(
      ([name]) => !((name === 'ro' || name === 'rw') && (type === 'secret' || type === 'ssh' || type === 'tmpfs')),
    )
    .flatMap(([name, doc]) => [name, ...doc.aliases]);
}

function mountOptionHover(
  model: DockerfileModel,
  owner: Instruction,
  flag: Flag,
  option: MountOption,
  position: Position,
  links: DocLinks,
): Part {
  const type = mountTypeOf(flag);
  const found = mountOptionDoc(option.getName());
  const valueRange = option.getValueRange();
  const value = option.getValue();
  const onValue =
    valueRange !== null &&
    value !== null &&
    rangeContains(valueRange, position) &&
    !rangeContains(option.getNameRange(), position);
  if (!found) {
    return {
      markdown: `**${code(option.getName())}**: not a mount option; BuildKit stops with "unexpected key". Options of \`${type}\` mounts: ${
        MOUNT_TYPES[type as MountType]
          ? optionsOf(type as MountType)
              .map((o) => `\`${o}\``)
              .join(', ')
          : 'see the reference'
      }.`,
      range: option.getRange(),
    };
  }
  if (found.name === 'type') {
    return {
      markdown: `**--mount type**: ${found.doc.byType.any}${mountTypeSection((value ?? '').toLowerCase())}`,
      range: option.getRange(),
    };
  }
  if (found.name === 'from' && onValue) {
    return {
      markdown:
        owner instanceof Onbuild ? onbuildFromMarkdown(value) : stageReferenceMarkdown(model, owner, value, links),
      range: valueRange,
    };
  }
  const meaning = found.doc.byType[type as MountType] ?? found.doc.byType.any;
  const aliases = found.doc.aliases.length
    ? ` (also written ${[found.name, ...found.doc.aliases]
        .filter((n) => n !== option.getName().toLowerCase())
        .map((n) => `\`${n}\``)
        .join(', ')})`
    : '';
  const parts = [`**--mount ${found.name}**${aliases}, on a \`${type}\` mount`];
  if (meaning) parts.push(meaning);
  else {
    const applies = Object.keys(found.doc.byType).filter((t) => t !== 'any');
    parts.push(
      `Does not apply to \`${type}\` mounts; it is an option of ${applies.map((t) => `\`${t}\``).join(', ')} mounts.`,
    );
  }
  if (found.doc.values) {
    parts.push(
      Object.entries(found.doc.values)
        .map(([v, m]) => `- \`${v}\`: ${m}`)
        .join('\n'),
    );
    if (value && !found.doc.values[value.toLowerCase()]) parts.push(`${code(value)} is not one of these values.`);
  }
  const anchor = MOUNT_TYPES[type as MountType]?.anchor ?? 'run---mount';
  parts.push(`[Dockerfile reference](${REFERENCE}#${anchor})`);
  return { markdown: parts.join('\n\n'), range: option.getRange() };
}

// ---------------------------------------------------------------------------
// FROM: images and stages

function fromHover(model: DockerfileModel, from: From, position: Position, links: DocLinks): Part | null {
  const stage = model.stages.find((s) => s.from === from);
  const stageRange = from.getBuildStageRange();
  if (stage && stageRange && rangeContains(stageRange, position))
    return { markdown: stageMarkdown(model, stage), range: stageRange };
  const imageRange = from.getImageRange();
  if (stage && imageRange && rangeContains(imageRange, position)) {
    if (stage.fromStage)
      return { markdown: `Builds on the stage above:\n\n${stageMarkdown(model, stage.fromStage)}`, range: imageRange };
    return { markdown: fromImageMarkdown(stage, links), range: imageRange };
  }
  return null;
}

function fromImageMarkdown(stage: Stage, links: DocLinks): string {
  const raw = stage.from.getImage() ?? '';
  if (!stage.image)
    return `**Image** ${code(raw)}\n\nIt depends on build arguments without a default, so its parts are only known when the build runs.`;
  const resolved = stage.image.raw;
  if (resolved.toLowerCase() === 'scratch') {
    return '**`scratch`**: the empty image. The stage starts with no files at all: no shell, no libraries, no CA certificates, no users. It suits static binaries; `RUN` only works once a program has been copied in (shell form needs a `/bin/sh`).';
  }
  const prefix = resolved !== raw ? `With the default build arguments this is ${code(resolved)}.\n\n` : '';
  return prefix + imageMarkdown(resolved, links);
}

/** A `--from=` inside an ONBUILD trigger names something of the build that runs the trigger. */
function onbuildFromMarkdown(name: string): string {
  return `**${code(name)}** in an \`ONBUILD\` trigger: resolved when the trigger runs, in the build that uses this image. A stage name must be a stage of that Dockerfile, a named context must be passed to that build (Dockerfile 1.11 or later); otherwise it is an image.`;
}

/** What a `--from=` / `from=` value or `FROM <name>` points at. */
function stageReferenceMarkdown(
  model: DockerfileModel,
  instruction: Instruction,
  name: string,
  links: DocLinks,
): string {
  const from = model.stageOf(instruction);
  if (!from) return `**${code(name)}**`;
  const target = resolveStageRef(model, name, from);
  switch (target.kind) {
    case 'stage':
      return stageMarkdown(model, target.stage);
    case 'self':
      return `**${code(name)}** is the stage this instruction is in: a stage cannot use its own result.`;
    case 'later':
      return `**${code(name)}** is the stage defined later, on line ${lineOf(target.stage.from)}: a stage can only use the stages above it.`;
    case 'index-out-of-range':
      return `**${code(name)}**: there is no stage with this index (stages are numbered from 0; this file has ${model.stages.length}).`;
    case 'image':
      return imageMarkdown(name, links);
    case 'unknown':
      return `**${code(name)}**: no stage above has this name, so Docker takes it as a named build context (\`--build-context ${name}=…\`) or else an image, \`docker.io/library/${name}:latest\`.\n\n${imageMarkdown(name, links)}`;
    case 'dynamic':
      return `**${code(name)}**: the name comes from a variable, so the stage or image is only known when the build runs.`;
  }
}

function stageMarkdown(model: DockerfileModel, stage: Stage): string {
  const title = stage.name ? `**Stage ${code(stage.name)}**` : `**Stage ${stage.index}**`;
  const position = `stage ${stage.index + 1} of ${model.stages.length}${stage.name ? `, index ${stage.index}` : ''}`;
  const parts = [
    `${title} (${position}), defined on line ${lineOf(stage.from)}: ${code(model.lineText(stage.from.getRange().start.line).trim())}`,
  ];
  if (stage.fromStage)
    parts.push(
      `Builds on stage ${stageLabel(stage.fromStage)} (line ${lineOf(stage.fromStage.from)}), starting from its result.`,
    );
  else if (stage.image?.raw.toLowerCase() === 'scratch') parts.push('Builds from `scratch`: an empty filesystem.');
  else if (stage.image) parts.push(`Builds from the image ${code(stage.image.raw)}.`);
  else parts.push(`Builds from ${code(stage.from.getImage() ?? '')}, which depends on build arguments.`);
  const users: string[] = [];
  for (const later of model.stages) if (later.fromStage === stage) users.push(`line ${lineOf(later.from)} (\`FROM\`)`);
  for (const ref of fromReferences(model)) {
    const target = resolveStageRef(model, ref.name, ref.stage);
    if (target.kind === 'stage' && target.stage === stage)
      users.push(`line ${lineOf(ref.instruction)} (${ref.via === 'copy' ? '`COPY --from`' : '`RUN --mount from=`'})`);
  }
  users.sort((a, b) => parseInt(a.slice(5), 10) - parseInt(b.slice(5), 10));
  if (users.length) parts.push(`Used on ${users.join(', ')}.`);
  if (stage === model.finalStage)
    parts.push('The last stage: `docker build` outputs it unless `--target` names another one.');
  else if (!users.length)
    parts.push(
      `Nothing in this file uses it: it only runs with \`docker build --target ${stage.name ?? stage.index}\` (BuildKit skips stages the target does not need).`,
    );
  return parts.join('\n\n');
}

function stageLabel(stage: Stage): string {
  return stage.name ? code(stage.name) : String(stage.index);
}

// ---------------------------------------------------------------------------
// Parser directives

function directiveHover(model: DockerfileModel, position: Position): Part | null {
  const directives = parseDirectives(model.text);
  for (const [name, directive] of directives) {
    if (directive.line !== position.line) continue;
    const doc = directiveNamed(name);
    if (!doc) return null;
    const parts = [
      `**Parser directive \`${name}\`**`,
      '```dockerfile\n' + doc.syntax + '\n```',
      doc.summary,
      doc.notes.map((n) => `- ${n}`).join('\n'),
    ];
    const here = directiveValueNote(name, directive.value);
    if (here) parts.push(here);
    parts.push('Directives only count at the very top of the file, before any comment, blank line or instruction.');
    parts.push(`[Dockerfile reference](${REFERENCE}#${doc.anchor})`);
    const text = model.lineText(position.line);
    return {
      markdown: parts.join('\n\n'),
      range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: text.length } },
    };
  }
  return null;
}

function directiveValueNote(name: string, value: string): string | null {
  if (name === 'syntax') {
    const labs = /-labs$/.test(value) ? ' It is a labs release: features that are not stable yet are on.' : '';
    const floating = /^docker\/dockerfile:\d+$/.test(value)
      ? ' A major version only: BuildKit fetches the newest release of that line at build time.'
      : '';
    const pinned = /^docker\/dockerfile:\d+\.\d+/.test(value)
      ? ' Pinned to a release line, so new frontend releases do not change this build.'
      : '';
    return `Here: the frontend image ${code(value)}.${floating}${pinned}${labs}`;
  }
  if (name === 'escape') {
    if (value === '\\') return 'Here: `\\`, the default.';
    if (value === '`') return 'Here: `` ` ``, the Windows-friendly choice.';
    return `Here: ${code(value)}, which Docker does not accept (only \`\\\` and \`\` \` \`\`).`;
  }
  if (name === 'check') {
    const parts: string[] = [];
    for (const setting of value.split(';')) {
      const eq = setting.indexOf('=');
      if (eq < 0) continue;
      const key = setting.slice(0, eq).trim();
      const val = setting.slice(eq + 1).trim();
      if (key === 'skip')
        parts.push(
          val === 'all'
            ? 'skips every check'
            : `skips ${val
                .split(',')
                .map((c) => code(c.trim()))
                .join(', ')}`,
        );
      else if (key === 'error')
        parts.push(val === 'true' ? 'makes failed checks fail the build' : 'keeps failed checks as warnings');
      else if (key === 'experimental')
        parts.push(
          val === 'all'
            ? 'turns on every experimental check'
            : `turns on the experimental ${val
                .split(',')
                .map((c) => code(c.trim()))
                .join(', ')}`,
        );
      else parts.push(`has an unknown setting ${code(key)}`);
    }
    return parts.length ? `Here: ${parts.join('; ')}.` : null;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Findings

/** What a hover shows of a finding: its rule, where. */
export type FindingPlace = Pick<RuleFinding, 'rule' | 'range'>;

/**
 * The rules of the findings under the cursor. The editor shows each finding's message next to the hover, so
 * this part does not say the problem again: per rule, why it matters, its page and its lesson.
 */
export function findingsHover(findings: readonly FindingPlace[], position: Position, links: DocLinks): Part | null {
  const here = findings.filter((f) => rangeContains(f.range, position));
  if (here.length === 0) return null;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const finding of here) {
    const rule = finding.rule;
    if (seen.has(rule.id)) continue;
    seen.add(rule.id);
    lines.push(
      `[${rule.id}](${links.rule(rule.id)}): ${firstSentence(rule.docs.why)} ${lessonLink(rule.lesson, links)}`,
    );
  }
  return { markdown: lines.join('\n\n'), range: here[0].range };
}

/** The first sentence of a text: up to a `.`, `!` or `?` before a blank, not inside quotes or code, nor after "e.g.". */
export function firstSentence(text: string): string {
  const trimmed = text.trim();
  let quoted = false;
  let inCode = false;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '`') inCode = !inCode;
    else if (c === '"' && !inCode) quoted = !quoted;
    else if (/[.!?]/.test(c) && !quoted && !inCode && (i + 1 === trimmed.length || /\s/.test(trimmed[i + 1]))) {
      if (c === '.' && /\b(?:e\.g|i\.e|etc|vs)$/.test(trimmed.slice(0, i))) continue;
      return trimmed.slice(0, i + 1).replace(/\s+/g, ' ');
    }
  }
  return trimmed.replace(/\s+/g, ' ');
}
