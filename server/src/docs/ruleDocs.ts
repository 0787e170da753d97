/**
 * Documentation generated from rule metadata: one Markdown page per rule
 * (docs/rules/<id>.md, shipped in the extension and linked from every
 * diagnostic) and the rule table in the README. A test fails when the
 * committed files are stale; `npm run docs` regenerates them.
 */
import { LESSONS } from '../protocol';
import { RULES } from '../rules/registry';
import { Equivalent, presetOf, Rule, RuleExample } from '../rules/types';

const TOOL_NAMES: Record<Equivalent['tool'], string> = {
  hadolint: 'hadolint',
  buildkit: 'BuildKit check',
  trivy: 'Trivy',
  dclint: 'dclint',
  'compose-lint': 'compose-lint',
};

const PRESET_TEXT = {
  recommended: '`recommended` (the default), so also `strict` and `all`',
  strict: '`strict` and `all`, not the default `recommended`',
  all: '`all` only',
};
const FIX_TEXT = {
  safe: 'safe (applied by fix-all and `--fix`)',
  unsafe: 'quick fix only (review it: it can change behaviour)',
  none: 'none',
};

export function equivalentsText(rule: Rule): string {
  return rule.equivalents.length ? rule.equivalents.map((e) => `${TOOL_NAMES[e.tool]} \`${e.id}\``).join(', ') : '—';
}

const FENCES: Record<Rule['language'], string> = {
  dockerfile: 'dockerfile',
  compose: 'yaml',
  dockerignore: 'gitignore',
};
const APPLIES_TO: Record<Rule['language'], string> = {
  dockerfile: 'Dockerfiles',
  compose: 'compose files',
  dockerignore: '`.dockerignore` files',
};

function fence(rule: Rule, code: string): string {
  return '```' + FENCES[rule.language] + '\n' + code.replace(/\n$/, '') + '\n```';
}

function example(rule: Rule, ex: RuleExample): string {
  const parts: string[] = [];
  if (ex.caption) parts.push(`*${ex.caption}*`);
  if (ex.settings)
    parts.push('With the settings:', '```json\n' + JSON.stringify(prefixed(ex.settings), null, 2) + '\n```');
  if (ex.dockerignore === null) parts.push('With no `.dockerignore` in the build context:');
  else if (ex.dockerignore !== undefined)
    parts.push(
      'With this `.dockerignore` in the build context:',
      '```gitignore\n' + ex.dockerignore.replace(/\n$/, '') + '\n```',
    );
  if (ex.files !== undefined) parts.push(...filesText(ex.files));
  parts.push(fence(rule, ex.code));
  if (ex.fixedDockerignore !== undefined)
    parts.push(
      'After the quick fix, the `.dockerignore`:',
      '```gitignore\n' + ex.fixedDockerignore.replace(/\n$/, '') + '\n```',
    );
  else if (ex.fixed !== undefined) parts.push('After the quick fix:', fence(rule, ex.fixed));
  return parts.join('\n\n');
}

/** The files an example assumes on disk: their names, and the text of those whose content matters. */
function filesText(files: Record<string, string>): string[] {
  const names = Object.keys(files);
  if (names.length === 0) return ['With no other files beside the compose file:'];
  const parts = [`With these files beside the compose file: ${names.map((n) => '`' + n + '`').join(', ')}.`];
  for (const name of names) {
    if (files[name] === '') continue;
    const language = /(^|\/)(Dockerfile|Containerfile)|\.dockerfile$/i.test(name) ? 'dockerfile' : 'text';
    parts.push(`\`${name}\`:`, '```' + language + '\n' + files[name].replace(/\n$/, '') + '\n```');
  }
  parts.push('The compose file:');
  return parts;
}

function prefixed(settings: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [`dockerCoach.${key}`, value]));
}

/** How a `.hadolint.yaml` turns the rule on, when it has a hadolint code (its `override` lists take codes). */
function hadolintOverride(rule: Rule): string {
  const codes = rule.equivalents.filter((e) => e.tool === 'hadolint').map((e) => e.id);
  if (codes.length === 0) return '';
  const level = rule.defaultSeverity === 'hint' ? 'style' : rule.defaultSeverity;
  // A rule that covers several codes runs for the codes listed.
  return `, or \`override: { ${level}: [${codes.join(', ')}] }\` in a \`.hadolint.yaml\``;
}

export function rulePage(rule: Rule): string {
  const lines = [
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| Applies to | ${APPLIES_TO[rule.language]} |`,
    `| Severity | ${rule.defaultSeverity} |`,
    `| Preset | ${PRESET_TEXT[presetOf(rule)]} |`,
    `| Category | ${rule.category} |`,
    `| Fix | ${FIX_TEXT[rule.fix]} |`,
    `| Same as | ${equivalentsText(rule)} |`,
    `| Lesson | [${LESSONS[rule.lesson]}](../../lessons/${rule.lesson}.md) |`,
    '',
    '## What it flags',
    '',
    rule.docs.flags,
    '',
    '## Why it matters',
    '',
    rule.docs.why,
    '',
    '## Problem',
    '',
    rule.docs.bad.map((ex) => example(rule, ex)).join('\n\n'),
    '',
    '## Fine',
    '',
    rule.docs.good.map((ex) => example(rule, ex)).join('\n\n'),
    '',
    ...(presetOf(rule) === 'recommended'
      ? []
      : [
          '## Turning it on',
          '',
          `- With its preset: \`"dockerCoach.preset": "${presetOf(rule)}"\` in VS Code settings, \`--preset ${presetOf(rule)}\` on the command line.`,
          `- On its own: \`"dockerCoach.rules": { "${rule.id}": "${rule.defaultSeverity}" }\` in VS Code settings${hadolintOverride(rule)}.`,
          '',
        ]),
    '## Turning it off',
    '',
    `- For one ${rule.language === 'dockerfile' ? 'instruction' : 'line'}: a comment \`# docker-coach ignore=${rule.id}\` on the line above.`,
    `- For a file: \`# docker-coach global ignore=${rule.id}\`.`,
    `- Everywhere: \`"dockerCoach.rules": { "${rule.id}": "off" }\` in VS Code settings.`,
    '',
  ];
  return lines.join('\n');
}

export function ruleTable(): string {
  const rows = RULES.map(
    (r) =>
      `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title} | ${r.defaultSeverity} | ${presetOf(r)} | ${r.fix === 'none' ? '' : r.fix} | ${equivalentsText(r)} |`,
  );
  return ['| Rule | What it checks | Severity | Preset | Fix | Same as |', '|---|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

export const TABLE_START = '<!-- rules:start (generated from rule metadata by `npm run docs`) -->';
export const TABLE_END = '<!-- rules:end -->';

/** The README with its rule table replaced by the current one. */
export function withRuleTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no rule table markers');
  return readme.slice(0, start + TABLE_START.length) + '\n' + ruleTable() + '\n' + readme.slice(end);
}

export function allRulePages(): Map<string, string> {
  return new Map(RULES.map((r) => [`${r.id}.md`, rulePage(r)]));
}
