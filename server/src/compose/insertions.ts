/**
 * Small builders for compose fixes that add YAML: a key at the end of a block
 * mapping, an item at the end of a block sequence, a top-level definition.
 * They keep the file's indentation and line endings, and give up (null) on
 * flow collections (`{…}`, `[…]`), which a fix would have to rewrite.
 */
import { isMap, isScalar, YAMLMap, YAMLSeq } from 'yaml';
import { TextEdit } from 'vscode-languageserver-types';
import { ComposeModel, DefinitionSection } from './model';

export interface Insertion {
  offset: number;
  text: string;
}

export function lineEnding(model: ComposeModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

function columnOf(model: ComposeModel, offset: number): number {
  return offset - (model.text.lastIndexOf('\n', offset - 1) + 1);
}

/** The file's indentation step: how far service names are indented (2 when unknown). */
export function indentStep(model: ComposeModel): number {
  const services = model.resolve(model.topLevelPair('services')?.value);
  const first = isMap(services) && !services.flow ? services.items[0]?.key : null;
  const column = isScalar(first) && first.range ? columnOf(model, first.range[0]) : 0;
  return column > 0 ? column : 2;
}

/** Where a block collection's last line ends, and whether a line break must come first (no newline at end of file). */
function endOfBlock(model: ComposeModel, end: number): Insertion {
  return model.text[end - 1] === '\n' ? { offset: end, text: '' } : { offset: end, text: lineEnding(model) };
}

/**
 * Lines appended to a block mapping, each indented like its keys (lines may
 * carry more indentation of their own, written with two-space steps that are
 * rescaled to the file's step).
 */
export function appendToMap(model: ComposeModel, map: YAMLMap, lines: string[]): Insertion | null {
  const first = map.items[0]?.key;
  if (map.flow || !isScalar(first) || !first.range || !map.range) return null;
  const indent = ' '.repeat(columnOf(model, first.range[0]));
  const step = indentStep(model);
  const nl = lineEnding(model);
  const start = endOfBlock(model, map.range[1]);
  const body = lines.map((line) => {
    const depth = /^ */.exec(line)![0].length / 2;
    return indent + ' '.repeat(depth * step) + line.trimStart() + nl;
  });
  return { offset: start.offset, text: start.text + body.join('') };
}

/** An item appended to a block sequence, with the same dash indentation as its items. */
export function appendToSeq(model: ComposeModel, seq: YAMLSeq, item: string): Insertion | null {
  const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (seq.flow || !last?.range || !seq.range) return null;
  const lineStart = model.text.lastIndexOf('\n', last.range[0] - 1) + 1;
  const dash = model.text.lastIndexOf('-', last.range[0] - 1);
  if (dash < lineStart) return null;
  const start = endOfBlock(model, seq.range[1]);
  return { offset: start.offset, text: start.text + ' '.repeat(dash - lineStart) + '- ' + item + lineEnding(model) };
}

/** `name: {}` under a top-level section, creating the section at the end of the file when there is none. */
export function addDefinition(model: ComposeModel, section: DefinitionSection, name: string): Insertion | null {
  const root = model.root;
  if (!root || root.flow || !root.range) return null;
  const nl = lineEnding(model);
  const step = ' '.repeat(indentStep(model));
  const pair = model.topLevelPair(section);
  if (!pair) {
    const start = endOfBlock(model, root.range[1]);
    return { offset: start.offset, text: `${start.text}${section}:${nl}${step}${name}: {}${nl}` };
  }
  const value = model.resolve(pair.value);
  if (isMap(value) && value.items.length > 0) return appendToMap(model, value, [`${name}: {}`]);
  const empty =
    value === null || (isScalar(value) && (value.value === null || value.value === undefined) && !value.source);
  if (!empty || !pair.key.range) return null;
  // `volumes:` with nothing after it: the entry goes on the next line.
  const lineEnd = model.text.indexOf('\n', pair.key.range[1]);
  const offset = lineEnd < 0 ? model.text.length : lineEnd + 1;
  return { offset, text: `${lineEnd < 0 ? nl : ''}${step}${name}: {}${nl}` };
}

/** Insertions as edits; insertions at the same offset become one edit (in the order given). */
export function insertionEdits(model: ComposeModel, insertions: Insertion[]): TextEdit[] {
  const byOffset = new Map<number, string>();
  for (const { offset, text } of insertions) byOffset.set(offset, (byOffset.get(offset) ?? '') + text);
  return [...byOffset]
    .sort((a, b) => a[0] - b[0])
    .map(([offset, text]) => TextEdit.insert(model.document.positionAt(offset), text));
}
