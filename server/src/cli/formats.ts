/**
 * The output formats of `docker-coach lint`: text, json, sarif, github, checkstyle, gitlab.
 * They work on plain reports (no functions, no rule objects), so a report made in a worker
 * thread prints the same as one made in the main thread.
 */
import type { createHash as CreateHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Range } from 'vscode-languageserver-types';
import { TextEdit } from 'vscode-languageserver-textdocument';
import { Equivalent, inPreset, Rule } from '../rules/types';
import { DEFAULT_SETTINGS, PresetName } from '../protocol';
import { RULES } from '../rules/registry';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** One problem, as every format needs it. */
export interface Diag {
  /** `rule` for a rule finding, `shellcheck` for ShellCheck, `notice` for syntax errors, config problems, skipped files. */
  kind: 'rule' | 'shellcheck' | 'notice';
  /** The rule id, the ShellCheck code, or null for a notice. */
  rule: string | null;
  equivalents: Equivalent[];
  severity: string;
  message: string;
  range: Range;
  /** The first safe fix, when there is one. */
  fix: { title: string; edits: TextEdit[] } | null;
  /** The text of the line the problem starts on (for stable fingerprints). */
  lineText: string;
}

export interface FileReport {
  /** The name to show; one that is not valid UTF-8 shows each stray byte as `\xNN` (see `nameBytes`). */
  file: string;
  /** The exact bytes of the name, only when they are not valid UTF-8. */
  nameBytes?: Uint8Array;
  /** With --fix / --fix-dry-run: the safe fixes applied (or that would be). */
  fixed: number;
  /** With --fix-dry-run: the unified diff of the changes. */
  diff: string | null;
  diagnostics: Diag[];
}

export interface ToolInfo {
  name: string;
  /** Absent when the package's manifest cannot be read. */
  version?: string;
  informationUri: string;
}

/** Where a rule's documentation is: the page shipped with the package (docs/rules/<id>.md). */
export function ruleHelpUri(id: string, docsDir: string): string {
  return pathToFileURL(path.join(docsDir, `${id}.md`)).toString();
}

const byPosition = (a: Diag, b: Diag) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** The file name with forward slashes, as CI systems expect. */
const slashed = (file: string) => file.split(path.sep).join('/');

/** A name's bytes percent-encoded as a URI path (RFC 3986: unreserved bytes and slashes kept), forward slashes. */
export function percentEncodedPath(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~/]/.test(c)) out += c;
    else if (c === '\\' && path.sep === '\\') out += '/';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Said once beside a name that is not valid UTF-8. */
const NOT_UTF8_NOTE = '(the name is not valid UTF-8: \\xNN stands for a byte)';

export function jsonReport(reports: FileReport[]): string {
  const order: Record<Diag['kind'], number> = { notice: 0, shellcheck: 1, rule: 2 };
  const body = reports.map((r) => ({
    file: r.file,
    ...(r.nameBytes ? { fileBytes: percentEncodedPath(r.nameBytes) } : {}),
    ...(r.fixed ? { fixed: r.fixed } : {}),
    diagnostics: [...r.diagnostics]
      .sort((a, b) => order[a.kind] - order[b.kind])
      .map((d) => ({
        rule: d.rule,
        equivalents: d.equivalents,
        severity: d.severity,
        message: d.message,
        range: d.range,
        fixable: d.fix !== null,
      })),
  }));
  return JSON.stringify(body, null, 2) + '\n';
}

/** "1 problem", "2 problems": a count with its noun (the nouns used here all take an "s"). */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function textReport(reports: FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const severityColor: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  let total = 0;
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    const rows = [...report.diagnostics].sort(byPosition);
    lines.push(report.nameBytes ? `${paint('4', report.file)}  ${NOT_UTF8_NOTE}` : paint('4', report.file));
    for (const row of rows) {
      const where = `${row.range.start.line + 1}:${row.range.start.character + 1}`.padEnd(8);
      lines.push(
        `  ${where}${paint(severityColor[row.severity] ?? '0', row.severity.padEnd(8))}${row.message}  ${paint('2', row.rule ?? '')}`,
      );
    }
    lines.push('');
    total += rows.length;
  }
  const fixedTotal = reports.reduce((sum, r) => sum + r.fixed, 0);
  if (fixedTotal)
    lines.push(`Fixed ${counted(fixedTotal, 'problem')} in ${counted(reports.filter((r) => r.fixed).length, 'file')}.`);
  lines.push(
    total === 0
      ? `No problems in ${counted(reports.length, 'file')}.`
      : `${counted(total, 'problem')} in ${counted(reports.length, 'file')}.`,
  );
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// GitHub Actions workflow commands

