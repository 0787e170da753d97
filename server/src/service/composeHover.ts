/**
 * Hovers in compose files: every key (the compose-spec schema's description, with
 * our own text for the common ones), enum-like values, references to services,
 * networks, volumes, secrets and configs (what they point at), and image references
 * taken apart.
 */
import { isMap, isScalar, isSeq, Node as YamlNode } from 'yaml';
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { effectivePath, locate, YamlLocation } from '../compose/locate';
import { ComposeModel, ComposeService, isInterpolated, scalarText } from '../compose/model';
import { NameOccurrence, nameOccurrences, occurrenceAt } from '../compose/names';
import { ComposeProjectContext, relativeTo } from '../compose/project/projectContext';
import { projectOccurrences } from '../compose/project/projectNames';
import { descriptionAt, enumAt, KeyPath } from '../compose/schemaPaths';
import {
  COMPOSE_REFERENCE,
  COMPOSE_SERVICE_KEYS,
  COMPOSE_TOP_LEVEL_KEYS,
  ComposeKeyDoc,
  composeValueDoc,
} from '../data/composeKeys';
import { imageNote, imageNoteMarkdown } from '../data/imageNotes';
import { knownImage } from '../data/images';
import { DocLinks, lessonLink } from './markdown';
import { parseImageReference } from '../dockerfile/image';

const KIND_TITLES: Record<NameOccurrence['kind'], string> = {
  service: 'Service',
  network: 'Network',
  volume: 'Volume',
  secret: 'Secret',
  config: 'Config',
  anchor: 'Anchor',
};
const SECTION_OF: Partial<Record<NameOccurrence['kind'], string>> = {
  network: 'networks',
  volume: 'volumes',
  secret: 'secrets',
  config: 'configs',
};

export function composeHover(
  model: ComposeModel,
  position: Position,
  links: DocLinks,
  project: ComposeProjectContext | null = null,
): Hover | null {
  const offset = model.document.offsetAt(position);
  const occurrence = occurrenceAt(model, offset);
  // `extends: {file: …, service: …}` names a service of another file: the value hover below says which.
  if (occurrence && occurrence.kind !== 'anchor' && !occurrence.definition && occurrence.inFile === undefined) {
    return markdown(model, occurrence.start, occurrence.end, referenceMarkdown(model, occurrence, project));
  }
  const location = locate(model, offset);
  if (!location || !location.node.range) return null;
  const [start, end] = location.node.range;
  const text =
    location.kind === 'key' ? keyMarkdown(model, location, occurrence, links) : valueMarkdown(model, location, links);
  return text ? markdown(model, start, end, text) : null;
}

function markdown(model: ComposeModel, start: number, end: number, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: model.rangeOf(start, end) };
}

function docMarkdown(
  title: string,
  doc: ComposeKeyDoc,
  schemaDescription: string | undefined,
  links: DocLinks,
): string {
  const parts = [`**${title}**: ${doc.summary}`];
  if (doc.notes.length) parts.push(doc.notes.map((n) => `- ${n}`).join('\n'));
  if (doc.example) parts.push('```yaml\n' + doc.example + '\n```');
  if (schemaDescription) parts.push(`*Compose specification:* ${schemaDescription}`);
  parts.push(`[Compose file reference](${COMPOSE_REFERENCE}${doc.reference}) · ${lessonLink(doc.lesson, links)}`);
  return parts.join('\n\n');
}

function keyMarkdown(
  model: ComposeModel,
  location: YamlLocation,
  occurrence: NameOccurrence | undefined,
  links: DocLinks,
): string | null {
  const path = effectivePath(model, location);
  const key = String(path[path.length - 1]);
  if (occurrence?.definition) return definitionMarkdown(model, occurrence);
  const description = descriptionAt(path);
  const own =
    path.length === 1
      ? COMPOSE_TOP_LEVEL_KEYS[key]
      : path.length === 3 && path[0] === 'services'
        ? COMPOSE_SERVICE_KEYS[key]
        : undefined;
  if (own) return docMarkdown(`${key}`, own, description, links);
  if (key === '<<')
    return '**<<**: a YAML merge key. The keys of the mapping it names (`*anchor`, or a list of them) are copied into this mapping; keys written here win over merged ones.';
  if (key.startsWith('x-'))
    return `**${key}**: an extension field. Compose ignores keys starting with \`x-\`; they hold shared settings that services pull in with YAML anchors and merge keys (\`<<: *name\`).`;
  if (description) return `**${key}**: ${description}\n\n\`${pathText(path)}\``;
  return null;
}

