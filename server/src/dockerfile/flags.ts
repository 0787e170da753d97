/**
 * Instruction flags as BuildKit reads them: its parser takes every leading word
 * that starts with `--` off any instruction (quotes removed, `\` escapes the next
 * character, a lone `--` ends the flags), and each instruction parser then
 * accepts its own flags. dockerfile-ast only splits flags for some instructions
 * and keeps quotes, so the words are read here from the document text.
 */
import { Instruction } from 'dockerfile-ast';
import { INSTRUCTION_KEYWORDS } from './edits';
import { FLAG_DOCS, FlagDoc } from './instructionFlags';
import { DockerfileModel } from './model';

export interface FlagWord {
  /** The name after `--`, as written (BuildKit's names are case-sensitive). */
  name: string;
  /** The value after `=` with quotes and escapes removed; null without `=`. */
  value: string | null;
  /** Document offsets of the whole word, of the name and of the value (after `=`). */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  /** Whether the value is written on one line, as it reads (no quotes, escapes or continuations in it). */
  plainValue: boolean;
}

/**
 * The flag words at the start of an instruction's arguments. Line continuations
 * (and the comment lines inside them) are skipped, as the parser joins them first.
 */
export function instructionFlagWords(model: DockerfileModel, instruction: Instruction): readonly FlagWord[] {
  // Several rules ask about every instruction; an instruction belongs to one model, whose text never changes.
  const cached = instruction as Instruction & { [FLAG_WORDS]?: readonly FlagWord[] };
  return (cached[FLAG_WORDS] ??= Object.freeze(readFlagWords(model, instruction)));
}

const FLAG_WORDS = Symbol('docker-coach flag words');

function readFlagWords(model: DockerfileModel, instruction: Instruction): FlagWord[] {
  const text = model.text;
  const escape = model.escapeChar;
  let pos = model.offsetAt(instruction.getInstructionRange().end);
  const end = model.offsetAt(instruction.getRange().end);
  // Most instructions have no flags: a glance at the first word settles it.
  let first = pos;
  while (text[first] === ' ' || text[first] === '\t') first++;
  if (text[first] !== '-' && text[first] !== escape) return [];
  /** Joined characters and their document offsets. */
  const chars: string[] = [];
  const offsets: number[] = [];
  // Word boundaries as extractFlagWords reads them: outside quotes a blank ends a word, and a backslash keeps the
  // next character in it; the collection stops at the first word that cannot be a flag (a RUN's whole script).
  let blank = true;
  let quote: string | null = null;
  let escaped = false;
  while (pos < end) {
    const ch = text[pos];
    if (ch === escape) {
      const rest = /^[ \t]*\r?\n/.exec(text.slice(pos + 1, pos + 1 + 256));
      if (rest) {
        pos += 1 + rest[0].length;
        // Comment lines and empty lines inside a continued instruction are dropped by the parser.
        for (;;) {
          const line = /^[ \t]*(#[^\n]*)?\r?\n/.exec(text.slice(pos, Math.min(end, pos + 4096)));
          if (!line) break;
          pos += line[0].length;
        }
        continue;
      }
    }
    if (ch === '\n') break;
    if (escaped) escaped = false;
    else if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\') escaped = true;
    } else if (/\s/.test(ch)) blank = true;
    else {
      // Flags only come first: stop once a word that is not a flag starts.
      if (blank && ch !== '-') break;
      blank = false;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\') escaped = true;
    }
    chars.push(ch);
    offsets.push(pos);
    pos++;
    if (chars.length > 65536) break;
  }
  offsets.push(pos);
  return extractFlagWords(chars, offsets);
}

function extractFlagWords(chars: string[], offsets: number[]): FlagWord[] {
  const words: FlagWord[] = [];
  let i = 0;
  const n = chars.length;
  for (;;) {
    while (i < n && /\s/.test(chars[i])) i++;
    if (i >= n || chars[i] !== '-' || chars[i + 1] !== '-') return words;
    const wordStart = i;
    let raw = '';
    let plain = true;
    let equalsAt = -1;
    let quote: string | null = null;
    for (; i < n; i++) {
      const ch = chars[i];
      if (quote === null && /\s/.test(ch)) break;
      if (offsets[i + 1] !== offsets[i] + 1) plain = false;
      if (quote !== null) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && i + 1 < n) raw += chars[++i];
        else raw += ch;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        plain = false;
      } else if (ch === '\\') {
        plain = false;
        if (i + 1 < n) raw += chars[++i];
      } else {
        if (ch === '=' && equalsAt < 0) equalsAt = raw.length;
        raw += ch;
      }
    }
    if (raw === '--') return words;
    const body = raw.slice(2);
    const eq = equalsAt < 0 ? -1 : equalsAt - 2;
    const name = eq < 0 ? body : body.slice(0, eq);
    const nameStart = offsets[wordStart] + 2;
    const valueIndex = eq < 0 ? -1 : wordStart + 2 + eq + 1;
    words.push({
      name,
      value: eq < 0 ? null : body.slice(eq + 1),
      start: offsets[wordStart],
      end: offsets[i - 1] + 1,
      nameStart,
      nameEnd: nameStart + name.length,
      valueStart: valueIndex < 0 ? offsets[i - 1] + 1 : (offsets[Math.min(valueIndex, i)] ?? offsets[i - 1] + 1),
      plainValue: plain,
    });
  }
}

/** BuildKit ignores the flags of these (its parsers never read them). */
const FLAGS_IGNORED = new Set(['ARG', 'STOPSIGNAL']);

/**
 * The flags an instruction accepts, by name; null when BuildKit does not read its
 * flags at all (ARG, STOPSIGNAL, HEALTHCHECK NONE, unknown instructions).
 */
export function acceptedFlags(keyword: string, instruction: Instruction): ReadonlyMap<string, FlagDoc> | null {
  const upper = keyword.toUpperCase();
  if (FLAGS_IGNORED.has(upper) || !INSTRUCTION_KEYWORDS.has(upper)) return null;
  if (upper === 'HEALTHCHECK') {
    const first = instruction.getArguments()[0]?.getValue();
    if (first?.toUpperCase() === 'NONE') return null;
  }
  let accepted = acceptedByKeyword.get(upper);
  if (!accepted) {
    accepted = new Map(FLAG_DOCS.filter((f) => f.instructions.includes(upper)).map((f) => [f.name, f]));
    acceptedByKeyword.set(upper, accepted);
  }
  return accepted;
}

/** The flags of each instruction keyword, built once. */
const acceptedByKeyword = new Map<string, ReadonlyMap<string, FlagDoc>>();
