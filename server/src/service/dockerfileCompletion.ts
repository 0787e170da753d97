/**
 * Dockerfile completion while typing. The line under the cursor is often not
 * a valid instruction yet, so the place is read from the raw text of the
 * instruction up to the cursor (continuation lines included), and the model
 * supplies what is around it: stages, variables in scope, the keyword case.
 *
 * Offered: instruction keywords (with snippets) at the start of a line, the
 * flags of the instruction, `--mount` types and options, values of flags,
 * `$VARIABLES`, stage names, base images and their tags, parser directives
 * and their values, `STOPSIGNAL` signals. Every item carries documentation.
 */
import {
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  InsertTextFormat,
  MarkupKind,
  Position,
  TextEdit,
} from 'vscode-languageserver-types';
import { Instruction } from 'dockerfile-ast';
import { parseImageReference } from '../dockerfile/image';
import { DockerfileModel, Stage } from '../dockerfile/model';
import { INSTRUCTION_KEYWORDS, instructionCaseMajority, keywordLike } from '../dockerfile/edits';
import { PLATFORM_ARG_DOCS } from '../dockerfile/buildArgs';
import { PLATFORM_ARGS, PROXY_ARGS, VariableDefinition, variableScopes } from '../dockerfile/variables';
import { DIRECTIVES, directiveNamed, EXPERIMENTAL_BUILDKIT_CHECKS } from '../data/directives';
import { KNOWN_IMAGES, knownImage } from '../data/images';
import {
  FLAG_DOCS,
  FLAG_VALUES,
  MOUNT_OPTIONS,
  MOUNT_TYPES,
  MountType,
  ValueDoc,
} from '../dockerfile/instructionFlags';
import { INSTRUCTION_DOCS } from '../data/instructions';
import { STOP_SIGNALS } from '../data/signals';
import { DOCKERFILE_RULES } from '../rules/registry';
import { CompletionOptions, TRIGGER_SUGGEST } from './composeCompletion';

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** The characters the server registers as triggers, and the places each one may open. */
type Place =
  | 'keyword'
  | 'trigger-keyword'
  | 'flag'
  | 'flag-value'
  | 'mount'
  | 'variable'
  | 'image'
  | 'tag'
  | 'signal'
  | 'healthcheck'
  | 'as'
  | 'directive'
  | 'directive-value';

const TRIGGERS: Readonly<Record<string, readonly Place[]>> = {
  ' ': ['trigger-keyword', 'image', 'signal', 'healthcheck', 'as', 'directive'],
  '-': ['flag'],
  $: ['variable'],
  '{': ['variable'],
  '=': ['flag-value', 'mount', 'directive-value'],
  ',': ['mount', 'directive-value'],
  ':': ['tag'],
};

/** The trigger characters the server registers (a space first: compose completion uses it too). */
export const DOCKERFILE_TRIGGER_CHARACTERS: string[] = Object.keys(TRIGGERS);

/** Items for one place, and the document offset where the text they replace starts (it ends at the cursor unless `end` says otherwise). */
interface Completion {
  place: Place;
  start: number;
  end?: number;
  items: CompletionItem[];
}

export function dockerfileCompletion(
  model: DockerfileModel,
  position: Position,
  options: CompletionOptions,
): CompletionList | null {
  const offset = model.offsetAt(position);
  const cursor = model.document.positionAt(offset);
  const completion = completeAt(model, cursor, offset, options);
  if (!completion || completion.items.length === 0) return null;
  const trigger = options.triggerCharacter;
  if (trigger !== undefined && TRIGGERS[trigger] && !TRIGGERS[trigger].includes(completion.place)) return null;
  const range = model.rangeOf(completion.start, completion.end ?? offset);
  for (const item of completion.items) {
    item.textEdit = TextEdit.replace(range, item.insertText ?? item.label);
    delete item.insertText;
    if (options.retrigger && VALUES_FOLLOW.has(item)) item.command = TRIGGER_SUGGEST;
  }
  return { isIncomplete: false, items: completion.items };
}

/** Items that end with `=` where a list of values follows (`type=`, `--network=`): completion opens again after them. */
const VALUES_FOLLOW = new WeakSet<CompletionItem>();

