/**
 * Dockerfile completion (issue 6, in progress): instructions, flags, mount
 * options, variables, stage names, directives, signals, durations, images.
 */
import { CompletionList, Position } from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';
import { CompletionOptions } from './composeCompletion';

export function dockerfileCompletion(_model: DockerfileModel, _position: Position, _options: CompletionOptions): CompletionList | null {
  return null;
}