/** Escapes the message of a workflow command. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (also `:` and `,`, which delimit properties). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function githubReport(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of [...report.diagnostics].sort(byPosition)) {
      const { start, end } = d.range;
      // GitHub's columns are 1-based and its end column is the last character, inclusive.
      const endColumn =
        end.line === start.line ? Math.max(end.character, start.character + 1) : Math.max(end.character, 1);
      const props = [
        `file=${escapeGithubProperty(slashed(report.file))}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${endColumn}`,
        `title=${escapeGithubProperty(d.rule ?? 'docker-coach')}`,
      ];
      lines.push(`::${GITHUB_LEVEL[d.severity] ?? 'error'} ${props.join(',')}::${escapeGithubData(d.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

// ---------------------------------------------------------------------------------------
// Checkstyle XML

/** Escapes text for an XML attribute; drops characters XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}

const CHECKSTYLE_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

export function checkstyleReport(reports: FileReport[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const report of reports) {
    lines.push(`  <file name="${escapeXml(report.file)}">`);
    for (const d of [...report.diagnostics].sort(byPosition)) {
      const source = d.rule ?? 'docker-coach';
      lines.push(
        `    <error line="${d.range.start.line + 1}" column="${d.range.start.character + 1}" severity="${CHECKSTYLE_SEVERITY[d.severity] ?? 'error'}" message="${escapeXml(d.message)}" source="${escapeXml(source)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// GitLab Code Quality

const GITLAB_SEVERITY: Record<string, string> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

/**
 * A GitLab Code Quality report. The fingerprint hashes the rule, the file and the text of the
 * line (not its number), so a problem keeps its identity when lines above it move; a second
 * identical problem in the same file gets its occurrence number mixed in.
 */
export function gitlabReport(reports: FileReport[]): string {
  const issues: unknown[] = [];
  // Required here, not imported: loading crypto costs every run of the CLI about 10 ms, and only this format hashes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use, see above
  const createHash = (require('crypto') as { createHash: typeof CreateHash }).createHash;
  for (const report of reports) {
    const seen = new Map<string, number>();
    for (const d of [...report.diagnostics].sort(byPosition)) {
      const file = slashed(report.file);
      const key = `${d.rule ?? 'docker-coach'}\u0000${file}\u0000${d.lineText.trim()}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const fingerprint = createHash('sha256')
        .update(occurrence ? `${key}\u0000${occurrence}` : key)
        .digest('hex');
      issues.push({
        description: d.message,
        check_name: d.rule ?? 'docker-coach',
        fingerprint,
        severity: GITLAB_SEVERITY[d.severity] ?? 'critical',
        location: { path: file, lines: { begin: d.range.start.line + 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------
// SARIF 2.1.0

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note' | 'none'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
  off: 'none',
};
const NOTICE_RULE = 'docker-coach-notice';

function sarifRule(rule: Rule, docsDir: string, preset: PresetName) {
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.why.replace(/\s+/g, ' ').trim() || rule.title },
    helpUri: ruleHelpUri(rule.id, docsDir),
    help: { text: `${rule.docs.flags}\n\n${rule.docs.why}`.trim() },
    // Whether the run's preset runs the rule (settings may still turn it on or off per file).
    defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] ?? 'warning', enabled: inPreset(rule, preset) },
    properties: {
      category: rule.category,
      ...(rule.equivalents.length ? { equivalents: rule.equivalents.map((e) => `${e.tool} ${e.id}`) } : {}),
    },
  };
}

/** A 0-based LSP range as a 1-based SARIF region (end column: one past the last character). */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function sarifReport(
  reports: FileReport[],
  tool: ToolInfo,
  docsDir: string,
  preset: PresetName = DEFAULT_SETTINGS.preset,
): string {
  const rules: ReturnType<typeof sarifRule>[] = RULES.map((r) => sarifRule(r, docsDir, preset));
  const extra: {
    id: string;
    shortDescription: { text: string };
    helpUri?: string;
    defaultConfiguration: { level: string };
  }[] = [];
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const ruleIndex = (d: Diag): number => {
    const id = d.rule ?? NOTICE_RULE;
    let i = index.get(id);
    if (i === undefined) {
      i = rules.length + extra.length;
      index.set(id, i);
      extra.push(
        d.kind === 'shellcheck'
          ? {
              id,
              shortDescription: { text: `ShellCheck ${id}` },
              helpUri: `https://www.shellcheck.net/wiki/${encodeURIComponent(id)}`,
              defaultConfiguration: { level: 'warning' },
            }
          : {
              id,
              shortDescription: {
                text: 'A problem that is not a rule finding: a syntax error, an unusable configuration, a skipped file',
              },
              defaultConfiguration: { level: 'error' },
            },
      );
    }
    return i;
  };
  const artifacts: { location: { uri: string }; roles: string[] }[] = [];
  const results: unknown[] = [];
  for (const report of reports) {
    // Relative paths stay relative (code-scanning services resolve them against the repository root);
    // an absolute path becomes a file: URI, since a relative reference must not start with a slash.
    // A name that is not valid UTF-8 is given by its bytes, percent-encoded.
    const uri =
      report.file === '<stdin>'
        ? 'stdin'
        : report.nameBytes
          ? (path.isAbsolute(report.file) ? 'file://' : '') + percentEncodedPath(report.nameBytes)
          : path.isAbsolute(report.file)
            ? pathToFileURL(report.file).href
            : encodeURI(slashed(report.file));
    const artifactIndex = artifacts.push({ location: { uri }, roles: ['analysisTarget'] }) - 1;
    const artifactLocation = { uri, index: artifactIndex };
    for (const d of [...report.diagnostics].sort(byPosition)) {
      const i = ruleIndex(d);
      results.push({
        ruleId: d.rule ?? NOTICE_RULE,
        ruleIndex: i,
        level: SARIF_LEVEL[d.severity] ?? 'error',
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(d.range) } }],
        ...(d.fix
          ? {
              fixes: [
                {
                  description: { text: d.fix.title },
                  artifactChanges: [
                    {
                      artifactLocation,
                      replacements: d.fix.edits.map((e) => ({
                        deletedRegion: region(e.range),
                        insertedContent: { text: e.newText },
                      })),
                    },
                  ],
                },
              ],
            }
          : {}),
      });
    }
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: [...rules, ...extra],
          },
        },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
