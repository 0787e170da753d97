/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) and their values:
 * the completion items and their values (hover texts are in directives.ts).
 */
import type { ValueDoc } from './instructionFlags';

export interface DirectiveCompletion {
  name: 'syntax' | 'escape' | 'check';
  /** Markdown. */
  doc: string;
  values: readonly ValueDoc[];
}

const PLACEMENT = 'Directives are only read at the very top of the file, before any instruction, comment or blank line.';

export const DIRECTIVE_COMPLETIONS: readonly DirectiveCompletion[] = [
  {
    name: 'syntax',
    doc:
      'Which Dockerfile frontend BuildKit uses to read this file. With `docker/dockerfile:1` every build gets the latest ' +
      `stable 1.x syntax, so newer flags work without upgrading Docker. ${PLACEMENT}`,
    values: [
      { value: 'docker/dockerfile:1', doc: 'The latest stable 1.x frontend. The usual choice.' },
      { value: 'docker/dockerfile:1-labs', doc: 'The latest 1.x frontend with the features still being tried out (the labs channel).' },
    ],
  },
  {
    name: 'escape',
    doc: `The character that escapes the next character and continues lines. The default is the backslash. ${PLACEMENT}`,
    values: [
      { value: '\\', doc: 'The default.' },
      { value: '`', doc: 'A backtick, as on Windows, where the backslash separates path elements (`C:\\app`).' },
    ],
  },
  {
    name: 'check',
    doc:
      'Configures BuildKit\'s build checks: `skip=` turns checks off (names separated by commas, or `all`), `error=true` ' +
      'makes a violated check fail the build, `experimental=` turns on experimental checks. Separate the parts with `;`. ' +
      `Needs Dockerfile syntax 1.8 or newer. ${PLACEMENT}`,
    values: [
      { value: 'skip=', doc: 'Checks to turn off: names separated by commas, or `all`.' },
      { value: 'error=true', doc: 'A violated check fails the build instead of printing a warning.' },
      { value: 'experimental=', doc: 'Experimental checks to turn on: names separated by commas, or `all`.' },
    ],
  },
];

/** BuildKit's checks that only run when `# check=experimental=` names them. */
export const EXPERIMENTAL_BUILDKIT_CHECKS: ReadonlySet<string> = new Set(['CopyIgnoredFile', 'InvalidDefinitionDescription']);
