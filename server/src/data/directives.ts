/**
 * The parser directives at the top of a Dockerfile (`# syntax=`, `# escape=`,
 * `# check=`): one entry each, with the hover text (checked against the
 * Dockerfile reference) and the completion item and values.
 */
import type { ValueDoc } from '../dockerfile/instructionFlags';

export interface Directive {
  name: 'syntax' | 'escape' | 'check';
  /** Hover: how the directive is written. */
  syntax: string;
  /** Hover: what it does. */
  summary: string;
  /** Hover: a bulleted list under the summary. */
  notes: string[];
  /** Hover: anchor on https://docs.docker.com/reference/dockerfile/. */
  anchor: string;
  /** Completion: the item's documentation (Markdown). */
  completionDoc: string;
  /** Completion: the values offered after `=`. */
  values: readonly ValueDoc[];
}

const PLACEMENT =
  'Directives are only read at the very top of the file, before any instruction, comment or blank line.';

/** In the order completion offers them. */
export const DIRECTIVES: readonly Directive[] = [
  {
    name: 'syntax',
    syntax: '# syntax=<frontend image>',
    summary:
      'Chooses the Dockerfile frontend that BuildKit uses to read this file. BuildKit pulls that image before the build, so new Dockerfile features work without upgrading Docker.',
    notes: [
      '`docker/dockerfile:1` follows the newest stable 1.x release; pin a minor version (`docker/dockerfile:1.7`) for builds that must not change under you.',
      'A `-labs` tag (`docker/dockerfile:1.7-labs`) adds features that are not stable yet.',
      'Without the directive, BuildKit uses the frontend built into it, whose version depends on the Docker or BuildKit installed.',
    ],
    anchor: 'syntax',
    completionDoc:
      'Which Dockerfile frontend BuildKit uses to read this file. With `docker/dockerfile:1` every build gets the latest ' +
      `stable 1.x syntax, so newer flags work without upgrading Docker. ${PLACEMENT}`,
    values: [
      { value: 'docker/dockerfile:1', doc: 'The latest stable 1.x frontend. The usual choice.' },
      {
        value: 'docker/dockerfile:1-labs',
        doc: 'The latest 1.x frontend with the features still being tried out (the labs channel).',
      },
    ],
  },
  {
    name: 'escape',
    syntax: '# escape=<\\ or `>',
    summary:
      'Sets the escape character of the Dockerfile: the character that continues an instruction on the next line and makes the next character literal. The default is `\\`.',
    notes: [
      '`` ` `` suits Windows Dockerfiles, where `\\` is the path separator (`C:\\app\\`), and matches PowerShell.',
      'Escapes are not processed inside `RUN` commands, except at the end of a line.',
    ],
    anchor: 'escape',
    completionDoc: `The character that escapes the next character and continues lines. The default is the backslash. ${PLACEMENT}`,
    values: [
      { value: '\\', doc: 'The default.' },
      { value: '`', doc: 'A backtick, as on Windows, where the backslash separates path elements (`C:\\app`).' },
    ],
  },
  {
    name: 'check',
    syntax: '# check=skip=<checks|all>;error=<true|false>',
    summary:
      "Configures BuildKit's build checks for this file: which checks to skip, and whether a failed check fails the build.",
    notes: [
      '`skip=JSONArgsRecommended,StageNameCasing` skips those checks (names are case-sensitive); `skip=all` skips every check.',
      '`error=true` makes check warnings fail the build; pin the `syntax` version with it, or a new check in a newer frontend can break your build.',
      '`experimental=<checks|all>` turns on experimental checks.',
      'Docker Coach applies the same directive to its equivalent rules. Supported since Dockerfile 1.8.',
    ],
    anchor: 'check',
    completionDoc:
      "Configures BuildKit's build checks: `skip=` turns checks off (names separated by commas, or `all`), `error=true` " +
      'makes a violated check fail the build, `experimental=` turns on experimental checks. Separate the parts with `;`. ' +
      `Needs Dockerfile syntax 1.8 or newer. ${PLACEMENT}`,
    values: [
      { value: 'skip=', doc: 'Checks to turn off: names separated by commas, or `all`.' },
      { value: 'error=true', doc: 'A violated check fails the build instead of printing a warning.' },
      { value: 'experimental=', doc: 'Experimental checks to turn on: names separated by commas, or `all`.' },
    ],
  },
];

/** The directive of that (lower-case) name. */
export function directiveNamed(name: string): Directive | undefined {
  return DIRECTIVES.find((d) => d.name === name);
}

/** BuildKit's checks that only run when `# check=experimental=` names them. */
export const EXPERIMENTAL_BUILDKIT_CHECKS: ReadonlySet<string> = new Set([
  'CopyIgnoredFile',
  'InvalidDefinitionDescription',
]);