function pathText(path: KeyPath): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

function valueMarkdown(model: ComposeModel, location: YamlLocation, links: DocLinks): string | null {
  const path = effectivePath(model, location);
  const node = location.node as YamlNode;
  const value = isScalar(node) && typeof node.value === 'string' ? node.value : scalarText(node);
  if (value === null) return null;
  // The key the value belongs to (a list item belongs to the list's key).
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!key) return null;
  if (key === 'image' && path.length === 3 && path[0] === 'services') return imageMarkdown(value, links);
  if (key === 'service' && path[path.length - 2] === 'extends' && location.collections.length) {
    const extendsMap = location.collections[location.collections.length - 1];
    const file = isMap(extendsMap) ? scalarText(extendsMap.get('file', true)) : null;
    if (file) return `**Service \`${value}\`** of \`${file}\`: this service starts from its configuration.`;
  }
  const own = composeValueDoc(key, value);
  if (own) return `**${key}: ${value}**: ${own}`;
  const allowed = enumAt(path);
  if (allowed.length && allowed.includes(value)) {
    const description = descriptionAt(path);
    return `**${key}: ${value}**${description ? `: ${description}` : ''}\n\nAllowed values: ${allowed.map((v) => `\`${v}\``).join(', ')}`;
  }
  return null;
}

/** An image reference taken apart: registry, repository, tag, digest, with Docker Hub's defaults spelled out. */
export function imageMarkdown(raw: string, links: DocLinks): string {
  if (isInterpolated(raw))
    return `**Image** \`${raw}\`\n\nThe reference is filled in from environment variables when Compose reads the file, so its parts are only known then.`;
  const image = parseImageReference(raw);
  const hub = image.registry === null || image.registry === 'docker.io' || image.registry === 'index.docker.io';
  const official = hub && !image.repository.includes('/');
  const rows: [string, string][] = [];
  rows.push([
    'Registry',
    image.registry === null
      ? '`docker.io`: Docker Hub, the default when no registry is named'
      : `\`${image.registry}\`${hub ? ' (Docker Hub)' : ''}`,
  ]);
  rows.push([
    'Repository',
    official
      ? `\`library/${image.repository}\`: an official image (Docker Hub puts them under \`library/\`)`
      : `\`${image.repository}\``,
  ]);
  if (image.tag)
    rows.push([
      'Tag',
      `\`${image.tag}\`${image.tag === 'latest' ? ': whatever was pushed last; it changes under you' : ': a name the publisher can move to a newer build'}`,
    ]);
  else
    rows.push([
      'Tag',
      image.digest ? 'none (the digest decides)' : 'none, so `latest`: whatever was pushed last; it changes under you',
    ]);
  rows.push([
    'Digest',
    image.digest
      ? `\`${image.digest}\`: pins this exact image, whatever the tag points at later`
      : 'none: the tag decides which image you get',
  ]);
  const full = `${image.registry ?? 'docker.io'}/${official ? 'library/' : ''}${image.repository}${image.tag ? `:${image.tag}` : image.digest ? '' : ':latest'}${image.digest ? `@${image.digest}` : ''}`;
  const parts = [
    `**Image** \`${raw}\``,
    '| | |\n|---|---|\n' + rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n'),
    `Full reference: \`${full}\``,
  ];
  const known = knownImage(image);
  if (known)
    parts.push(`Tags that exist for \`${known.name}\` include ${known.tags.map((t) => `\`${t}\``).join(', ')}.`);
  const noted = imageNote(image);
  if (noted) parts.push(imageNoteMarkdown(noted.name, noted.note));
  parts.push(lessonLink('registries-and-tags', links));
  return parts.join('\n\n');
}

/** What a reference points at: the service's image, build and ports, or the definition of a network, volume, secret or config. */
function referenceMarkdown(
  model: ComposeModel,
  occurrence: NameOccurrence,
  project: ComposeProjectContext | null,
): string {
  const definition = nameOccurrences(model).find((o) => o.group === occurrence.group && o.definition);
  const elsewhere =
    !definition && project
      ? (projectOccurrences(project, model, occurrence.start)?.all.filter(
          (o) => o.occurrence.definition && o.file !== project.file,
        ) ?? [])
      : [];
  if (elsewhere.length) {
    const places = elsewhere.map(
      (o) =>
        `[${relativeTo(project!, o.file)}](${o.model.document.uri}#L${o.model.document.positionAt(o.occurrence.start).line + 1}) (line ${o.model.document.positionAt(o.occurrence.start).line + 1})`,
    );
    return `**${KIND_TITLES[occurrence.kind]} \`${occurrence.name}\`**: defined in ${places.join(', ')}, another file of this Compose project.`;
  }
  if (!definition) {
    if (occurrence.kind === 'network' && occurrence.name === 'default')
      return '**Network `default`**: the network Compose creates for every project; services without `networks:` join it.';
    const where =
      occurrence.kind === 'service' ? 'under `services:`' : `under the top-level \`${SECTION_OF[occurrence.kind]}:\``;
    return `**${KIND_TITLES[occurrence.kind]} \`${occurrence.name}\`**: not defined ${where} in this file.`;
  }
  return definitionMarkdown(model, definition);
}