function completeAt(
  model: DockerfileModel,
  cursor: Position,
  offset: number,
  options: CompletionOptions,
): Completion | null {
  const lineText = model.lineText(cursor.line);
  const before = lineText.slice(0, cursor.character);
  const after = lineText.slice(cursor.character);
  if (/^\s*#/.test(before)) return directiveCompletion(model, cursor.line, offset, before);
  const instruction = instructionAt(model, cursor.line);
  if (
    !instruction ||
    (instruction.getRange().start.line === cursor.line && /^\s*(?:onbuild\s+)?[A-Za-z]*$/i.test(before))
  ) {
    return keywordCompletion(model, cursor.line, offset, before, after, options);
  }
  return argumentCompletion(model, instruction, offset, before, after, options);
}

/** The instruction whose lines (continuations and heredoc bodies included) hold `line`. */
function instructionAt(model: DockerfileModel, line: number): Instruction | null {
  for (const instruction of model.ast.getInstructions()) {
    const range = instruction.getRange();
    if (range.start.line > line) break;
    if (line <= range.end.line) return instruction;
  }
  return null;
}

// ─── Instruction keywords ────────────────────────────────────────────────

/** Keywords in the order worth offering them. */
const KEYWORD_ORDER = [
  'FROM',
  'RUN',
  'COPY',
  'WORKDIR',
  'ENV',
  'ARG',
  'USER',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'LABEL',
  'HEALTHCHECK',
  'ADD',
  'VOLUME',
  'SHELL',
  'STOPSIGNAL',
  'ONBUILD',
  'MAINTAINER',
];

/** What follows the keyword in its snippet form. */
const KEYWORD_SNIPPETS: Readonly<Record<string, string>> = {
  FROM: ' ${1:image}:${2:tag}',
  RUN: ' ${1:command}',
  COPY: ' ${1:src} ${2:dest}',
  WORKDIR: ' ${1:/app}',
  ENV: ' ${1:NAME}=${2:value}',
  ARG: ' ${1:NAME}',
  USER: ' ${1:user}',
  EXPOSE: ' ${1:8080}',
  CMD: ' ["${1:executable}", "${2:param}"]',
  ENTRYPOINT: ' ["${1:executable}", "${2:param}"]',
  LABEL: ' ${1:org.opencontainers.image.description}="${2:value}"',
  HEALTHCHECK: ' --interval=${1:30s} --timeout=${2:5s} CMD ${3:command} || exit 1',
  ADD: ' ${1:src} ${2:dest}',
  VOLUME: ' ["${1:/data}"]',
  SHELL: ' ["${1:/bin/bash}", "-o", "pipefail", "-c"]',
  STOPSIGNAL: ' ${1|' + STOP_SIGNALS.map((s) => s.name).join(',') + '|}',
  ONBUILD: ' $0',
  MAINTAINER: ' ${1:name}',
};

/** Extra snippet items for common shapes of an instruction (only for clients with snippets); `AS` follows the file's keyword case. */
const KEYWORD_VARIANTS: readonly { keyword: string; label: string; snippet: string; detail: string }[] = [
  { keyword: 'FROM', label: '… AS', snippet: ' ${1:image}:${2:tag} AS ${3:name}', detail: 'a named build stage' },
  {
    keyword: 'COPY',
    label: '--from',
    snippet: ' --from=${1:stage} ${2:src} ${3:dest}',
    detail: 'copy from an earlier stage',
  },
  {
    keyword: 'COPY',
    label: '--chown',
    snippet: ' --chown=${1:user}:${2:group} ${3:src} ${4:dest}',
    detail: 'copy owned by a user',
  },
  {
    keyword: 'RUN',
    label: '--mount=type=cache',
    snippet: ' --mount=type=cache,target=${1:/root/.cache} ${2:command}',
    detail: 'keep a cache between builds',
  },
];

/** Instructions an ONBUILD may not carry. */
const NOT_TRIGGERS = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

function keywordCompletion(
  model: DockerfileModel,
  line: number,
  offset: number,
  before: string,
  after: string,
  options: CompletionOptions,
): Completion | null {
  const onbuild = /^\s*(onbuild)\s+([A-Za-z]*)$/i.exec(before);
  if (!onbuild && !/^\s*[A-Za-z]*$/.test(before)) return null;
  const partial = onbuild ? onbuild[2] : before.trimStart();
  const restOfWord = /^[A-Za-z]*/.exec(after)![0];
  // With arguments already on the line, only the keyword is replaced; a snippet would duplicate them.
  const bare = after.slice(restOfWord.length).trim() === '';
  const snippets = options.snippets && bare;
  const inGlobalScope = !model.stages.some((s) => s.from.getRange().start.line < line);
  let keywords = KEYWORD_ORDER;
  if (onbuild) keywords = keywords.filter((k) => !NOT_TRIGGERS.has(k));
  else if (inGlobalScope) keywords = ['FROM', 'ARG'];
  const lower = onbuild ? onbuild[1] === onbuild[1].toLowerCase() : instructionCaseMajority(model) === 'lower';
  const cased = (word: string) => (lower ? word.toLowerCase() : word.toUpperCase());
  const items: CompletionItem[] = [];
  keywords.forEach((keyword, index) => {
    const sortText = String(index).padStart(2, '0');
    const documentation = { kind: MarkupKind.Markdown, value: keywordDocumentation(keyword) };
    const item: CompletionItem = {
      label: cased(keyword),
      kind: CompletionItemKind.Keyword,
      detail: INSTRUCTION_DOCS[keyword]?.forms[0],
      documentation,
      sortText,
      insertText: bare ? `${cased(keyword)} ` : cased(keyword),
    };
    if (keyword === 'MAINTAINER') {
      item.tags = [CompletionItemTag.Deprecated];
      item.detail = 'deprecated: use LABEL org.opencontainers.image.authors';
    }
    if (snippets) {
      item.insertText = cased(keyword) + KEYWORD_SNIPPETS[keyword].replace(/\b(AS|CMD)\b/, cased);
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    items.push(item);
    if (!snippets || onbuild) return;
    for (const [variantIndex, variant] of KEYWORD_VARIANTS.filter((v) => v.keyword === keyword).entries()) {
      items.push({
        label: `${cased(keyword)} ${variant.label.replace(/\bAS\b/, cased('AS'))}`,
        kind: CompletionItemKind.Snippet,
        detail: variant.detail,
        documentation,
        sortText: `${sortText}_${variantIndex}`,
        filterText: cased(keyword),
        insertText: cased(keyword) + variant.snippet.replace(/\b(AS|CMD)\b/, cased),
        insertTextFormat: InsertTextFormat.Snippet,
      });
    }
  });
  const start = offset - partial.length;
  return { place: onbuild ? 'trigger-keyword' : 'keyword', start, end: offset + restOfWord.length, items };
}

function keywordDocumentation(keyword: string): string {
  const doc = INSTRUCTION_DOCS[keyword];
  if (!doc) return `\`${keyword}\``;
  return [
    `**${doc.keyword}**: ${doc.summary}`,
    '```dockerfile\n' + doc.forms.join('\n') + '\n```',
    `[Dockerfile reference](${REFERENCE}#${doc.referenceAnchor})`,
  ].join('\n\n');
}

// ─── Arguments: flags, values, variables, images, stages ─────────────────

/** The instruction's words before the cursor, continuations and comment lines removed. */
function wordsOf(text: string, escapeChar: string): string[] {
  const escape = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const joined = text
    .replace(new RegExp(`${escape}[ \\t]*\\r?\\n`, 'g'), ' ')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  return joined.split(/\s+/).filter(Boolean);
}

function argumentCompletion(
  model: DockerfileModel,
  instruction: Instruction,
  offset: number,
  before: string,
  after: string,
  options: CompletionOptions,
): Completion | null {
  const instructionStart = model.offsetAt(instruction.getRange().start);
  const text = model.text.slice(instructionStart, offset);
  let head = /^\s*([A-Za-z]+)/.exec(text);
  if (!head) return null;
  const viaOnbuild = head[1].toUpperCase() === 'ONBUILD';
  if (viaOnbuild) {
    head = /^\s*[A-Za-z]+\s+([A-Za-z]+)(?=\s)/.exec(text);
    if (!head) return null;
  }
  const keyword = head[1].toUpperCase();
  if (!INSTRUCTION_KEYWORDS.has(keyword)) return null;
  const partial = /\S*$/.exec(before)![0];
  const previous = wordsOf(text.slice(head[0].length, text.length - partial.length), model.escapeChar);
  const inFlags = previous.every((w) => w.startsWith('--'));

  const variable = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (variable && before[variable.index - 1] !== model.escapeChar) {
    if (viaOnbuild) return null;
    const closed = after[/^[A-Za-z0-9_]*/.exec(after)![0].length] === '}';
    return variableCompletion(
      model,
      instruction,
      keyword,
      previous,
      offset,
      variable[2] ?? '',
      variable[1] === '{' && !closed,
    );
  }

  if (inFlags && partial.startsWith('-')) {
    const valued = /^--([A-Za-z-]+)=(.*)$/.exec(partial);
    if (valued) return flagValueCompletion(model, instruction, keyword, valued[1].toLowerCase(), valued[2], offset);
    if (!/^--?[A-Za-z-]*$/.test(partial)) return null;
    return flagCompletion(model, instruction, keyword, previous, offset - partial.length, options);
  }
  const word = instruction.getInstruction();
  if (inFlags) {
    switch (keyword) {
      case 'FROM':
        return viaOnbuild ? null : imageCompletion(model, instruction, partial, offset, options);
      case 'STOPSIGNAL':
        return /^[A-Za-z0-9+]*$/.test(partial)
          ? { place: 'signal', start: offset - partial.length, items: signalItems() }
          : null;
      case 'HEALTHCHECK':
        return /^[A-Za-z]*$/.test(partial)
          ? healthcheckCompletion(
              viaOnbuild ? keywordOf(text) : word,
              previous.length === 0,
              offset - partial.length,
              options,
            )
          : null;
      default:
        return null;
    }
  }
  if (
    keyword === 'FROM' &&
    !viaOnbuild &&
    previous.filter((w) => !w.startsWith('--')).length === 1 &&
    /^[A-Za-z]*$/.test(partial)
  ) {
    const as = keywordLike(word, 'AS');
    return {
      place: 'as',
      start: offset - partial.length,
      items: [
        {
          label: as,
          kind: CompletionItemKind.Keyword,
          detail: 'name this build stage',
          documentation: {
            kind: MarkupKind.Markdown,
            value:
              'Names the stage, so later instructions can use it: `FROM <name>`, `COPY --from=<name>`, `RUN --mount=from=<name>`, `docker build --target <name>`.',
          },
          insertText: options.snippets ? `${as} \${1:name}` : `${as} `,
          insertTextFormat: options.snippets ? InsertTextFormat.Snippet : undefined,
        },
      ],
    };
  }
  return null;
}

/** The trigger keyword of an `ONBUILD` text, as written. */
function keywordOf(text: string): string {
  return /^\s*[A-Za-z]+\s+([A-Za-z]+)/.exec(text)?.[1] ?? '';
}

function flagCompletion(
  model: DockerfileModel,
  instruction: Instruction,
  keyword: string,
  previous: string[],
  start: number,
  options: CompletionOptions,
): Completion | null {
  const present = new Set(previous.map((w) => /^--([A-Za-z-]+)/.exec(w)?.[1].toLowerCase()));
  // COPY --from takes an unnamed stage by its index.
  const stages = earlierStageRefs(model, instruction, keyword === 'COPY');
  const items = FLAG_DOCS.filter((f) => f.instructions.includes(keyword) && (f.repeatable || !present.has(f.name))).map(
    (flag, index): CompletionItem => {
      const item: CompletionItem = {
        label: `--${flag.name}`,
        kind: CompletionItemKind.Property,
        detail: flag.syntax,
        documentation: { kind: MarkupKind.Markdown, value: flag.doc },
        sortText: String(index).padStart(2, '0'),
        insertText: flag.kind === 'bool' ? `--${flag.name}` : `--${flag.name}=`,
      };
      if (flag.kind === 'value' && options.snippets && flag.snippet) {
        const snippet =
          flag.name === 'from' && stages.length > 0 ? `\${1|${stages.map(snippetChoice).join(',')}|}` : flag.snippet;
        item.insertText = `--${flag.name}=${snippet}`;
        item.insertTextFormat = InsertTextFormat.Snippet;
      } else if (
        flag.kind === 'value' &&
        (flag.name === 'mount' || (flag.name === 'from' && stages.length > 0) || FLAG_VALUES[flag.name])
      )
        VALUES_FOLLOW.add(item);
      return item;
    },
  );
  return { place: 'flag', start, items };
}

function snippetChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}

function flagValueCompletion(
  model: DockerfileModel,
  instruction: Instruction,
  keyword: string,
  flag: string,
  value: string,
  offset: number,
): Completion | null {
  if (!FLAG_DOCS.some((f) => f.name === flag && f.instructions.includes(keyword))) return null;
  if (flag === 'mount') return mountCompletion(model, instruction, value, offset);
  if (flag === 'from')
    return {
      place: 'flag-value',
      start: offset - value.length,
      items: stageItems(model, instruction, keyword === 'COPY'),
    };
  const values = FLAG_VALUES[flag];
  if (!values) return null;
  return { place: 'flag-value', start: offset - value.length, items: valueItems(values) };
}

function valueItems(
  values: readonly ValueDoc[],
  kind: CompletionItemKind = CompletionItemKind.Value,
): CompletionItem[] {
  return values.map((v, index) => ({
    label: v.value,
    kind,
    documentation: { kind: MarkupKind.Markdown, value: v.doc },
    sortText: String(index).padStart(2, '0'),
  }));
}

const MOUNT_TYPE_ORDER: readonly MountType[] = ['cache', 'secret', 'bind', 'ssh', 'tmpfs'];

function mountCompletion(
  model: DockerfileModel,
  instruction: Instruction,
  value: string,
  offset: number,
): Completion | null {
  const fields = value.split(',');
  const current = fields.pop()!;
  const written = fields.map((f) => {
    const eq = f.indexOf('=');
    return { key: (eq < 0 ? f : f.slice(0, eq)).toLowerCase(), value: eq < 0 ? '' : f.slice(eq + 1).toLowerCase() };
  });
  const typeValue = written.find((f) => f.key === 'type')?.value;
  const type: MountType = typeValue && typeValue in MOUNT_TYPES ? (typeValue as MountType) : 'bind';
  const eq = current.indexOf('=');
  if (eq >= 0) {
    const key = current.slice(0, eq).toLowerCase();
    const start = offset - (current.length - eq - 1);
    if (key === 'type') {
      const items = MOUNT_TYPE_ORDER.map((t, index) => ({
        label: t,
        kind: CompletionItemKind.EnumMember,
        documentation: { kind: MarkupKind.Markdown, value: `**\`type=${t}\`**: ${MOUNT_TYPES[t]}` },
        sortText: String(index),
      }));
      return { place: 'mount', start, items };
    }
    if (key === 'from' && type !== 'secret' && type !== 'tmpfs')
      return { place: 'mount', start, items: stageItems(model, instruction) };
    const option = MOUNT_OPTIONS[type].find((o) => o.name === key || o.aliases?.includes(key));
    return option?.values
      ? { place: 'mount', start, items: valueItems(option.values, CompletionItemKind.EnumMember) }
      : null;
  }
  const taken = new Set(written.map((f) => f.key));
  const items: CompletionItem[] = [];
  if (!taken.has('type')) {
    const item: CompletionItem = {
      label: 'type=',
      kind: CompletionItemKind.Property,
      detail: 'bind (default), cache, tmpfs, secret, ssh',
      documentation: { kind: MarkupKind.Markdown, value: 'The kind of mount. Without it the mount is a `bind` mount.' },
      sortText: '00',
    };
    VALUES_FOLLOW.add(item);
    items.push(item);
  }
  const stagesBefore = earlierStages(model, instruction).length > 0;
  MOUNT_OPTIONS[type].forEach((option, index) => {
    if ([option.name, ...(option.aliases ?? [])].some((k) => taken.has(k))) return;
    const item: CompletionItem = {
      label: option.bare ? option.name : `${option.name}=`,
      kind: CompletionItemKind.Property,
      detail: `type=${type}`,
      documentation: { kind: MarkupKind.Markdown, value: option.doc },
      sortText: String(index + 1).padStart(2, '0'),
    };
    if (!option.bare && (option.values || (option.name === 'from' && stagesBefore))) VALUES_FOLLOW.add(item);
    items.push(item);
  });
  return { place: 'mount', start: offset - current.length, items };
}

/**
 * The stages before the stage of `instruction` (for a FROM: before the stage it starts); named ones only unless
 * `unnamed` (COPY --from also takes a stage's index; FROM and RUN --mount from= take names only).
 */
function earlierStages(model: DockerfileModel, instruction: Instruction, unnamed = false): Stage[] {
  const current = model.stages.find((s) => s.from === instruction) ?? model.stageOf(instruction);
  const line = instruction.getRange().start.line;
  return model.stages.filter(
    (s) => (unnamed || s.name !== null) && (current ? s.index < current.index : s.from.getRange().start.line < line),
  );
}

/** What `--from` of COPY can name: each earlier stage by its name, or by its index when it has none. */
function earlierStageRefs(model: DockerfileModel, instruction: Instruction, withIndexes: boolean): string[] {
  const refs: string[] = [];
  for (const stage of earlierStages(model, instruction, withIndexes)) {
    if (stage.name === null) refs.push(String(stage.index));
    else if (!refs.some((n) => n.toLowerCase() === stage.name!.toLowerCase())) refs.push(stage.name);
  }
  return refs;
}

/** Earlier stages where a stage reference goes; unnamed ones by index when `withIndexes` (COPY --from). */
function stageItems(model: DockerfileModel, instruction: Instruction, withIndexes = false): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  // The last definition of a name wins for references after it, so walk backwards.
  for (const stage of earlierStages(model, instruction, withIndexes).reverse()) {
    const label = stage.name ?? String(stage.index);
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const base = stage.from.getImage() ?? '';
    const title = stage.name === null ? `Build stage ${stage.index}` : `Build stage \`${stage.name}\``;
    items.push({
      label,
      kind: CompletionItemKind.Reference,
      detail: `build stage ${stage.index}${base ? ` (FROM ${base})` : ''}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `**${title}**, line ${stage.from.getRange().start.line + 1}${base ? `: built from \`${base}\`` : ''}.${stage.name === null ? ' It has no name (`AS <name>`), so `--from` names it by its index.' : ''}`,
      },
      sortText: `0_${String(stage.index).padStart(3, '0')}`,
    });
  }
  return items;
}

function imageCompletion(
  model: DockerfileModel,
  instruction: Instruction,
  partial: string,
  offset: number,
  options: CompletionOptions,
): Completion | null {
  if (partial.includes('@') || partial.includes('$')) return null;
  const colon = partial.lastIndexOf(':');
  if (colon > partial.lastIndexOf('/')) {
    const image = knownImage(parseImageReference(partial.slice(0, colon)));
    if (!image) return null;
    const items = image.tags.map((tag, index) => ({
      label: tag,
      kind: CompletionItemKind.Value,
      detail: `${image.name}:${tag}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `A maintained tag of \`${image.name}\`. A version tag keeps rebuilds predictable; add \`@sha256:…\` to pin the exact image.`,
      },
      sortText: String(index).padStart(2, '0'),
    }));
    return { place: 'tag', start: offset - (partial.length - colon - 1), items };
  }
  const items: CompletionItem[] = stageItems(model, instruction);
  KNOWN_IMAGES.forEach((image, index) => {
    const item: CompletionItem = {
      label: image.name,
      kind: CompletionItemKind.Module,
      detail: `tags: ${image.tags.join(', ')}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `Base image \`${image.name}\`. Tags that exist: ${image.tags.map((t) => `\`${t}\``).join(', ')}.`,
      },
      sortText: `1_${String(index).padStart(3, '0')}`,
      insertText: image.name,
    };
    if (options.snippets) {
      item.insertText = `${image.name}:\${1|${image.tags.map(snippetChoice).join(',')}|}`;
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    items.push(item);
  });
  items.push({
    label: 'scratch',
    kind: CompletionItemKind.Module,
    detail: 'the empty image',
    documentation: {
      kind: MarkupKind.Markdown,
      value:
        'Starts from an empty filesystem: no shell, no libraries. For statically linked binaries copied in from a build stage.',
    },
    sortText: '2_scratch',
  });
  return { place: 'image', start: offset - partial.length, items };
}

function signalItems(): CompletionItem[] {
  return STOP_SIGNALS.map((signal, index) => ({
    label: signal.name,
    kind: CompletionItemKind.EnumMember,
    documentation: { kind: MarkupKind.Markdown, value: signal.doc },
    sortText: String(index).padStart(2, '0'),
  }));
}

function healthcheckCompletion(word: string, noFlags: boolean, start: number, options: CompletionOptions): Completion {
  const cmd = keywordLike(word, 'CMD');
  const items: CompletionItem[] = [
    {
      label: cmd,
      kind: CompletionItemKind.Keyword,
      detail: 'the check command',
      documentation: {
        kind: MarkupKind.Markdown,
        value:
          'The command that checks the container, run inside it: exit code 0 means healthy, 1 unhealthy. End it with `|| exit 1`, because 2 is reserved.',
      },
      sortText: '0',
      insertText: options.snippets ? `${cmd} \${1:command} || exit 1` : `${cmd} `,
      insertTextFormat: options.snippets ? InsertTextFormat.Snippet : undefined,
    },
  ];
  if (noFlags) {
    items.push({
      label: keywordLike(word, 'NONE'),
      kind: CompletionItemKind.Keyword,
      detail: 'turn off an inherited health check',
      documentation: { kind: MarkupKind.Markdown, value: 'Turns off the health check inherited from the base image.' },
      sortText: '1',
    });
  }
  return { place: 'healthcheck', start, items };
}

// ─── Variables ───────────────────────────────────────────────────────────

/** Instructions whose variables are expanded by the shell when the container runs: only ENV values exist then. */
const RUNTIME_EXPANSION = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
/** Instructions without variable expansion. */
const NO_EXPANSION = new Set(['SHELL', 'MAINTAINER']);

function variableCompletion(
  model: DockerfileModel,
  instruction: Instruction,
  keyword: string,
  previous: string[],
  offset: number,
  name: string,
  closeBrace: boolean,
): Completion | null {
  if (NO_EXPANSION.has(keyword)) return null;
  // Exec form runs the program directly: nothing expands `$NAME`.
  if (['RUN', 'CMD', 'ENTRYPOINT'].includes(keyword) && previous.find((w) => !w.startsWith('--'))?.startsWith('['))
    return null;
  const scopes = variableScopes(model);
  const items: CompletionItem[] = [];
  const item = (label: string, detail: string, doc: string, sortText: string): void => {
    items.push({
      label,
      kind: CompletionItemKind.Variable,
      detail,
      documentation: { kind: MarkupKind.Markdown, value: doc },
      sortText,
      insertText: closeBrace ? `${label}}` : label,
    });
  };
  const scope = keyword === 'FROM' ? null : scopes.scopeAt(instruction);
  if (!scope) {
    // A FROM line, or an ARG default before the first FROM: the global scope.
    const line = instruction.getRange().start.line;
    for (const def of scopes.globals.values()) {
      if (keyword === 'FROM' || def.instruction.getRange().start.line < line)
        item(def.name, valueDetail(def), definitionDoc(model, def), `0_${def.name}`);
    }
    for (const arg of PLATFORM_ARGS) {
      if (!scopes.globals.has(arg))
        item(
          arg,
          'set by BuildKit',
          `${PLATFORM_ARG_DOCS[arg]}\n\nSet automatically in the global scope, so \`FROM\` lines can use it.`,
          `1_${arg}`,
        );
    }
  } else {
    for (const def of scope.defined.values()) {
      if (RUNTIME_EXPANSION.has(keyword) && def.kind !== 'env') continue;
      item(
        def.name,
        valueDetail(def, scopes.globals.get(def.name)),
        definitionDoc(model, def, scopes.globals.get(def.name)),
        `0_${def.name}`,
      );
    }
  }
  return { place: 'variable', start: offset - name.length, items };
}

