/**
 * Parser directives at the top of a Dockerfile. Docker reads them only before
 * the first instruction, comment that is not a directive, or blank line.
 * BuildKit's `# check=` directive configures its build checks:
 *   # check=skip=JSONArgsRecommended,StageNameCasing
 *   # check=skip=all;error=true
 *   # check=experimental=CopyIgnoredFile
 * The same `# check=skip=…` written in the comments right above an instruction skips those checks for that
 * instruction only (instructionCheckSkips).
 */
export interface CheckDirective {
  /** BuildKit check names to skip (lower-cased), or 'all'. */
  skip: Set<string> | 'all';
  /** Check violations fail the build. */
  error: boolean;
  /** Experimental checks to enable (lower-cased), or 'all'. */
  experimental: Set<string> | 'all';
  /** 0-based line of the directive. */
  line: number;
}

const DIRECTIVE = /^\s*#\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/;

/** The directives, keyed by lower-case name; Docker ignores repeated names after the first. */
export function parseDirectives(text: string): Map<string, { value: string; line: number }> {
  const directives = new Map<string, { value: string; line: number }>();
  // Line by line from the top: they end at the first other line, so the rest of the text is never split.
  for (let i = 0, start = 0; start <= text.length; i++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const match = DIRECTIVE.exec(text.slice(start, end).replace(/\r$/, ''));
    if (!match) break;
    const name = match[1].toLowerCase();
    if (!['syntax', 'escape', 'check'].includes(name)) break;
    if (!directives.has(name)) directives.set(name, { value: match[2], line: i });
    if (newline < 0) break;
    start = newline + 1;
  }
  return directives;
}

export function checkDirective(text: string): CheckDirective | null {
  const directive = parseDirectives(text).get('check');
  if (!directive) return null;
  return { ...parseCheckValue(directive.value), line: directive.line };
}

/** The value of a `check=` directive or comment: `skip=A,B;error=true;experimental=C` (keys and names compared lower-cased). */
function parseCheckValue(text: string): Omit<CheckDirective, 'line'> {
  const result: Omit<CheckDirective, 'line'> = { skip: new Set(), error: false, experimental: new Set() };
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    const names = (): Set<string> | 'all' =>
      value.toLowerCase() === 'all'
        ? 'all'
        : new Set(
            value
              .split(',')
              .map((v) => v.trim().toLowerCase())
              .filter(Boolean),
          );
    if (key === 'skip') result.skip = names();
    else if (key === 'experimental') result.experimental = names();
    else if (key === 'error') result.error = value.toLowerCase() === 'true';
  }
  return result;
}

const CHECK_COMMENT = /^\s*#\s*check\s*=(.*)$/i;

/**
 * The checks skipped for one instruction by `# check=skip=A,B` (or `skip=all`) comments in the comment block right
 * above it: BuildKit reads the comments directly above an instruction (no empty line, no empty `#` line between)
 * and skips the checks they name for that instruction only. Returns a lookup by the instruction's first line
 * (0-based), null when nothing is skipped there.
 */
export function instructionCheckSkips(text: string): (instructionLine: number) => Set<string> | 'all' | null {
  if (!/check\s*=/i.test(text)) return () => null;
  const lines = text.split('\n');
  const cache = new Map<number, Set<string> | 'all' | null>();
  return (instructionLine) => {
    let result = cache.get(instructionLine);
    if (result !== undefined) return result;
    result = null;
    for (let line = instructionLine - 1; line >= 0; line--) {
      const comment = /^\s*#(.*)$/.exec(lines[line].replace(/\r$/, ''));
      if (!comment || comment[1].trim() === '') break;
      const check = CHECK_COMMENT.exec(lines[line].replace(/\r$/, ''));
      if (!check) continue;
      const skip = parseCheckValue(check[1]).skip;
      if (skip === 'all' || result === 'all') result = 'all';
      else if (skip.size > 0) result = new Set([...(result ?? []), ...skip]);
    }
    cache.set(instructionLine, result);
    return result;
  };
}
