/**
 * `.hadolint.yaml` / `.hadolint.yml`: a team's existing hadolint configuration,
 * honoured by the editor and the CLI so that both give hadolint's verdicts.
 *
 *   ignored: [DL3008, SC2086]                 → those rules off
 *   override: { error: [DL3015], info: [...] } → severities (style → hint)
 *   trustedRegistries: [docker.io, my.registry:5000]
 *   label-schema: { maintainer: text, org.opencontainers.image.created: rfc3339 }
 *   strict-labels: true
 *   failure-threshold: warning                 → the CLI's exit code
 *   disable-ignore-pragma: true                → inline ignore comments are not honoured
 *
 * Problems in the file (YAML errors, unknown keys, wrong types, unknown
 * codes) are reported with their ranges, so a typo is never silently ignored.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, Node, Pair, Scalar } from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { closestMatch } from '../util/distance';
import { DockerCoachSettings, LABEL_TYPES, LabelType, SeverityName, SeveritySetting } from '../protocol';

export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export type FailureThreshold = SeverityName | 'none';

export interface ConfigProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

/** What a config file contributes; every field is optional. */
export interface ProjectConfig {
  /** Absolute path of the file. */
  path: string;
  rules: Record<string, SeveritySetting>;
  trustedRegistries?: string[];
  labelSchema?: Record<string, LabelType>;
  strictLabels?: boolean;
  disableIgnorePragmas?: boolean;
  failureThreshold?: FailureThreshold;
  problems: ConfigProblem[];
}

const HADOLINT_SEVERITY: Record<string, SeverityName | 'off'> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'hint',
  ignore: 'off',
  none: 'off',
};

/** Keys hadolint accepts that only change its own output, not the verdicts. */
const OUTPUT_ONLY_KEYS = new Set(['format', 'no-color', 'no-fail', 'verbose', 'output-file']);
const KNOWN_KEYS = [
  'ignored',
  'override',
  'trustedRegistries',
  'label-schema',
  'strict-labels',
  'failure-threshold',
  'disable-ignore-pragma',
  ...OUTPUT_ONLY_KEYS,
];

/** Rule codes we can map: our ids, equivalents, ShellCheck codes. */
export type CodeValidator = (code: string) => boolean;

