/** LABEL key/value pairs of each stage, and the value types of a label schema. */
import { Label } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import type { LabelType } from '../protocol';
import { isSpdxExpression } from './spdx';
import { DockerfileModel, Scope } from './model';

export interface LabelPair {
  /** The stage, fragment or ONBUILD triggers the LABEL belongs to. */
  stage: Scope;
  instruction: Label;
  key: string;
  keyRange: Range;
  /** The value after quote removal; '' for `key=""`, null when none is written. */
  value: string | null;
  valueRange: Range | null;
  /** True when the value expands variables, so its final text is unknown here. */
  dynamic: boolean;
}

/** Every LABEL pair of the document, in order; built once per model (four rules read them). Shared: do not modify. */
export function labelPairs(model: DockerfileModel): readonly LabelPair[] {
  let pairs = pairsOf.get(model);
  if (!pairs) {
    pairs = Object.freeze(readLabelPairs(model));
    pairsOf.set(model, pairs);
  }
  return pairs;
}

const pairsOf = new WeakMap<DockerfileModel, readonly LabelPair[]>();

function readLabelPairs(model: DockerfileModel): LabelPair[] {
  const pairs: LabelPair[] = [];
  for (const stage of model.scopes) {
    for (const instruction of stage.instructions) {
      if (!(instruction instanceof Label)) continue;
      for (const property of instruction.getProperties()) {
        const raw = property.getUnescapedValue();
        pairs.push({
          stage,
          instruction,
          key: property.getName(),
          keyRange: property.getNameRange(),
          value: property.getValue(),
          valueRange: property.getValueRange(),
          dynamic: raw !== null && /\$(\{|[A-Za-z_])/.test(raw.replace(/'[^']*'/g, '')),
        });
      }
    }
  }
  return pairs;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const EMAIL = new RegExp(
  `^(?:${ATOM}(?:\\.${ATOM})*|"(?:[^"\\\\\\r\\n]|\\\\.)*")@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[^\\[\\]\\\\\\s]+\\])$`,
);

function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[10]) <= 23 && Number(m[11]) <= 59);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetOk
  );
}

function isUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether a non-empty label value has the schema type's format. `text` accepts anything. */
export function matchesLabelType(type: LabelType, value: string): boolean {
  switch (type) {
    case 'text':
      return true;
    case 'url':
      return isUrl(value);
    case 'spdx':
      return isSpdxExpression(value);
    case 'rfc3339':
      return isRfc3339(value);
    case 'semver':
      return SEMVER.test(value);
    case 'hash':
      return /^(?:[0-9a-f]{7}|[0-9a-f]{40})$/.test(value);
    case 'email':
      return EMAIL.test(value);
  }
}
