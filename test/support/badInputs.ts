/**
 * The named bad inputs of issue 8, shared by the service, LSP server and CLI
 * tests (`test/unit/badInput.test.ts`, `test/protocol/robustness.test.ts`,
 * `test/unit/cliBadInput.test.ts`). Each must get a diagnostic (or, from the
 * CLI, a clear error), never a crash or a hang.
 */
export interface BadInput {
  name: string;
  /** The file's bytes (the service and the server get them decoded as UTF-8, as an editor would). */
  bytes: Buffer;
  language: 'dockerfile' | 'dockercompose';
  /** A file name for the CLI. */
  file: string;
  /** What the diagnostics must contain: a rule id or a notice's words. */
  expect: RegExp;
  /**
   * So large that the editor's lint budget may cut the check short on a slow or busy machine: the
   * server's diagnostics then carry the "Partial check" notice instead (the CLI always checks in full).
   */
  mayBePartial?: boolean;
  /** The CLI refuses the file with a clear error instead of linting it. */
  cliError?: RegExp;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function stages(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`FROM alpine:3.20 AS s${i}`, `RUN echo ${i} > /f${i}`);
  lines.push('FROM ubuntu', 'USER nobody');
  return lines.join('\n') + '\n';
}

function aliasBomb(): string {
  const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 0; i < 9; i++) {
    const name = String.fromCharCode(98 + i);
    lines.push(
      `x-${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]`,
    );
  }
  lines.push('services:', '  web:', '    image: nginx', '    environment: *j');
  return lines.join('\n') + '\n';
}

export const BAD_INPUTS: BadInput[] = [
  {
    name: 'a 5 MB file',
    bytes: utf8('FROM ubuntu\n' + 'RUN echo one line of many\n'.repeat(Math.ceil((5 * 1024 * 1024) / 26))),
    language: 'dockerfile',
    file: 'huge.Dockerfile',
    expect: /larger than/,
  },
  {
    name: 'a single 1 MB line',
    bytes: utf8('FROM ubuntu\nRUN echo ' + 'a'.repeat(1024 * 1024) + '\n'),
    language: 'dockerfile',
    file: 'longline.Dockerfile',
    expect: /pin-base-image/,
  },
  {
    name: 'NUL bytes',
    bytes: utf8('FROM ubuntu\nRUN echo \u0000\u0000\u0000 > /x\n'),
    language: 'dockerfile',
    file: 'nul.Dockerfile',
    expect: /binary/,
    cliError: /binary/,
  },
  {
    name: 'invalid UTF-8',
    bytes: Buffer.concat([
      utf8('FROM ubuntu\nRUN echo '),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]),
      utf8('\n'),
    ]),
    language: 'dockerfile',
    file: 'invalid-utf8.Dockerfile',
    expect: /pin-base-image/,
  },
  {
    name: 'a byte order mark',
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('FROM ubuntu\nMAINTAINER me\n')]),
    language: 'dockerfile',
    file: 'bom.Dockerfile',
    expect: /maintainer-deprecated/,
  },
  {
    name: 'CRLF line ends',
    bytes: utf8('FROM ubuntu\r\nMAINTAINER me\r\nRUN cd /tmp && \\\r\n  echo hi\r\n'),
    language: 'dockerfile',
    file: 'crlf.Dockerfile',
    expect: /maintainer-deprecated/,
  },
  {
    name: 'lone CR line ends',
    bytes: utf8('FROM ubuntu\rMAINTAINER me\rRUN echo hi\r'),
    language: 'dockerfile',
    file: 'cr.Dockerfile',
    expect: /pin-base-image/,
  },
  {
    name: 'tabs',
    bytes: utf8('FROM\tubuntu\n\tRUN\tapt-get\tinstall\tcurl \\\n\t\t&&\techo\tdone\nMAINTAINER\tme\n'),
    language: 'dockerfile',
    file: 'tabs.Dockerfile',
    expect: /maintainer-deprecated/,
  },
  {
    name: '10,000 stages',
    bytes: utf8(stages(10000)),
    language: 'dockerfile',
    file: 'stages.Dockerfile',
    expect: /pin-base-image/,
    mayBePartial: true,
  },
  {
    name: 'unknown instructions',
    bytes: utf8('FROM ubuntu\nFOO bar\nRUNN echo\nMAINTAINER me\n'),
    language: 'dockerfile',
    file: 'unknown.Dockerfile',
    expect: /maintainer-deprecated/,
  },
  {
    name: 'unterminated JSON',
    bytes: utf8('FROM alpine:3.20\nUSER nobody\nCMD ["node", "app.js"\n'),
    language: 'dockerfile',
    file: 'json.Dockerfile',
    expect: /exec-form-cmd/,
  },
  {
    name: 'unterminated quotes',
    bytes: utf8('FROM ubuntu\nRUN echo "never closed && cd /tmp\nENV A="open\nMAINTAINER me\n'),
    language: 'dockerfile',
    file: 'quotes.Dockerfile',
    expect: /pin-base-image/,
  },
  {
    name: 'an unterminated heredoc',
    bytes: utf8('FROM ubuntu\nRUN <<EOF\napt-get install curl\ncd /tmp\n'),
    language: 'dockerfile',
    file: 'heredoc.Dockerfile',
    expect: /pin-base-image/,
  },
  {
    name: 'a YAML alias bomb',
    bytes: utf8(aliasBomb()),
    language: 'dockercompose',
    file: 'bomb.compose.yaml',
    expect: /./,
  },
  {
    name: '1,000-level YAML nesting (block)',
    bytes: utf8(
      'services:\n  web:\n    image: nginx\nx-deep:\n' +
        Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n') +
        ' v\n',
    ),
    language: 'dockercompose',
    file: 'deep.compose.yaml',
    expect: /./,
  },
  {
    name: '1,000-level YAML nesting (flow)',
    bytes: utf8('services:\n  web:\n    image: nginx\nx-deep: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n'),
    language: 'dockercompose',
    file: 'deepflow.compose.yaml',
    expect: /./,
  },
  {
    name: 'a compose file that is a YAML list',
    bytes: utf8('- web\n- db\n'),
    language: 'dockercompose',
    file: 'list.compose.yaml',
    expect: /./,
  },
  {
    name: 'a compose file that is a scalar',
    bytes: utf8('just a string\n'),
    language: 'dockercompose',
    file: 'scalar.compose.yaml',
    expect: /./,
  },
  {
    name: 'mappings and lists as YAML keys',
    bytes: utf8(
      'services:\n  ? { image: nginx }\n  : image: nginx:1.27\n  web:\n    image: nginx:1.27\n    labels:\n      ? [a, b]\n      : x\n',
    ),
    language: 'dockercompose',
    file: 'keys.compose.yaml',
    expect: /compose-schema/,
  },
];