function valueDetail(def: VariableDefinition, global?: VariableDefinition): string {
  if (def.value !== null) return `${def.kind === 'env' ? 'ENV' : 'ARG'} = ${def.value}`;
  if (PLATFORM_ARGS.includes(def.name)) return 'ARG, set by BuildKit';
  if (PROXY_ARGS.includes(def.name)) return 'ARG, from --build-arg';
  if (def.kind === 'arg' && global?.value != null) return `ARG = ${global.value} (global default)`;
  return 'ARG without default';
}

function definitionDoc(model: DockerfileModel, def: VariableDefinition, global?: VariableDefinition): string {
  const line = def.instruction.getRange().start.line + 1;
  const where = def.stage
    ? def.stage.name
      ? `stage \`${def.stage.name}\``
      : `stage ${def.stage.index}`
    : 'the global scope (before the first `FROM`)';
  const parts = [`\`${def.kind === 'env' ? 'ENV' : 'ARG'}\` on line ${line}, in ${where}.`];
  if (def.value !== null) {
    parts.push('```dockerfile\n' + model.lineText(def.instruction.getRange().start.line).trim() + '\n```');
  } else if (PLATFORM_ARGS.includes(def.name)) {
    parts.push(`${PLATFORM_ARG_DOCS[def.name]} Set automatically by BuildKit.`);
  } else if (PROXY_ARGS.includes(def.name)) {
    parts.push(
      'A predefined proxy argument: its value comes from `--build-arg`. Declared with `ARG`, it also shows in `docker history`.',
    );
  } else if (def.kind === 'arg' && global?.value != null) {
    parts.push(
      `Takes the default of the global \`ARG\` on line ${global.instruction.getRange().start.line + 1}: \`${global.value}\`.`,
    );
  } else {
    parts.push('Empty unless the build sets it with `--build-arg`.');
  }
  if (def.kind === 'env') parts.push('Also set in the running container.');
  else if (def.stage) parts.push('Exists only while the image is built, not in the running container.');
  return parts.join('\n\n');
}

