/**
 * The typed fields of a Compose file, as compose-go converts them while it interpolates (its loader's
 * `interpolateTypeCastMapping`): a string at one of these paths — `replicas: ${N}`, `init: "true"` — becomes the
 * integer, number or boolean the schema expects, and a string that does not convert makes Compose refuse the file.
 * Values the YAML already types (`replicas: 3`) are left as they are; fields absent here (port `published`,
 * `mem_limit`, `stop_grace_period`…) stay strings, as compose-go leaves them.
 */
import { Value } from './merge';

type Kind = 'int' | 'int64' | 'float' | 'bool';

/** Path patterns: `*` is any key, `[]` any list index. */
const SERVICE_CASTS: [string, Kind][] = [
  ['configs.[].mode', 'int'],
  ['cpu_count', 'int64'],
  ['cpu_percent', 'float'],
  ['cpu_period', 'int64'],
  ['cpu_quota', 'int64'],
  ['cpu_rt_period', 'int64'],
  ['cpu_rt_runtime', 'int64'],
  ['cpus', 'float'],
  ['cpu_shares', 'int64'],
  ['init', 'bool'],
  ['deploy.replicas', 'int'],
  ['deploy.update_config.parallelism', 'int'],
  ['deploy.update_config.max_failure_ratio', 'float'],
  ['deploy.rollback_config.parallelism', 'int'],
  ['deploy.rollback_config.max_failure_ratio', 'float'],
  ['deploy.restart_policy.max_attempts', 'int'],
  ['deploy.placement.max_replicas_per_node', 'int'],
  ['healthcheck.retries', 'int'],
  ['healthcheck.disable', 'bool'],
  ['oom_kill_disable', 'bool'],
  ['oom_score_adj', 'int64'],
  ['pids_limit', 'int64'],
  ['ports.[].target', 'int'],
  ['privileged', 'bool'],
  ['read_only', 'bool'],
  ['scale', 'int'],
  ['secrets.[].mode', 'int'],
  ['stdin_open', 'bool'],
  ['tty', 'bool'],
  ['ulimits.*', 'int'],
  ['ulimits.*.hard', 'int'],
  ['ulimits.*.soft', 'int'],
  ['volumes.[].read_only', 'bool'],
  ['volumes.[].volume.nocopy', 'bool'],
];

const CASTS: [string[], Kind][] = [
  ...SERVICE_CASTS.map(([p, k]): [string, Kind] => [`services.*.${p}`, k]),
  ['networks.*.external', 'bool'],
  ['networks.*.internal', 'bool'],
  ['networks.*.attachable', 'bool'],
  ['networks.*.enable_ipv6', 'bool'],
  ['volumes.*.external', 'bool'],
  ['secrets.*.external', 'bool'],
  ['configs.*.external', 'bool'],
].map(([p, k]) => [p.split('.'), k as Kind]);

function matches(path: readonly string[], pattern: readonly string[]): boolean {
  return (
    path.length === pattern.length &&
    pattern.every((p, i) => p === '*' || (p === '[]' ? /^\d+$/.test(path[i]) : p === path[i]))
  );
}

/** The kind a string at `path` is converted to, if any. */
export function castKind(path: readonly string[]): Kind | null {
  for (const [pattern, kind] of CASTS) if (matches(path, pattern)) return kind;
  return null;
}

export interface CastResult {
  value: Value;
  /** Why Compose refuses the value (it stays a string in the model). */
  error?: string;
  /** A value Compose accepts with a warning (`yes`/`no`/`on`/`off` for a boolean). */
  warning?: string;
}

const INTEGER = /^[+-]?\d+$/;
// Go's ParseFloat: decimal with an optional exponent, hexadecimal with a p exponent, Inf/Infinity/NaN;
// underscores only between digits of a prefixed number, so they are left out here.
const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/;

function parseFloatAsGo(text: string): number | null {
  if (DECIMAL_FLOAT.test(text)) return Number(text);
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (HEX_FLOAT.test(text)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(text)!;
    const mantissa = parseInt(m[2] || '0', 16) + (m[3] ? parseInt(m[3], 16) / 16 ** m[3].length : 0);
    return (m[1] === '-' ? -1 : 1) * mantissa * 2 ** Number(m[4]);
  }
  return null;
}

/** Converts the (interpolated) string `text` found at `path` as Compose does. */
export function castValue(text: string, path: readonly string[]): CastResult {
  const kind = castKind(path);
  if (!kind) return { value: text };
  const where = path.join('.');
  const refuse = (what: string): CastResult => ({
    value: text,
    error: `${where}: ${JSON.stringify(text)} is not ${what}; Compose refuses the file ("failed to cast to expected type")`,
  });
  if (kind === 'bool') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { value: lower === 'true' };
    if (['y', 'yes', 'on', 'n', 'no', 'off'].includes(lower)) {
      const value = ['y', 'yes', 'on'].includes(lower);
      return {
        value,
        warning: `${where}: ${JSON.stringify(text)} is not a YAML 1.2 boolean; Compose reads it as ${value} and warns (write ${value})`,
      };
    }
    return refuse('a boolean (true or false)');
  }
  if (kind === 'float') {
    const n = parseFloatAsGo(text);
    // JSON has no Infinity or NaN: such a value stays written as text.
    if (n === null) return refuse('a number');
    return { value: Number.isFinite(n) ? n : text };
  }
  if (!INTEGER.test(text)) return refuse('an integer');
  const n = Number(text);
  // Go's 64-bit (and, on 64-bit systems, `int`) range; beyond it Compose reports a range error.
  if (BigInt(text) > 9223372036854775807n || BigInt(text) < -9223372036854775808n)
    return {
      value: text,
      error: `${where}: ${text} is out of the range of a 64-bit integer; Compose refuses the file`,
    };
  return { value: n };
}