function definitionMarkdown(model: ComposeModel, definition: NameOccurrence): string {
  const line = model.document.positionAt(definition.start).line + 1;
  const users = [
    ...new Set(
      nameOccurrences(model)
        .filter((o) => o.group === definition.group && !o.definition)
        .flatMap((o) => o.from),
    ),
  ];
  const usedBy = users.length
    ? `Used by: ${users.map((u) => `\`${u}\``).join(', ')}`
    : definition.kind === 'service'
      ? ''
      : 'Not used by any service.';
  if (definition.kind === 'service') {
    const service = model.services.find((s) => s.name === definition.name);
    const dependents = users.length ? `Referenced by: ${users.map((u) => `\`${u}\``).join(', ')}` : '';
    return [`**Service \`${definition.name}\`** (line ${line})`, service ? serviceSummary(service) : '', dependents]
      .filter(Boolean)
      .join('\n\n');
  }
  const section = model.resolve(model.topLevelPair(SECTION_OF[definition.kind] ?? '')?.value);
  const pair = isMap(section)
    ? section.items.find((p) => isScalar(p.key) && p.key.value === definition.name)
    : undefined;
  const span = pair ? model.lineSpanOfPair(pair as never) : null;
  const yaml = span ? model.text.slice(span.start, span.end).replace(/\s+$/, '') : '';
  const lines = yaml.split('\n');
  const shown = lines.length > 12 ? [...lines.slice(0, 12), '  # …'].join('\n') : yaml;
  return [
    `**${KIND_TITLES[definition.kind]} \`${definition.name}\`** (line ${line})`,
    shown ? '```yaml\n' + shown + '\n```' : '',
    usedBy,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The service's image, build context, published ports and healthcheck, as a Markdown list. */
export function serviceSummary(service: ComposeService): string {
  const rows: string[] = [];
  const image = scalarText(service.entries.get('image')?.value);
  if (image) rows.push(`- image: \`${image}\``);
  const build = service.entries.get('build')?.value ?? null;
  const context = isMap(build) ? scalarText(build.get('context', true)) : scalarText(build);
  if (build) rows.push(`- build: \`${context ?? '.'}\``);
  const ports = service.entries.get('ports')?.value ?? null;
  if (isSeq(ports) && ports.items.length) {
    const texts = ports.items
      .map((p) =>
        isMap(p)
          ? [scalarText(p.get('published', true) as YamlNode), scalarText(p.get('target', true) as YamlNode)]
              .filter(Boolean)
              .join(':')
          : scalarText(p as YamlNode),
      )
      .filter(Boolean);
    rows.push(`- ports: ${texts.map((t) => `\`${t}\``).join(', ')}`);
  } else {
    rows.push('- ports: none published (reachable by service name on shared networks)');
  }
  rows.push(
    `- healthcheck: ${service.entries.has('healthcheck') ? 'yes' : 'none in this file (the image may define one)'}`,
  );
  return rows.join('\n');
}