// ─── Parser directives ───────────────────────────────────────────────────

const DIRECTIVE_LINE = /^\s*#\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/;

function directiveCompletion(model: DockerfileModel, line: number, offset: number, before: string): Completion | null {
  const present = new Set<string>();
  for (let i = 0; i < line; i++) {
    const match = DIRECTIVE_LINE.exec(model.lineText(i));
    if (!match || !directiveNamed(match[1].toLowerCase())) return null;
    present.add(match[1].toLowerCase());
  }
  const naming = /^\s*#\s*([A-Za-z]*)$/.exec(before);
  if (naming) {
    const items = DIRECTIVES.filter((d) => !present.has(d.name)).map((d, index) => ({
      label: d.name,
      kind: CompletionItemKind.Keyword,
      detail: 'parser directive',
      documentation: { kind: MarkupKind.Markdown, value: d.completionDoc },
      sortText: String(index),
      insertText: `${d.name}=`,
    }));
    return { place: 'directive', start: offset - naming[1].length, items };
  }
  const valued = /^\s*#\s*([A-Za-z]+)\s*=\s*(.*)$/.exec(before);
  const directive = valued && directiveNamed(valued[1].toLowerCase());
  if (!valued || !directive) return null;
  const value = valued[2];
  if (directive.name !== 'check') {
    return { place: 'directive-value', start: offset - value.length, items: valueItems(directive.values) };
  }
  const part = value.split(';').pop()!.trimStart();
  const eq = part.indexOf('=');
  if (eq < 0) {
    const taken = new Set(
      value
        .split(';')
        .slice(0, -1)
        .map((p) => p.split('=')[0].trim().toLowerCase()),
    );
    const items = valueItems(directive.values.filter((v) => !taken.has(v.value.split('=')[0])));
    return { place: 'directive-value', start: offset - part.length, items };
  }
  const key = part.slice(0, eq).trim().toLowerCase();
  const list = part.slice(eq + 1);
  if (key === 'error')
    return {
      place: 'directive-value',
      start: offset - list.length,
      items: valueItems([
        { value: 'true', doc: 'A violated check fails the build.' },
        { value: 'false', doc: 'The default: violated checks are printed as warnings.' },
      ]),
    };
  if (key !== 'skip' && key !== 'experimental') return null;
  const names = list.split(',');
  const current = names.pop()!;
  const listed = new Set(names.map((n) => n.trim().toLowerCase()));
  const checks = buildkitChecks().filter(
    (c) => (key === 'skip' || EXPERIMENTAL_BUILDKIT_CHECKS.has(c.name)) && !listed.has(c.name.toLowerCase()),
  );
  const items: CompletionItem[] = checks.map((c) => ({
    label: c.name,
    kind: CompletionItemKind.EnumMember,
    detail: `BuildKit check (Docker Coach: ${c.ruleId})`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${c.title}.\n\n${key === 'skip' ? 'BuildKit no longer reports it for this file.' : 'An experimental check BuildKit runs only when asked.'}`,
    },
    sortText: `1_${c.name}`,
  }));
  if (names.length === 0)
    items.unshift({
      label: 'all',
      kind: CompletionItemKind.EnumMember,
      documentation: {
        kind: MarkupKind.Markdown,
        value: key === 'skip' ? 'Turns every check off.' : 'Turns every experimental check on.',
      },
      sortText: '0',
    });
  return { place: 'directive-value', start: offset - current.length, items };
}

let checkNames: { name: string; title: string; ruleId: string }[] | undefined;

/** The BuildKit checks our rules mirror, by BuildKit name. */
function buildkitChecks(): { name: string; title: string; ruleId: string }[] {
  if (!checkNames) {
    const byName = new Map<string, { name: string; title: string; ruleId: string }>();
    for (const rule of DOCKERFILE_RULES) {
      for (const eq of rule.equivalents)
        if (eq.tool === 'buildkit' && !byName.has(eq.id))
          byName.set(eq.id, { name: eq.id, title: rule.title, ruleId: rule.id });
    }
    checkNames = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
  return checkNames;
}