export function parseHadolintConfig(path: string, text: string, isKnownCode: CodeValidator): ProjectConfig {
  const config: ProjectConfig = { path, rules: {}, problems: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const rangeOf = (node: { range?: [number, number, number?] | null } | null | undefined): Range => {
    const [start, end] = node?.range ?? [0, 0];
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const problem = (
    node: Node | Pair | null | undefined,
    message: string,
    severity: 'error' | 'warning' = 'warning',
  ) => {
    const target = node && 'range' in node ? node : node && 'key' in node ? (node.key as Node) : null;
    config.problems.push({ message, range: rangeOf(target), severity });
  };
  for (const error of doc.errors) {
    const a = lineCounter.linePos(error.pos[0]);
    const b = lineCounter.linePos(error.pos[1]);
    config.problems.push({
      message: `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      range: { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } },
      severity: 'error',
    });
  }
  if (doc.errors.length) return config;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return config;
  if (!isMap(root)) {
    problem(root, 'A hadolint configuration is a mapping of settings (for example "ignored: [DL3008]").', 'error');
    return config;
  }

  const strings = (node: unknown, what: string): { value: string; node: Scalar }[] => {
    if (!isSeq(node)) {
      problem(node as Node, `"${what}" must be a list.`, 'error');
      return [];
    }
    const out: { value: string; node: Scalar }[] = [];
    for (const item of node.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number'))
        out.push({ value: String(item.value).trim(), node: item });
      else problem(item as Node, `Each entry of "${what}" must be a text value.`, 'error');
    }
    return out;
  };
  const checkCode = (entry: { value: string; node: Scalar }) => {
    if (isKnownCode(entry.value)) return true;
    problem(
      entry.node,
      `Unknown rule "${entry.value}": Docker Coach has no rule with this id or hadolint code, so this entry has no effect.`,
    );
    return false;
  };

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'ignored':
        for (const entry of strings(value, key)) if (checkCode(entry)) config.rules[entry.value] = 'off';
        break;
      case 'override': {
        if (!isMap(value)) {
          problem(value, '"override" must map severities (error, warning, info, style) to lists of rules.', 'error');
          break;
        }
        for (const item of value.items) {
          const level = isScalar(item.key) ? String(item.key.value) : '';
          const severity = HADOLINT_SEVERITY[level];
          if (!severity || level === 'none') {
            problem(item.key, `Unknown severity "${level}": use error, warning, info, style or ignore.`, 'error');
            continue;
          }
          for (const entry of strings(item.value, `override.${level}`)) {
            if (checkCode(entry)) config.rules[entry.value] = severity;
          }
        }
        break;
      }
      case 'trustedRegistries':
        config.trustedRegistries = strings(value, key)
          .map((e) => e.value)
          .filter(Boolean);
        break;
      case 'label-schema': {
        if (!isMap(value)) {
          problem(value, '"label-schema" must map label names to types.', 'error');
          break;
        }
        const schema: Record<string, LabelType> = {};
        for (const item of value.items) {
          const label = isScalar(item.key) ? String(item.key.value) : '';
          const type = isScalar(item.value) ? String(item.value.value).toLowerCase() : '';
          if ((LABEL_TYPES as readonly string[]).includes(type)) schema[label] = type as LabelType;
          else
            problem(
              item.value ?? item.key,
              `Unknown label type "${type}" for "${label}": use one of ${LABEL_TYPES.join(', ')}.`,
              'error',
            );
        }
        config.labelSchema = schema;
        break;
      }
      case 'strict-labels':
      case 'disable-ignore-pragma': {
        if (!isScalar(value) || typeof value.value !== 'boolean') {
          problem(value, `"${key}" must be true or false.`, 'error');
          break;
        }
        if (key === 'strict-labels') config.strictLabels = value.value;
        else config.disableIgnorePragmas = value.value;
        break;
      }
      case 'failure-threshold': {
        const level = isScalar(value) ? String(value.value) : '';
        const severity = HADOLINT_SEVERITY[level];
        if (!severity)
          problem(value, `Unknown failure threshold "${level}": use error, warning, info, style or none.`, 'error');
        else config.failureThreshold = severity === 'off' ? 'none' : severity;
        break;
      }
      default:
        if (!OUTPUT_ONLY_KEYS.has(key)) {
          const suggestion = closestMatch(key, KNOWN_KEYS);
          problem(
            pair.key,
            `Unknown setting "${key}"${suggestion ? `: did you mean "${suggestion}"?` : '.'} It is ignored.`,
          );
        }
    }
  }
  return config;
}

/**
 * Settings with a project configuration underneath: the editor's own
 * per-rule settings win over the file, lists from the file apply when the
 * editor leaves them empty.
 */
export function withProjectConfig(settings: DockerCoachSettings, config: ProjectConfig | null): DockerCoachSettings {
  if (!config) return settings;
  // The same pair gives the same object: what is cached per settings object (rule severities) survives every keystroke.
  let byConfig = merged.get(settings);
  if (!byConfig) merged.set(settings, (byConfig = new WeakMap()));
  let result = byConfig.get(config);
  if (!result) byConfig.set(config, (result = mergeProjectConfig(settings, config)));
  return result;
}

const merged = new WeakMap<DockerCoachSettings, WeakMap<ProjectConfig, DockerCoachSettings>>();

function mergeProjectConfig(settings: DockerCoachSettings, config: ProjectConfig): DockerCoachSettings {
  return {
    ...settings,
    rules: { ...config.rules, ...settings.rules },
    trustedRegistries: settings.trustedRegistries.length
      ? settings.trustedRegistries
      : (config.trustedRegistries ?? []),
    labelSchema: Object.keys(settings.labelSchema).length ? settings.labelSchema : (config.labelSchema ?? {}),
    strictLabels: settings.strictLabels || Boolean(config.strictLabels),
    honorInlinePragmas: settings.honorInlinePragmas && !config.disableIgnorePragmas,
  };
}
