/**
 * Completion in compose files, from the cursor's place in the (possibly unfinished)
 * file: the keys the compose-spec schema allows there and that are not written yet,
 * enum-like values, and the names of services, networks, volumes, secrets and configs
 * where a reference goes. Every item carries its documentation.
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
import { cursorContext, CursorContext } from '../compose/cursorContext';
import { ComposeModel, DefinitionSection, scalarText } from '../compose/model';
import { enumAt, keysAt, schemasAt, valueTypeOf } from '../compose/schemaPaths';
import {
  COMPOSE_REFERENCE,
  COMPOSE_SERVICE_KEYS,
  COMPOSE_TOP_LEVEL_KEYS,
  COMPOSE_VALUES,
  ComposeKeyDoc,
  composeValueDoc,
} from '../data/composeKeys';
import { KNOWN_IMAGES } from '../data/images';
import { serviceSummary } from './composeHover';
import { DocLinks, lessonLink } from './markdown';

export interface CompletionOptions {
  /** The client inserts snippets (`$0` placeholders). */
  snippets: boolean;
  /** The character that triggered the request, if any. */
  triggerCharacter?: string;
  /**
   * The client runs `editor.action.triggerSuggest` after an item (VS Code): an item that ends where values
   * follow (`type=`) opens their list at once, as typing `=` would.
   */
  retrigger?: boolean;
}

/** The command that opens completion again after an item is inserted (VS Code's). */
export const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

/** Where a list item or mapping key names something defined elsewhere: the last key of the path (under a service) → what it names. */
const ITEM_REFERENCES: Record<string, 'service' | DefinitionSection> = {
  depends_on: 'service',
  links: 'service',
  volumes_from: 'service',
  networks: 'networks',
  secrets: 'secrets',
  configs: 'configs',
  volumes: 'volumes',
};

export function composeCompletion(
  model: ComposeModel,
  position: Position,
  options: CompletionOptions,
  links: DocLinks,
): CompletionList | null {
  const offset = model.document.offsetAt(position);
  const context = cursorContext(model.text, offset);
  if (!context) return null;
  // A space typed in indentation is not a request for keys; after `- ` or `key: ` it is.
  if (options.triggerCharacter === ' ' && context.kind === 'key') return null;
  const items =
    context.kind === 'key'
      ? keyItems(model, context, options, links)
      : context.kind === 'value'
        ? valueItems(model, context)
        : itemItems(model, context);
  if (items.length === 0) return null;
  const range = model.rangeOf(context.prefixStart, offset);
  for (const item of items) {
    const text = item.insertText ?? item.label;
    item.textEdit = TextEdit.replace(range, text);
    delete item.insertText;
    item.filterText ??= item.label;
  }
  return { isIncomplete: false, items };
}

function ownDoc(path: readonly (string | number)[], key: string): ComposeKeyDoc | undefined {
  if (path.length === 0) return COMPOSE_TOP_LEVEL_KEYS[key];
  if (path.length === 2 && path[0] === 'services') return COMPOSE_SERVICE_KEYS[key];
  return undefined;
}

function keyDocumentation(
  key: string,
  description: string | undefined,
  own: ComposeKeyDoc | undefined,
  links: DocLinks,
): string {
  const parts: string[] = [];
  if (own) parts.push(own.summary, ...(own.example ? ['```yaml\n' + own.example + '\n```'] : []));
  if (description && description !== own?.summary)
    parts.push(own ? `*Compose specification:* ${description}` : description);
  if (own) parts.push(`[Reference](${COMPOSE_REFERENCE}${own.reference}) · ${lessonLink(own.lesson, links)}`);
  return parts.join('\n\n') || `\`${key}\``;
}

function keyItems(
  model: ComposeModel,
  context: CursorContext,
  options: CompletionOptions,
  links: DocLinks,
): CompletionItem[] {
  const { path } = context;
  const last = path[path.length - 1];
  // A mapping of names: `depends_on:` / `networks:` in their mapping form under a service.
  if (path.length === 3 && path[0] === 'services' && (last === 'depends_on' || last === 'networks')) {
    return nameItems(model, last === 'depends_on' ? 'service' : 'networks', context, String(path[1]), ':');
  }
  const present = new Set(context.siblings);
  return keysAt(path)
    .filter((k) => !present.has(k.name))
    .map((k) => {
      const own = ownDoc(path, k.name);
      const item: CompletionItem = {
        label: k.name,
        kind: path.length === 0 ? CompletionItemKind.Module : CompletionItemKind.Property,
        detail: k.valueType,
        documentation: { kind: MarkupKind.Markdown, value: keyDocumentation(k.name, k.description, own, links) },
        sortText: `${k.deprecated ? 2 : own ? 0 : 1}_${k.name}`,
      };
      if (k.deprecated) item.tags = [CompletionItemTag.Deprecated];
      if (options.snippets) {
        item.insertTextFormat = InsertTextFormat.Snippet;
        item.insertText =
          k.valueType === 'object'
            ? `${k.name}:\n  $0`
            : k.valueType === 'array'
              ? `${k.name}:\n  - $0`
              : `${k.name}: $0`;
      } else {
        item.insertText = k.valueType === 'object' || k.valueType === 'array' ? `${k.name}:` : `${k.name}: `;
      }
      return item;
    });
}

