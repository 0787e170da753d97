/** Dockerfile completion: every place the cursor can be while typing, with exact items and ranges. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItem,
  CompletionItemTag,
  InsertTextFormat,
  MarkupContent,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { INSTRUCTION_DOCS } from '../../server/src/data/instructions';
import { DOCKERFILE_RULES } from '../../server/src/rules/registry';
import { DOCKERFILE_TRIGGER_CHARACTERS } from '../../server/src/service/dockerfileCompletion';
import { DockerCoachService } from '../../server/src/service/languageService';
import { docOf } from '../support/lint';

const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });

/** The cursor marker (`|` is a shell pipe in Dockerfiles). */
const CURSOR = '‸';

function completions(
  marked: string,
  options: { trigger?: string; snippets?: boolean; retrigger?: boolean } = {},
): CompletionItem[] | null {
  const index = marked.indexOf(CURSOR);
  assert.ok(index >= 0, `the text needs a ${CURSOR} cursor marker`);
  const doc = docOf(marked.slice(0, index) + marked.slice(index + 1));
  const list = service.completion(doc, doc.positionAt(index), {
    snippets: options.snippets ?? true,
    triggerCharacter: options.trigger,
    retrigger: options.retrigger,
  });
  return list ? list.items : null;
}

function labels(marked: string, options: { trigger?: string; snippets?: boolean } = {}): string[] {
  return (completions(marked, options) ?? []).map((i) => i.label);
}

function item(marked: string, label: string, options: { trigger?: string; snippets?: boolean } = {}): CompletionItem {
  const found = (completions(marked, options) ?? []).find((i) => i.label === label);
  assert.ok(found, `no item ${label}`);
  return found;
}

