/**
 * Dockerfile formatting (issue 6, in progress): instruction case,
 * continuation indentation, JSON-form spacing, trailing whitespace. Never
 * changes meaning; idempotent.
 */
import { Range, TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

export function formatDockerfile(_model: DockerfileModel, _options: FormatOptions, _range?: Range): TextEdit[] {
  return [];
}
