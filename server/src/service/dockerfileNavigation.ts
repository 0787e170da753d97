/**
 * Dockerfile navigation (issue 6, in progress): outline by build stage,
 * folding, definition/references/rename/highlights for stage names and
 * ARG/ENV variables, document links.
 */
import { DocumentHighlight, DocumentLink, DocumentSymbol, FoldingRange, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';

export function dockerfileDefinition(_model: DockerfileModel, _position: Position): Location[] | null {
  return null;
}

export function dockerfileReferences(_model: DockerfileModel, _position: Position, _includeDeclaration: boolean): Location[] | null {
  return null;
}

export function dockerfilePrepareRename(_model: DockerfileModel, _position: Position): { range: Range; placeholder: string } | null {
  return null;
}

/** Throws `RenameError` (composeNavigation) when the new name is not valid. */
export function dockerfileRename(_model: DockerfileModel, _position: Position, _newName: string): WorkspaceEdit | null {
  return null;
}

export function dockerfileHighlights(_model: DockerfileModel, _position: Position): DocumentHighlight[] | null {
  return null;
}

export function dockerfileSymbols(_model: DockerfileModel): DocumentSymbol[] {
  return [];
}

export function dockerfileLinks(_model: DockerfileModel): DocumentLink[] {
  return [];
}

export function dockerfileFoldingRanges(_model: DockerfileModel): FoldingRange[] {
  return [];
}
