/**
 * Inline suppressions, ours and hadolint's:
 *   # docker-coach ignore=rule-a,rule-b        (the next instruction)
 *   # docker-coach global ignore=rule-a        (the whole file)
 *   # hadolint ignore=DL3008,DL3015
 *   # hadolint global ignore=DL3059
 */
import { rulesForCode } from '../rules/registry';
import { Rule } from '../rules/types';

export type PragmaTool = 'docker-coach' | 'hadolint';

export interface Pragma {
  tool: PragmaTool;
  global: boolean;
  /** The codes as written. */
  codes: string[];
  /** 0-based line of the comment. */
  line: number;
  /** For line pragmas: the first line of the construct it applies to. */
  target: number | null;
}

const PRAGMA = /^\s*#\s*(docker-coach|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*$/;

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
    let target: number | null = null;
    if (!match[2]) {
      for (let j = i + 1; j < lines.length; j++) {
        const text = lines[j].trim();
        if (text === '' || text.startsWith('#')) continue;
        target = j;
        break;
      }
    }
    pragmas.push({ tool, global: Boolean(match[2]), codes, line: i, target });
  }
  return pragmas;
}

export interface Suppressions {
  /** True when a pragma silences `rule` for a finding starting on `line` (within a construct starting at `constructStart`). */
  isSuppressed(rule: Rule, constructStart: number, hadolintCode: string | undefined): boolean;
  /** True when a pragma names this code (a ShellCheck `SC2086`) for the construct starting at `constructStart`. */
  isCodeSuppressed(code: string, constructStart: number): boolean;
  /** Whether the file already uses hadolint's pragmas (so new ones are written the same way). */
  usesHadolint: boolean;
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
      return pragmas.some((p) => (p.global || p.target === constructStart) && p.codes.some((c) => c.toUpperCase() === wanted));
    },
    isSuppressed(rule, constructStart, hadolintCode) {
      return pragmas.some((p) => (p.global || p.target === constructStart) && matches(p, rule, hadolintCode));
    },
  };
}