function edit(i: CompletionItem): TextEdit {
  assert.ok(i.textEdit && 'range' in i.textEdit, 'items carry a TextEdit');
  return i.textEdit;
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function docText(i: CompletionItem): string {
  return (i.documentation as MarkupContent).value;
}

/** Every item of a list replaces the same range. */
function rangeOf(items: CompletionItem[] | null): Range {
  assert.ok(items && items.length > 0);
  const ranges = items.map((i) => JSON.stringify(edit(i).range));
  assert.strictEqual(new Set(ranges).size, 1, 'one replace range per list');
  return edit(items[0]).range;
}

describe('Dockerfile completion', () => {
  describe('instruction keywords', () => {
    it('offers only FROM and ARG before the first FROM, as snippets', () => {
      const items = completions(CURSOR)!;
      assert.deepStrictEqual(
        items.map((i) => i.label),
        ['FROM', 'FROM … AS', 'ARG'],
      );
      assert.deepStrictEqual(edit(items[0]), { range: range(0, 0, 0), newText: 'FROM ${1:image}:${2:tag}' });
      assert.strictEqual(items[0].insertTextFormat, InsertTextFormat.Snippet);
      assert.strictEqual(edit(items[1]).newText, 'FROM ${1:image}:${2:tag} AS ${3:name}');
      assert.deepStrictEqual(labels(CURSOR, { snippets: false }), ['FROM', 'ARG']);
    });

    it('offers every instruction inside a stage, with documentation from the instruction texts', () => {
      assert.deepStrictEqual(labels(`FROM alpine:3.20\n${CURSOR}`, { snippets: false }), [
        'FROM',
        'RUN',
        'COPY',
        'WORKDIR',
        'ENV',
        'ARG',
        'USER',
        'EXPOSE',
        'CMD',
        'ENTRYPOINT',
        'LABEL',
        'HEALTHCHECK',
        'ADD',
        'VOLUME',
        'SHELL',
        'STOPSIGNAL',
        'ONBUILD',
        'MAINTAINER',
      ]);
      const copy = item(`FROM alpine:3.20\n${CURSOR}`, 'COPY');
      assert.ok(docText(copy).startsWith(`**COPY**: ${INSTRUCTION_DOCS.COPY.summary}`));
      assert.match(docText(copy), /docs\.docker\.com\/reference\/dockerfile\/#copy/);
      assert.deepStrictEqual(item(`FROM alpine:3.20\n${CURSOR}`, 'MAINTAINER').tags, [CompletionItemTag.Deprecated]);
      // Sorted in the order offered.
      const sorted = completions(`FROM alpine:3.20\n${CURSOR}`)!.map((i) => i.sortText!);
      assert.deepStrictEqual([...sorted].sort(), sorted);
    });

    it('has snippet forms for the instructions with a typical shape', () => {
      const at = `FROM alpine:3.20\n${CURSOR}`;
      assert.strictEqual(edit(item(at, 'CMD')).newText, 'CMD ["${1:executable}", "${2:param}"]');
      assert.strictEqual(
        edit(item(at, 'COPY --chown')).newText,
        'COPY --chown=${1:user}:${2:group} ${3:src} ${4:dest}',
      );
      assert.strictEqual(edit(item(at, 'COPY --from')).newText, 'COPY --from=${1:stage} ${2:src} ${3:dest}');
      assert.strictEqual(
        edit(item(at, 'HEALTHCHECK')).newText,
        'HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} CMD ${3:command} || exit 1',
      );
      assert.strictEqual(
        edit(item(at, 'RUN --mount=type=cache')).newText,
        'RUN --mount=type=cache,target=${1:/root/.cache} ${2:command}',
      );
      assert.strictEqual(
        edit(item(at, 'STOPSIGNAL')).newText,
        'STOPSIGNAL ${1|SIGTERM,SIGINT,SIGQUIT,SIGKILL,SIGHUP,SIGUSR1,SIGUSR2,SIGWINCH,SIGRTMIN+3|}',
      );
      // Without snippet support: the keyword and a space.
      assert.strictEqual(edit(item(at, 'RUN', { snippets: false })).newText, 'RUN ');
      assert.strictEqual(item(at, 'RUN', { snippets: false }).insertTextFormat, undefined);
    });

    it('uses lower case in a lower-case file, also inside snippets', () => {
      const at = `from alpine:3.20 as base\nrun echo hi\n${CURSOR}`;
      assert.deepStrictEqual(labels(at).slice(0, 7), [
        'from',
        'from … as',
        'run',
        'run --mount=type=cache',
        'copy',
        'copy --from',
        'copy --chown',
      ]);
      assert.strictEqual(edit(item(at, 'from … as')).newText, 'from ${1:image}:${2:tag} as ${3:name}');
      assert.strictEqual(
        edit(item(at, 'healthcheck')).newText,
        'healthcheck --interval=${1:30s} --timeout=${2:5s} cmd ${3:command} || exit 1',
      );
      assert.strictEqual(edit(item(at, 'copy --from')).newText, 'copy --from=${1:stage} ${2:src} ${3:dest}');
    });

    it('replaces the partial keyword, and only the keyword when the line has arguments', () => {
      assert.deepStrictEqual(rangeOf(completions(`FROM alpine:3.20\n  CO${CURSOR}`)), range(1, 2, 4));
      const items = completions(`FROM alpine:3.20\nCO${CURSOR}PY a.txt /app/`)!;
      assert.deepStrictEqual(edit(items.find((i) => i.label === 'COPY')!), { range: range(1, 0, 4), newText: 'COPY' });
      assert.ok(!items.some((i) => i.label === 'COPY --from'), 'no snippets over existing arguments');
    });

    it('offers the instructions an ONBUILD may carry', () => {
      const onbuild = labels(`FROM alpine:3.20\nONBUILD ${CURSOR}`, { trigger: ' ', snippets: false });
      assert.deepStrictEqual(onbuild, [
        'RUN',
        'COPY',
        'WORKDIR',
        'ENV',
        'ARG',
        'USER',
        'EXPOSE',
        'CMD',
        'ENTRYPOINT',
        'LABEL',
        'HEALTHCHECK',
        'ADD',
        'VOLUME',
        'SHELL',
        'STOPSIGNAL',
      ]);
      assert.deepStrictEqual(rangeOf(completions(`FROM alpine:3.20\nonbuild ru${CURSOR}`)), range(1, 8, 10));
      assert.strictEqual(labels(`FROM alpine:3.20\nonbuild ru${CURSOR}`)[0], 'run');
    });

    it('offers no instruction inside a RUN shell script', () => {
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    ap${CURSOR}`), null);
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN apk add --no-cache curl \\\n${CURSOR}`), null);
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN <<EOF\nset -e\nCO${CURSOR}\nEOF\n`), null);
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN echo hi ${CURSOR}`, { trigger: ' ' }), null);
      // After the script ends, instructions again.
      assert.ok(labels(`FROM alpine:3.20\nRUN <<EOF\nset -e\nEOF\nCO${CURSOR}`).includes('COPY'));
    });

    it('does not open on a space typed at the start of a line, nor in comments', () => {
      assert.strictEqual(completions(`FROM alpine:3.20\n  ${CURSOR}`, { trigger: ' ' }), null);
      assert.strictEqual(completions(`FROM alpine:3.20\n# a comment ${CURSOR}`), null);
    });
  });

  describe('flags', () => {
    it('offers the flags of each instruction after --', () => {
      const flags = (keyword: string) => labels(`FROM alpine:3.20\n${keyword} --${CURSOR}`, { trigger: '-' });
      assert.deepStrictEqual(flags('COPY'), ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']);
      assert.deepStrictEqual(flags('ADD'), [
        '--chown',
        '--chmod',
        '--link',
        '--exclude',
        '--keep-git-dir',
        '--checksum',
        '--unpack',
      ]);
      assert.deepStrictEqual(flags('RUN'), ['--mount', '--network', '--security', '--device']);
      assert.deepStrictEqual(flags('HEALTHCHECK'), [
        '--interval',
        '--timeout',
        '--start-period',
        '--start-interval',
        '--retries',
      ]);
      assert.deepStrictEqual(labels(`FROM --${CURSOR}`, { trigger: '-' }), ['--platform']);
      assert.strictEqual(completions(`FROM alpine:3.20\nWORKDIR --${CURSOR}`, { trigger: '-' }), null);
    });

    it('leaves out flags already given, except the repeatable ones', () => {
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nCOPY --link --exclude=*.md --chown=app:app --${CURSOR}`), [
        '--from',
        '--chmod',
        '--parents',
        '--exclude',
      ]);
      assert.deepStrictEqual(
        labels(`FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n    --network=none --${CURSOR}`),
        ['--mount', '--security', '--device'],
      );
    });

    it('replaces the partial flag and inserts its value as a snippet', () => {
      const chown = item(`FROM alpine:3.20\nCOPY --ch${CURSOR}`, '--chown');
      assert.deepStrictEqual(edit(chown), { range: range(1, 5, 9), newText: '--chown=${1:user}:${2:group}' });
      assert.strictEqual(chown.detail, '--chown=<user>[:<group>]');
      assert.match(docText(chown), /root/);
      assert.deepStrictEqual(edit(item(`FROM alpine:3.20\nCOPY --ch${CURSOR}`, '--chown', { snippets: false })), {
        range: range(1, 5, 9),
        newText: '--chown=',
      });
      assert.strictEqual(edit(item(`FROM alpine:3.20\nCOPY -${CURSOR}`, '--link', { trigger: '-' })).newText, '--link');
      assert.strictEqual(
        edit(item(`FROM alpine:3.20\nHEALTHCHECK --${CURSOR}`, '--interval')).newText,
        '--interval=${1:30s}',
      );
      assert.strictEqual(
        edit(item(`FROM alpine:3.20\nRUN --${CURSOR}`, '--mount')).newText,
        '--mount=type=${1|cache,secret,bind,ssh,tmpfs|}',
      );
      assert.strictEqual(edit(item(`FROM --${CURSOR}`, '--platform')).newText, '--platform=${1:\\$BUILDPLATFORM}');
    });

    it('offers the earlier stages as the choices of a --from snippet', () => {
      const text = `FROM golang:1.23 AS build\nFROM alpine:3.20 AS tools\nFROM alpine:3.20\nCOPY --${CURSOR}\nFROM alpine:3.20 AS later`;
      assert.strictEqual(edit(item(text, '--from')).newText, '--from=${1|build,tools|}');
    });

    it('offers unnamed earlier stages by index in a COPY --from snippet', () => {
      const text = `FROM golang:1.23\nFROM alpine:3.20 AS tools\nFROM node:22\nFROM alpine:3.20\nCOPY --${CURSOR}`;
      assert.strictEqual(edit(item(text, '--from')).newText, '--from=${1|0,tools,2|}');
    });

    it('does not take shell options in RUN for flags', () => {
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN apk add -${CURSOR}`, { trigger: '-' }), null);
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN apk add --${CURSOR}`), null);
      assert.strictEqual(completions(`FROM alpine:3.20\nCOPY a.txt --${CURSOR}`), null);
    });
  });

  describe('flag values', () => {
    it('offers durations for HEALTHCHECK flags', () => {
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nHEALTHCHECK --interval=${CURSOR}`, { trigger: '=' }), [
        '30s',
        '10s',
        '1m',
        '5m',
      ]);
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nHEALTHCHECK --interval=30s --timeout=${CURSOR}`), [
        '5s',
        '3s',
        '10s',
        '30s',
      ]);
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nHEALTHCHECK --start-period=${CURSOR}`), [
        '10s',
        '30s',
        '1m',
        '0s',
      ]);
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nHEALTHCHECK --retries=${CURSOR}`), ['3', '5']);
      const thirty = item(`FROM alpine:3.20\nHEALTHCHECK --interval=3${CURSOR}`, '30s');
      assert.deepStrictEqual(edit(thirty), { range: range(1, 23, 24), newText: '30s' });
      assert.match(docText(thirty), /default/i);
    });

    it('offers --network, --security, --chmod and --platform values', () => {
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nRUN --network=${CURSOR}`), ['none', 'default', 'host']);
      assert.match(docText(item(`FROM alpine:3.20\nRUN --network=${CURSOR}`, 'host')), /network\.host/);
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nRUN --security=${CURSOR}`), ['insecure', 'sandbox']);
      assert.match(docText(item(`FROM alpine:3.20\nRUN --security=${CURSOR}`, 'insecure')), /security\.insecure/);
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nCOPY --chmod=${CURSOR}`), ['755', '644', '555', '444', '600']);
      assert.deepStrictEqual(labels(`FROM --platform=${CURSOR}`), ['$BUILDPLATFORM', 'linux/amd64', 'linux/arm64']);
      // A flag of another instruction has no values here.
      assert.strictEqual(completions(`FROM alpine:3.20\nCOPY --network=${CURSOR}`), null);
    });

    it('offers earlier stages after --from=, nearest last definition first', () => {
      const text = `FROM golang:1.23 AS build\nRUN go version\nFROM alpine:3.20 AS tools\nFROM alpine:3.20 AS final\nCOPY --from=${CURSOR}\nFROM alpine:3.20 AS later`;
      const items = completions(text, { trigger: '=' })!;
      assert.deepStrictEqual(
        items.map((i) => [i.label, i.detail]),
        [
          ['tools', 'build stage 1 (FROM alpine:3.20)'],
          ['build', 'build stage 0 (FROM golang:1.23)'],
        ],
      );
      assert.deepStrictEqual(rangeOf(items), range(4, 12, 12));
      assert.strictEqual(docText(items[1]), '**Build stage `build`**, line 1: built from `golang:1.23`.');
      assert.deepStrictEqual(rangeOf(completions(text.replace(CURSOR, `bu${CURSOR}`))), range(4, 12, 14));
    });

    it('offers the index of an earlier stage without a name after COPY --from=, and its name when it has one', () => {
      const text = `FROM golang:1.23\nRUN go build -o /app .\nFROM alpine:3.20 AS tools\nFROM gcr.io/distroless/static\nCOPY --from=${CURSOR}\nFROM alpine:3.20`;
      const items = completions(text, { trigger: '=' })!;
      assert.deepStrictEqual(
        items.map((i) => [i.label, i.detail, i.sortText]),
        [
          ['tools', 'build stage 1 (FROM alpine:3.20)', '0_001'],
          ['0', 'build stage 0 (FROM golang:1.23)', '0_000'],
        ],
      );
      assert.strictEqual(
        docText(items[1]),
        '**Build stage 0**, line 1: built from `golang:1.23`. It has no name (`AS <name>`), so `--from` names it by its index.',
      );
      assert.deepStrictEqual(labels(`FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=${CURSOR}`, { trigger: '=' }), [
        '0',
      ]);
      // The first stage has nothing before it.
      assert.deepStrictEqual(labels(`FROM golang:1.23\nCOPY --from=${CURSOR}`, { trigger: '=' }), []);
    });

    it('offers names only where BuildKit takes no index: RUN --mount from= and FROM', () => {
      const text = `FROM golang:1.23\nFROM node:22 AS deps\nFROM alpine:3.20\n`;
      assert.deepStrictEqual(labels(`${text}RUN --mount=type=bind,from=${CURSOR}`), ['deps']);
      assert.ok(!labels(`${text}FROM ${CURSOR}`).includes('0'));
    });
  });

  describe('RUN --mount', () => {
    it('offers the mount types after type=', () => {
      const items = completions(`FROM alpine:3.20\nRUN --mount=type=${CURSOR}`, { trigger: '=' })!;
      assert.deepStrictEqual(
        items.map((i) => i.label),
        ['cache', 'secret', 'bind', 'ssh', 'tmpfs'],
      );
      assert.deepStrictEqual(rangeOf(items), range(1, 17, 17));
      assert.match(docText(items[1]), /never\s+written to a layer/);
    });

    it('opens the values again after an item that ends where they follow, when the client can', () => {
      const reopening = (marked: string, options: { snippets?: boolean } = {}) =>
        (completions(marked, { ...options, retrigger: true }) ?? [])
          .filter((i) => i.command?.command === 'editor.action.triggerSuggest')
          .map((i) => i.label);
      // type= is followed by the mount types, sharing= by its modes, from= by the stages before (none in the first stage).
      assert.deepStrictEqual(reopening(`FROM alpine:3.20\nRUN --mount=${CURSOR}`), ['type=']);
      assert.deepStrictEqual(reopening(`FROM alpine:3.20\nRUN --mount=type=cache,${CURSOR}`), ['sharing=']);
      assert.deepStrictEqual(
        reopening(`FROM alpine:3.20 AS base\nFROM alpine:3.20\nRUN --mount=type=cache,${CURSOR}`),
        ['sharing=', 'from='],
      );
      // A value ends nothing; a client without the command gets plain items.
      assert.deepStrictEqual(reopening(`FROM alpine:3.20\nRUN --mount=type=${CURSOR}`), []);
      assert.ok(!(completions(`FROM alpine:3.20\nRUN --mount=${CURSOR}`) ?? []).some((i) => i.command));
      // Flags: a snippet offers the choices itself; without snippets, --network= is followed by its values.
      assert.deepStrictEqual(reopening(`FROM alpine:3.20\nRUN --${CURSOR}`), []);
      assert.deepStrictEqual(reopening(`FROM alpine:3.20\nRUN --${CURSOR}`, { snippets: false }), [
        '--mount',
        '--network',
        '--security',
      ]);
    });

    it('offers type= and the bind options before a type is given', () => {
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nRUN --mount=${CURSOR}`, { trigger: '=' }), [
        'type=',
        'target=',
        'source=',
        'from=',
        'readonly',
        'rw',
      ]);
    });

    it('offers the options of the mount type after a comma', () => {
      const options = (type: string) =>
        labels(`FROM alpine:3.20\nRUN --mount=type=${type},${CURSOR}`, { trigger: ',' });
      assert.deepStrictEqual(options('bind'), ['target=', 'source=', 'from=', 'readonly', 'rw']);
      assert.deepStrictEqual(options('cache'), [
        'target=',
        'id=',
        'sharing=',
        'from=',
        'source=',
        'mode=',
        'uid=',
        'gid=',
        'readonly',
      ]);
      assert.deepStrictEqual(options('tmpfs'), ['target=', 'size=']);
      assert.deepStrictEqual(options('secret'), ['id=', 'target=', 'env=', 'required', 'mode=', 'uid=', 'gid=']);
      assert.deepStrictEqual(options('ssh'), ['id=', 'target=', 'required', 'mode=', 'uid=', 'gid=']);
    });

    it('leaves out options already given (with their aliases) and replaces the partial option', () => {
      const text = `FROM alpine:3.20\nRUN --mount=type=cache,dst=/root/.cache,id=pip,sh${CURSOR} pip install -r requirements.txt`;
      const items = completions(text)!;
      assert.deepStrictEqual(
        items.map((i) => i.label),
        ['sharing=', 'from=', 'source=', 'mode=', 'uid=', 'gid=', 'readonly'],
      );
      assert.deepStrictEqual(rangeOf(items), range(1, 47, 49));
    });

    it('offers sharing modes, stages for from=, and nothing for free values', () => {
      const sharing = completions(`FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apt,sharing=${CURSOR}`, {
        trigger: '=',
      })!;
      assert.deepStrictEqual(
        sharing.map((i) => i.label),
        ['shared', 'private', 'locked'],
      );
      assert.match(docText(sharing[2]), /apt/);
      assert.deepStrictEqual(labels(`FROM node:22 AS deps\nFROM node:22\nRUN --mount=type=bind,from=${CURSOR}`), [
        'deps',
      ]);
      assert.strictEqual(
        completions(`FROM alpine:3.20\nRUN --mount=type=cache,target=${CURSOR}`, { trigger: '=' }),
        null,
      );
      assert.strictEqual(completions(`FROM alpine:3.20\nRUN --mount=type=secret,from=${CURSOR}`), null);
    });

    it('works on the second --mount of a RUN spread over lines', () => {
      const text = `FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n    --mount=type=secret,${CURSOR}`;
      assert.deepStrictEqual(rangeOf(completions(text, { trigger: ',' })), range(2, 24, 24));
    });
  });

  describe('variables', () => {
    it('offers global ARGs and the automatic platform args in FROM', () => {
      const items = completions(`ARG BASE=alpine\nARG VERSION\nFROM $${CURSOR}`, { trigger: '$' })!;
      assert.deepStrictEqual(
        items.map((i) => [i.label, i.detail]),
        [
          ['BASE', 'ARG = alpine'],
          ['VERSION', 'ARG without default'],
          ['TARGETPLATFORM', 'set by BuildKit'],
          ['TARGETOS', 'set by BuildKit'],
          ['TARGETARCH', 'set by BuildKit'],
          ['TARGETVARIANT', 'set by BuildKit'],
          ['BUILDPLATFORM', 'set by BuildKit'],
          ['BUILDOS', 'set by BuildKit'],
          ['BUILDARCH', 'set by BuildKit'],
          ['BUILDVARIANT', 'set by BuildKit'],
        ],
      );
      assert.deepStrictEqual(rangeOf(items), range(2, 6, 6));
      assert.match(docText(items[0]), /`ARG` on line 1, in the global scope/);
      assert.strictEqual(
        edit(item(`FROM --platform=$B${CURSOR} alpine:3.20`, 'BUILDPLATFORM')).newText,
        'BUILDPLATFORM',
      );
      // A global ARG default sees the global ARGs above it.
      assert.deepStrictEqual(labels(`ARG A=1\nARG B=$${CURSOR}\nARG C=3\nFROM alpine:3.20`).slice(0, 2), [
        'A',
        'TARGETPLATFORM',
      ]);
    });

    it('offers the ARG and ENV names in scope at the cursor, with their values', () => {
      const text = [
        'ARG VERSION=1.2',
        'ARG UNUSED=x',
        'FROM alpine:3.20 AS base',
        'ENV APP_HOME=/app',
        'FROM base',
        'ARG VERSION',
        'ARG TARGETARCH',
        'ARG HTTP_PROXY',
        `RUN echo "\${${CURSOR}"`,
        'ENV LATER=1',
      ].join('\n');
      const items = completions(text, { trigger: '{' })!;
      assert.deepStrictEqual(
        items.map((i) => [i.label, i.detail]),
        [
          ['APP_HOME', 'ENV = /app'],
          ['VERSION', 'ARG = 1.2 (global default)'],
          ['TARGETARCH', 'ARG, set by BuildKit'],
          ['HTTP_PROXY', 'ARG, from --build-arg'],
        ],
      );
      // `${` without its brace yet: the name and the brace.
      assert.deepStrictEqual(edit(items[0]), { range: range(8, 12, 12), newText: 'APP_HOME}' });
      assert.match(docText(items[0]), /`ENV` on line 4, in stage `base`/);
      assert.match(docText(items[1]), /global `ARG` on line 1: `1\.2`/);
    });

    it('keeps a closing brace that is already there and replaces the partial name', () => {
      const items = completions(`FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR \${APP${CURSOR}}/src`)!;
      assert.deepStrictEqual(edit(items[0]), { range: range(2, 10, 13), newText: 'APP_HOME' });
    });

    it('offers only ENV names where the shell expands at run time', () => {
      const text = (line: string) => `FROM alpine:3.20\nARG BUILD_ONLY=1\nENV PORT=8080\n${line}`;
      assert.deepStrictEqual(labels(text(`CMD echo $${CURSOR}`)), ['PORT']);
      assert.deepStrictEqual(labels(text(`HEALTHCHECK CMD wget -q localhost:$${CURSOR}`)), ['PORT']);
      assert.deepStrictEqual(labels(text(`RUN echo $${CURSOR}`)), ['BUILD_ONLY', 'PORT']);
    });

    it('offers nothing where nothing expands', () => {
      const text = (line: string) => `FROM alpine:3.20\nENV PORT=8080\n${line}`;
      assert.strictEqual(completions(text(`CMD ["echo", "$${CURSOR}"]`), { trigger: '$' }), null);
      assert.strictEqual(completions(text(`RUN echo \\$${CURSOR}`), { trigger: '$' }), null);
      assert.strictEqual(completions(text(`RUN echo {${CURSOR}`), { trigger: '{' }), null);
    });
  });

  describe('FROM: images, tags and stages', () => {
    it('offers earlier stages, the known images and scratch', () => {
      const items = completions(`FROM golang:1.23 AS build\nFROM ${CURSOR}\nFROM alpine:3.20 AS later`, {
        trigger: ' ',
      })!;
      assert.deepStrictEqual(
        items.slice(0, 3).map((i) => i.label),
        ['build', 'alpine', 'ubuntu'],
      );
      assert.strictEqual(items[items.length - 1].label, 'scratch');
      assert.ok(!items.some((i) => i.label === 'later'));
      const node = items.find((i) => i.label === 'node')!;
      assert.strictEqual(edit(node).newText, 'node:${1|22,22-bookworm-slim,22-alpine,20|}');
      assert.strictEqual(edit(item(`FROM ${CURSOR}`, 'node', { snippets: false })).newText, 'node');
      assert.deepStrictEqual(rangeOf(completions(`FROM --platform=$BUILDPLATFORM no${CURSOR}`)), range(0, 31, 33));
    });

    it('offers the tags of a known image after the colon', () => {
      const items = completions(`FROM node:${CURSOR}`, { trigger: ':' })!;
      assert.deepStrictEqual(
        items.map((i) => i.label),
        ['22', '22-bookworm-slim', '22-alpine', '20'],
      );
      assert.deepStrictEqual(rangeOf(items), range(0, 10, 10));
      assert.deepStrictEqual(rangeOf(completions(`FROM docker.io/library/python:3.1${CURSOR}`)), range(0, 30, 33));
      assert.deepStrictEqual(labels(`FROM mcr.microsoft.com/dotnet/sdk:${CURSOR}`), ['8.0']);
      assert.strictEqual(completions(`FROM example.com/unknown:${CURSOR}`, { trigger: ':' }), null);
      // A colon elsewhere (a registry port) does not open tags.
      assert.strictEqual(completions(`FROM localhost:${CURSOR}`, { trigger: ':' }), null);
    });

    it('offers AS after the image, in the case of FROM', () => {
      assert.deepStrictEqual(edit(item(`FROM node:22 ${CURSOR}`, 'AS', { trigger: ' ' })), {
        range: range(0, 13, 13),
        newText: 'AS ${1:name}',
      });
      assert.deepStrictEqual(edit(item(`from node:22 a${CURSOR}`, 'as')), {
        range: range(0, 13, 14),
        newText: 'as ${1:name}',
      });
      assert.strictEqual(completions(`FROM node:22 AS ${CURSOR}`, { trigger: ' ' }), null);
    });
  });

  describe('STOPSIGNAL and HEALTHCHECK', () => {
    it('offers the signals, each saying when it fits', () => {
      const items = completions(`FROM nginx:1.27\nSTOPSIGNAL ${CURSOR}`, { trigger: ' ' })!;
      assert.deepStrictEqual(
        items.map((i) => i.label),
        ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGRTMIN+3'],
      );
      assert.match(docText(items[2]), /nginx/);
      assert.match(docText(items[7]), /httpd/);
      assert.match(docText(items[8]), /systemd/);
      assert.deepStrictEqual(rangeOf(completions(`FROM nginx:1.27\nSTOPSIGNAL SIGQ${CURSOR}`)), range(1, 11, 15));
    });

    it('offers CMD and NONE after the HEALTHCHECK flags', () => {
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nHEALTHCHECK ${CURSOR}`, { trigger: ' ' }), ['CMD', 'NONE']);
      assert.deepStrictEqual(labels(`FROM alpine:3.20\nHEALTHCHECK --interval=10s ${CURSOR}`, { trigger: ' ' }), [
        'CMD',
      ]);
      assert.strictEqual(
        edit(item(`FROM alpine:3.20\nhealthcheck ${CURSOR}`, 'cmd')).newText,
        'cmd ${1:command} || exit 1',
      );
      assert.strictEqual(completions(`FROM alpine:3.20\nHEALTHCHECK CMD ${CURSOR}`, { trigger: ' ' }), null);
    });
  });

  describe('parser directives', () => {
    it('offers the directive names on the first lines, without those already given', () => {
      const items = completions(`# ${CURSOR}`, { trigger: ' ' })!;
      assert.deepStrictEqual(
        items.map((i) => edit(i)),
        [
          { range: range(0, 2, 2), newText: 'syntax=' },
          { range: range(0, 2, 2), newText: 'escape=' },
          { range: range(0, 2, 2), newText: 'check=' },
        ],
      );
      assert.deepStrictEqual(labels(`# syntax=docker/dockerfile:1\n#esc${CURSOR}`), ['escape', 'check']);
      assert.strictEqual(completions(`FROM alpine:3.20\n# ${CURSOR}`, { trigger: ' ' }), null);
      assert.strictEqual(completions(`# a comment\n# ${CURSOR}`, { trigger: ' ' }), null);
    });

    it('offers the values of syntax and escape', () => {
      assert.deepStrictEqual(labels(`# syntax=${CURSOR}`, { trigger: '=' }), [
        'docker/dockerfile:1',
        'docker/dockerfile:1-labs',
      ]);
      assert.deepStrictEqual(rangeOf(completions(`# syntax=docker/${CURSOR}`)), range(0, 9, 16));
      assert.deepStrictEqual(labels(`# escape=${CURSOR}`, { trigger: '=' }), ['\\', '`']);
    });

    it('offers the parts of check and the BuildKit check names of the rules', () => {
      assert.deepStrictEqual(labels(`# check=${CURSOR}`, { trigger: '=' }), ['skip=', 'error=true', 'experimental=']);
      assert.deepStrictEqual(labels(`# check=skip=all;${CURSOR}`), ['error=true', 'experimental=']);
      const names = new Set(
        DOCKERFILE_RULES.flatMap((r) => r.equivalents.filter((e) => e.tool === 'buildkit').map((e) => e.id)),
      );
      const skip = labels(`# check=skip=${CURSOR}`, { trigger: '=' });
      assert.deepStrictEqual(skip, ['all', ...[...names].sort((a, b) => a.localeCompare(b))]);
      assert.ok(skip.includes('JSONArgsRecommended'));
      const next = completions(`# check=skip=JSONArgsRecommended,St${CURSOR}`, { trigger: ',' })!;
      assert.ok(!next.some((i) => i.label === 'JSONArgsRecommended' || i.label === 'all'));
      assert.deepStrictEqual(rangeOf(next), range(0, 33, 35));
      assert.deepStrictEqual(labels(`# check=experimental=${CURSOR}`), [
        'all',
        'CopyIgnoredFile',
        'InvalidDefinitionDescription',
      ]);
      assert.deepStrictEqual(labels(`# check=skip=all;error=${CURSOR}`), ['true', 'false']);
    });
  });

  describe('trigger characters', () => {
    it('registers the characters that open Dockerfile contexts', () => {
      assert.deepStrictEqual(DOCKERFILE_TRIGGER_CHARACTERS, [' ', '-', '$', '{', '=', ',', ':']);
    });

    it('answers a trigger only where that character opens something', () => {
      assert.strictEqual(completions(`FROM alpine:3.20\nCOPY --from=${CURSOR}`, { trigger: ':' }), null);
      assert.strictEqual(
        completions(`FROM alpine:3.20\nRUN --mount=type=cache,target=/a-${CURSOR}`, { trigger: '-' }),
        null,
      );
      assert.strictEqual(completions(`FROM alpine:3.20\nENV A=${CURSOR}`, { trigger: '=' }), null);
      assert.strictEqual(completions(`FROM alpine:3.20\nLABEL a,${CURSOR}`, { trigger: ',' }), null);
    });

    it('leaves compose files to their own completion for the Dockerfile triggers', () => {
      const doc = TextDocument.create(
        'file:///x/compose.yaml',
        'dockercompose',
        1,
        'services:\n  web:\n    image: node:\n',
      );
      assert.strictEqual(
        service.completion(doc, { line: 2, character: 16 }, { snippets: true, triggerCharacter: ':' }),
        null,
      );
    });
  });
});