function valueItems(model: ComposeModel, context: CursorContext): CompletionItem[] {
  const key = context.key!;
  const path = [...context.path, key];
  const inService = context.path.length === 2 && context.path[0] === 'services';
  const service = inService ? String(context.path[1]) : undefined;
  const parentKey = context.path[context.path.length - 1];
  if (inService && key === 'image') return imageItems();
  if (inService && key === 'extends') return nameItems(model, 'service', context, service);
  if (parentKey === 'extends' && key === 'service')
    return nameItems(model, 'service', context, String(context.path[1]));
  if (inService && key === 'network_mode') {
    const modes = ['bridge', 'host', 'none'].map((v) => valueItem(key, v));
    const services = model.services
      .filter((s) => s.name !== service)
      .map((s) => ({ ...valueItem(key, `service:${s.name}`), kind: CompletionItemKind.Reference }));
    return [...modes, ...services];
  }
  // `source:` in the long form of a service's secrets, configs or volumes.
  if (
    key === 'source' &&
    context.path.length === 4 &&
    context.path[0] === 'services' &&
    typeof context.path[3] === 'number'
  ) {
    const section = context.path[2];
    if (section === 'secrets' || section === 'configs' || section === 'volumes')
      return nameItems(model, section, context, service);
  }
  const values = new Set(enumAt(path));
  if (inService && COMPOSE_VALUES[key] && key !== 'type')
    for (const v of Object.keys(COMPOSE_VALUES[key])) values.add(v);
  if (values.size === 0 && schemasAt(path).some((s) => valueTypeOf(s) === 'boolean')) {
    values.add('true');
    values.add('false');
  }
  return [...values].map((v) => valueItem(key, v));
}

/** Words YAML 1.1 parsers read as booleans; Compose wants the string (`restart: "no"`). */
const BOOLEAN_LOOKING = new Set(['no', 'yes', 'on', 'off', 'y', 'n']);

function valueItem(key: string, value: string): CompletionItem {
  const doc = composeValueDoc(key, value);
  return {
    label: value,
    kind: CompletionItemKind.EnumMember,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    insertText: BOOLEAN_LOOKING.has(value) ? `"${value}"` : value,
  };
}

function imageItems(): CompletionItem[] {
  return KNOWN_IMAGES.flatMap((image, i) =>
    image.tags.map((tag, j) => ({
      label: `${image.name}:${tag}`,
      kind: CompletionItemKind.Value,
      detail: 'a tag that exists',
      sortText: `${String(i).padStart(3, '0')}_${j}`,
    })),
  );
}

function itemItems(model: ComposeModel, context: CursorContext): CompletionItem[] {
  const { path } = context;
  const inService = path.length === 3 && path[0] === 'services';
  const service = inService ? String(path[1]) : undefined;
  const last = String(path[path.length - 1]);
  const items: CompletionItem[] = [];
  if (inService && ITEM_REFERENCES[last]) {
    items.push(...nameItems(model, ITEM_REFERENCES[last], context, service, last === 'volumes' ? ':' : ''));
  } else if (path.length === 4 && path[0] === 'services' && path[2] === 'build' && last === 'secrets') {
    items.push(...nameItems(model, 'secrets', context, service));
  }
  // The first key of a new list item's mapping (`- type: volume`, `- path: .env`).
  for (const k of keysAt([...path, 0])) {
    items.push({
      label: k.name,
      kind: CompletionItemKind.Property,
      detail: k.valueType,
      documentation: k.description ? { kind: MarkupKind.Markdown, value: k.description } : undefined,
      insertText: `${k.name}: `,
      sortText: `1_${k.name}`,
    });
  }
  return items;
}

/** Names of services or of top-level definitions, without the current service and those already listed. */
function nameItems(
  model: ComposeModel,
  what: 'service' | DefinitionSection,
  context: CursorContext,
  current: string | undefined,
  suffix = '',
): CompletionItem[] {
  const taken = new Set(context.siblings);
  // Each name once, even when a broken file defines it twice.
  const first = <T extends { name: string }>(x: T, i: number, all: T[]) =>
    all.findIndex((y) => y.name === x.name) === i;
  if (what === 'service') {
    return model.services
      .filter((s, i, all) => s.name !== current && !taken.has(s.name) && first(s, i, all))
      .map((s) => {
        const image = scalarText(s.entries.get('image')?.value);
        const detail = image ? `service (image ${image})` : s.entries.has('build') ? 'service (built)' : 'service';
        return {
          label: s.name,
          kind: CompletionItemKind.Reference,
          detail,
          documentation: { kind: MarkupKind.Markdown, value: `**Service \`${s.name}\`**\n\n${serviceSummary(s)}` },
          insertText: s.name + suffix,
          sortText: `0_${s.name}`,
        };
      });
  }
  const kind = what.slice(0, -1);
  return model
    .definitions(what)
    .filter((d, i, all) => !taken.has(d.name) && first(d, i, all))
    .map((d) => ({
      label: d.name,
      kind: CompletionItemKind.Reference,
      detail: `${kind} defined in this file`,
      insertText: d.name + suffix,
      sortText: `0_${d.name}`,
    }));
}
