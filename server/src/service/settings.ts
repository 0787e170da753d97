/** Turning whatever a client sends into complete, valid settings. */
import { DEFAULT_SETTINGS, DockerCoachSettings, SeveritySetting } from '../protocol';

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
    rules,
    honorHadolintPragmas: typeof value.honorHadolintPragmas === 'boolean' ? value.honorHadolintPragmas : DEFAULT_SETTINGS.honorHadolintPragmas,
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  };
}
