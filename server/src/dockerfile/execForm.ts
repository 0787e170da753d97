/**
 * The exec (JSON array) form of CMD, ENTRYPOINT, RUN and SHELL, and the
 * look-alikes that Docker silently runs in shell form instead.
 */
import { Instruction } from 'dockerfile-ast';
import { argumentsText, DockerfileModel, parseJsonStringArray } from './model';

export type ArgumentsForm =
  | { kind: 'exec'; values: readonly string[] }
  /** `values` is null when where the items end cannot be told (a string without its closing quote). */
  | { kind: 'malformed'; values: string[] | null; reason: string }
  | { kind: 'shell' };

const QUOTED_ITEM = String.raw`\s*(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*`;
const QUOTED_LIST = new RegExp(String.raw`^[\[(](?:${QUOTED_ITEM},)*${QUOTED_ITEM},?\s*[\])]$`);
const BARE_LIST = /^\[[^\][]*,[^\][]*\]$/;

export function argumentsForm(model: DockerfileModel, instruction: Instruction): ArgumentsForm {
  const text = argumentsText(model, instruction);
  return classifyArguments(text);
}

export function classifyArguments(text: string): ArgumentsForm {
  const exec = parseJsonStringArray(text);
  if (exec) return { kind: 'exec', values: exec };
  if (QUOTED_LIST.test(text)) {
    const reason = text.startsWith('(')
      ? 'parentheses instead of square brackets'
      : text.includes("'")
        ? 'single quotes instead of double quotes'
        : 'a trailing comma';
    return { kind: 'malformed', values: splitLooseList(text), reason };
  }
  if (BARE_LIST.test(text)) {
    // A quote in a list that is not a list of quoted items: a string lost its closing quote, and commas
    // inside it (`["echo", "a, b]`) would be read as separators, so the items cannot be told apart.
    if (/["']/.test(text)) return { kind: 'malformed', values: null, reason: 'a string without its closing quote' };
    return { kind: 'malformed', values: splitLooseList(text), reason: 'items without double quotes' };
  }
  return { kind: 'shell' };
}

/** Splits `['a', "b", c]` or `("a", "b")` into its items, quotes removed. */
function splitLooseList(text: string): string[] {
  const inner = text.slice(1, -1);
  const items: string[] = [];
  const itemPattern = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,]*?)\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (itemPattern.lastIndex < inner.length && (match = itemPattern.exec(inner)) !== null) {
    const raw = match[1];
    if (raw === '' && match[0] === '') break;
    if (raw.startsWith('"')) items.push(jsonString(raw));
    else if (raw.startsWith("'")) items.push(raw.slice(1, -1));
    else if (raw !== '') items.push(raw);
  }
  return items;
}

/** A double-quoted item's value; an item that is not valid JSON (`"a`, a raw tab, a bad escape) keeps its text without the quotes. */
function jsonString(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Not a JSON string: fall through.
  }
  return raw.replace(/^"|"$/g, '');
}

/** The exec form of a list of strings, as Docker expects it: a JSON array with double quotes. */
export function toExecForm(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}
