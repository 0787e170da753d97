/**
 * Inline suppressions, ours and hadolint's:
 *   # docker-coach ignore=rule-a,rule-b        (the next instruction)
 *   # docker-coach stage ignore=rule-a         (from the next instruction to the end of its build stage)
 *   # docker-coach global ignore=rule-a        (the whole file)
 *   # hadolint ignore=DL3008,DL3015
 *   # hadolint stage ignore=DL3006             (hadolint 2.15)
 *   # hadolint global ignore=DL3059
 * A comment may follow the list: `# hadolint ignore=DL3002 # runs as root on purpose`.
 */
import { rulesForCode } from '../rules/registry';
import { Rule } from '../rules/types';

export type PragmaTool = 'docker-coach' | 'hadolint';

export interface Pragma {
  tool: PragmaTool;
  global: boolean;
  /** A stage pragma: it applies from `target` to `until` (the end of the build stage `target` is in). */
  stage?: boolean;
  /** For stage pragmas: the last line covered; set by `limitStagePragmas` (until then, to the end of the file). */
  until?: number;
  /** The codes as written. */
  codes: string[];
  /** 0-based line of the comment. */
  line: number;
  /** For line pragmas: the first line of the construct it applies to. */
  target: number | null;
}

const PRAGMA = /^\s*#\s*(docker-coach|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*(?:#.*)?$/;

/** Finds pragmas in comment lines; `nextConstruct(line)` gives the line a line pragma applies to. */
export function findPragmas(lines: string[], honorHadolint: boolean): Pragma[] {
  const pragmas: Pragma[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('ignore')) continue;
    const match = PRAGMA.exec(line);
    if (!match) continue;
    const tool = match[1] as PragmaTool;
    if (tool === 'hadolint' && !honorHadolint) continue;
    const codes = match[3].split(/[\s,]+/).filter(Boolean);
    const global = match[2] === 'global';
    let target: number | null = null;
    if (!global) {
      for (let j = i + 1; j < lines.length; j++) {
        const text = lines[j].trim();
        if (text === '' || text.startsWith('#')) continue;
        target = j;
        break;
      }
    }
    pragmas.push({ tool, global, ...(match[2] === 'stage' ? { stage: true } : {}), codes, line: i, target });
  }
  return pragmas;
}

/**
 * Ends each stage pragma with the build stage it is in: the line before the first FROM after its target
 * (`fromLines`: the first line of every FROM, in order). Above a FROM it covers that FROM and its stage;
 * inside a stage, the rest of it.
 */
export function limitStagePragmas(pragmas: Pragma[], fromLines: readonly number[]): void {
  for (const pragma of pragmas) {
    if (!pragma.stage || pragma.target === null) continue;
    const next = fromLines.find((line) => line > pragma.target!);
    pragma.until = next === undefined ? Infinity : next - 1;
  }
}

export interface Suppressions {
  /** True when a pragma silences `rule` for a finding starting on `line` (within a construct starting at `constructStart`). */
  isSuppressed(rule: Rule, constructStart: number, hadolintCode: string | undefined): boolean;
  /** True when a pragma names this code (a ShellCheck `SC2086`) for the construct starting at `constructStart`. */
  isCodeSuppressed(code: string, constructStart: number): boolean;
  /** Whether the file already uses hadolint's pragmas (so new ones are written the same way). */
  usesHadolint: boolean;
}

/** Whether a (non-global) pragma covers the construct starting at `constructStart`. */
function covers(pragma: Pragma, constructStart: number): boolean {
  if (pragma.global) return true;
  if (pragma.target === null) return false;
  if (pragma.stage) return constructStart >= pragma.target && constructStart <= (pragma.until ?? Infinity);
  return pragma.target === constructStart;
}

export function suppressions(pragmas: Pragma[]): Suppressions {
  const matches = (pragma: Pragma, rule: Rule, hadolintCode: string | undefined) =>
    pragma.codes.some((code) => {
      if (code === rule.id) return true;
      if (!rulesForCode(code).includes(rule)) return false;
      // `ignore=DL3006` silences only the DL3006 part of a rule that covers several codes.
      return !hadolintCode || !/^DL\d{4}$/i.test(code) || code.toUpperCase() === hadolintCode;
    });
  return {
    usesHadolint: pragmas.some((p) => p.tool === 'hadolint'),
    isCodeSuppressed(code, constructStart) {
      const wanted = code.toUpperCase();
      return pragmas.some((p) => covers(p, constructStart) && p.codes.some((c) => c.toUpperCase() === wanted));
    },
    isSuppressed(rule, constructStart, hadolintCode) {
      return pragmas.some((p) => covers(p, constructStart) && matches(p, rule, hadolintCode));
    },
  };
}
