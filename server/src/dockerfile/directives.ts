/**
 * Parser directives at the top of a Dockerfile. Docker reads them only before
 * the first instruction, comment that is not a directive, or blank line.
 * BuildKit's `# check=` directive configures its build checks:
 *   # check=skip=JSONArgsRecommended,StageNameCasing
 *   # check=skip=all;error=true
 *   # check=experimental=CopyIgnoredFile
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
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i].replace(/\r$/, ''));
    if (!match) break;
    const name = match[1].toLowerCase();
    if (!['syntax', 'escape', 'check'].includes(name)) break;
    if (!directives.has(name)) directives.set(name, { value: match[2], line: i });
  }
  return directives;
}

export function checkDirective(text: string): CheckDirective | null {
  const directive = parseDirectives(text).get('check');
  if (!directive) return null;
  const result: CheckDirective = { skip: new Set(), error: false, experimental: new Set(), line: directive.line };
  for (const part of directive.value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    const names = (): Set<string> | 'all' =>
      value.toLowerCase() === 'all' ? 'all' : new Set(value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean));
    if (key === 'skip') result.skip = names();
    else if (key === 'experimental') result.experimental = names();
    else if (key === 'error') result.error = value.toLowerCase() === 'true';
  }
  return result;
}
