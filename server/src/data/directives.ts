/**
 * Hover texts for the parser directives at the top of a Dockerfile
 * (`# syntax=`, `# escape=`, `# check=`), checked against the Dockerfile
 * reference.
 */

export interface DirectiveDoc {
  syntax: string;
  summary: string;
  notes: string[];
  /** Anchor on https://docs.docker.com/reference/dockerfile/. */
  anchor: string;
}

export const DIRECTIVE_DOCS: Readonly<Record<string, DirectiveDoc>> = {
  syntax: {
    syntax: '# syntax=<frontend image>',
    summary: 'Chooses the Dockerfile frontend that BuildKit uses to read this file. BuildKit pulls that image before the build, so new Dockerfile features work without upgrading Docker.',
    notes: [
      '`docker/dockerfile:1` follows the newest stable 1.x release; pin a minor version (`docker/dockerfile:1.7`) for builds that must not change under you.',
      'A `-labs` tag (`docker/dockerfile:1.7-labs`) adds features that are not stable yet.',
      'Without the directive, BuildKit uses the frontend built into it, whose version depends on the Docker or BuildKit installed.',
    ],
    anchor: 'syntax',
  },
  escape: {
    syntax: '# escape=<\\ or `>',
    summary: 'Sets the escape character of the Dockerfile: the character that continues an instruction on the next line and makes the next character literal. The default is `\\`.',
    notes: [
      '`` ` `` suits Windows Dockerfiles, where `\\` is the path separator (`C:\\app\\`), and matches PowerShell.',
      'Escapes are not processed inside `RUN` commands, except at the end of a line.',
    ],
    anchor: 'escape',
  },
  check: {
    syntax: '# check=skip=<checks|all>;error=<true|false>',
    summary: 'Configures BuildKit\'s build checks for this file: which checks to skip, and whether a failed check fails the build.',
    notes: [
      '`skip=JSONArgsRecommended,StageNameCasing` skips those checks (names are case-sensitive); `skip=all` skips every check.',
      '`error=true` makes check warnings fail the build; pin the `syntax` version with it, or a new check in a newer frontend can break your build.',
      '`experimental=<checks|all>` turns on experimental checks.',
      'Docker Coach applies the same directive to its equivalent rules. Supported since Dockerfile 1.8.',
    ],
    anchor: 'check',
  },
};
