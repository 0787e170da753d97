/** Turning whatever a client sends into complete, valid settings. */
import {
  DEFAULT_SETTINGS,
  DockerCoachSettings,
  LABEL_TYPES,
  LabelType,
  PresetName,
  PRESETS,
  SeveritySetting,
} from '../protocol';

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'info', 'hint', 'off']);

export function normalizeSettings(raw: unknown): DockerCoachSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof DockerCoachSettings, unknown>>;
  const rules: Record<string, SeveritySetting> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      const normalized = typeof severity === 'string' ? severity.toLowerCase() : severity;
      if (normalized === 'information') rules[id] = 'info';
      else if (SEVERITIES.has(normalized as SeveritySetting)) rules[id] = normalized as SeveritySetting;
    }
  }
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    preset: normalizePreset(value.preset),
    rules,
    honorHadolintPragmas:
      typeof value.honorHadolintPragmas === 'boolean'
        ? value.honorHadolintPragmas
        : DEFAULT_SETTINGS.honorHadolintPragmas,
    honorInlinePragmas:
      typeof value.honorInlinePragmas === 'boolean' ? value.honorInlinePragmas : DEFAULT_SETTINGS.honorInlinePragmas,
    maxFileSize:
      typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    trustedRegistries: Array.isArray(value.trustedRegistries)
      ? value.trustedRegistries
          .filter((r): r is string => typeof r === 'string' && r.trim() !== '')
          .map((r) => r.trim())
      : [],
    labelSchema: normalizeLabelSchema(value.labelSchema),
    strictLabels: typeof value.strictLabels === 'boolean' ? value.strictLabels : DEFAULT_SETTINGS.strictLabels,
    shellcheck: normalizeShellcheck(value.shellcheck),
    format: { enable: Boolean((value.format as { enable?: unknown } | undefined)?.enable === true) },
  };
}

function normalizePreset(raw: unknown): PresetName {
  const name = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  return (PRESETS as readonly string[]).includes(name) ? (name as PresetName) : DEFAULT_SETTINGS.preset;
}

function normalizeLabelSchema(raw: unknown): Record<string, LabelType> {
  const schema: Record<string, LabelType> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return schema;
  for (const [label, type] of Object.entries(raw as Record<string, unknown>)) {
    const normalized = typeof type === 'string' ? type.toLowerCase() : '';
    if ((LABEL_TYPES as readonly string[]).includes(normalized)) schema[label] = normalized as LabelType;
  }
  return schema;
}

function normalizeShellcheck(raw: unknown): DockerCoachSettings['shellcheck'] {
  const value = (raw && typeof raw === 'object' ? raw : {}) as { enable?: unknown; path?: unknown };
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.shellcheck.enable,
    path:
      typeof value.path === 'string' && value.path.trim() !== '' ? value.path.trim() : DEFAULT_SETTINGS.shellcheck.path,
  };
}
