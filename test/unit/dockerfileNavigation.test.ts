/** Dockerfile navigation: definition, references, rename, highlights, outline, folding, links. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DocumentHighlightKind,
  DocumentSymbol,
  FoldingRangeKind,
  Range,
  SymbolKind,
} from 'vscode-languageserver-types';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { dockerfileNames } from '../../server/src/dockerfile/names';
import { RenameError } from '../../server/src/service/composeNavigation';
import { DockerCoachService } from '../../server/src/service/languageService';
import { docAtMarker, docOf } from '../support/lint';

const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });

/** The document without the `|` marker, and the marker's position. */
const at = (marked: string, uri?: string) => docAtMarker(marked, 'dockerfile', uri);

/** `line:character-line:character text`: exact and readable. */
function spot(doc: TextDocument, range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${doc.getText(range)}`;
}

function definition(marked: string): string[] | null {
  const { doc, position } = at(marked);
  return service.definition(doc, position)?.map((l) => spot(doc, l.range)) ?? null;
}

function references(marked: string, includeDeclaration = true): string[] | null {
  const { doc, position } = at(marked);
  return service.references(doc, position, includeDeclaration)?.map((l) => spot(doc, l.range)) ?? null;
}

function renamed(marked: string, newName: string): string | null {
  const { doc, position } = at(marked);
  const edit = service.rename(doc, position, newName);
  return edit ? TextDocument.applyEdits(doc, edit.changes![doc.uri]) : null;
}

const MULTI_STAGE = [
  'ARG GO_VERSION=1.22', // 0
  'FROM golang:${GO_VERSION} AS Build', // 1
  'WORKDIR /src', // 2
  'RUN go build -o /out/app .', // 3
  'FROM build AS test', // 4
  'RUN go test ./...', // 5
  'FROM alpine:3.20', // 6
  'COPY --from=BUILD /out/app /usr/local/bin/app', // 7
  'COPY --from=0 /out/app /app2', // 8
  'RUN --mount=type=bind,from=build,source=/out,target=/mnt ls /mnt', // 9
  'USER nobody', // 10
  '',
].join('\n');

function marked(line: number, character: number, text = MULTI_STAGE): string {
  const doc = TextDocument.create('file:///x', 'dockerfile', 1, text);
  const offset = doc.offsetAt({ line, character });
  return text.slice(0, offset) + '|' + text.slice(offset);
}

describe('Dockerfile stage names', () => {
  it('go to the stage from FROM, COPY --from (any case) and RUN --mount from=', () => {
    const build = ['1:29-1:34 Build'];
    assert.deepStrictEqual(definition(marked(4, 6)), build);
    assert.deepStrictEqual(definition(marked(7, 14)), build);
    assert.deepStrictEqual(definition(marked(7, 17)), build, 'the end of the name counts');
    assert.deepStrictEqual(definition(marked(9, 30)), build);
    assert.deepStrictEqual(definition(marked(1, 31)), build, 'on the definition itself');
  });

  it('resolves a numeric --from to the stage by index', () => {
    assert.deepStrictEqual(definition(marked(8, 12)), ['1:29-1:34 Build']);
    const unnamed = 'FROM alpine:3.20\nRUN touch /a\nFROM alpine:3.20\nCOPY --from=|0 /a /a\n';
    assert.deepStrictEqual(definition(unnamed), ['0:5-0:16 alpine:3.20']);
  });

  it('finds every reference, the definition first only when asked', () => {
    const all = ['1:29-1:34 Build', '4:5-4:10 build', '7:12-7:17 BUILD', '8:12-8:13 0', '9:27-9:32 build'];
    assert.deepStrictEqual(references(marked(7, 13)), all);
    assert.deepStrictEqual(references(marked(7, 13), false), all.slice(1));
  });

  it('highlights the definition as write and the references as read', () => {
    const { doc, position } = at(marked(4, 5));
    const highlights = service.documentHighlights(doc, position)!;
    assert.deepStrictEqual(
      highlights.map((h) => [spot(doc, h.range), h.kind]),
      [
        ['1:29-1:34 Build', DocumentHighlightKind.Write],
        ['4:5-4:10 build', DocumentHighlightKind.Read],
        ['7:12-7:17 BUILD', DocumentHighlightKind.Read],
        ['8:12-8:13 0', DocumentHighlightKind.Read],
        ['9:27-9:32 build', DocumentHighlightKind.Read],
      ],
    );
  });

  it('renames every reference by name, but not the index reference', () => {
    const { doc, position } = at(marked(7, 13));
    assert.deepStrictEqual(service.prepareRename(doc, position), {
      range: { start: { line: 7, character: 12 }, end: { line: 7, character: 17 } },
      placeholder: 'BUILD',
    });
    const text = renamed(marked(7, 13), 'compile')!;
    assert.deepStrictEqual(
      text.split('\n').filter((_l, i) => [1, 4, 7, 8, 9].includes(i)),
      [
        'FROM golang:${GO_VERSION} AS compile',
        'FROM compile AS test',
        'COPY --from=compile /out/app /usr/local/bin/app',
        'COPY --from=0 /out/app /app2',
        'RUN --mount=type=bind,from=compile,source=/out,target=/mnt ls /mnt',
      ],
    );
  });

  it('refuses to rename a stage index, an image or to a name Docker rejects', () => {
    const index = at(marked(8, 12));
    assert.strictEqual(service.prepareRename(index.doc, index.position), null);
    assert.strictEqual(service.rename(index.doc, index.position, 'x'), null);
    const image = at(marked(6, 7));
    assert.strictEqual(service.prepareRename(image.doc, image.position), null);
    for (const bad of ['1build', 'my stage', 'build!', '', 'scratch', 'Context', 'TEST']) {
      assert.throws(() => renamed(marked(1, 31), bad), RenameError, bad);
    }
    // A bare image name would turn into a reference to the stage.
    const pulls = 'FROM alpine:3.20 AS base\nFROM alpine:3.20\nCOPY --from=busybox /bin/sh /sh\n';
    assert.throws(() => renamed(marked(0, 21, pulls), 'BusyBox'), /Line 3 uses an image named "BusyBox"/);
    assert.match(renamed(marked(0, 21, pulls), 'alpine')!, /AS alpine\n/, 'alpine:3.20 has a tag: it stays an image');
    // BuildKit lower-cases the name before checking it: upper case is accepted.
    assert.match(renamed(marked(1, 31), 'Go.Builder_2-x')!, /AS Go\.Builder_2-x\nWORKDIR/);
  });

  it('keeps duplicate names apart: a reference means the nearest earlier stage', () => {
    const text =
      'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=a /x /x\nFROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=A /y /y\n';
    assert.deepStrictEqual(references(marked(0, 20, text)), ['0:20-0:21 a', '2:12-2:13 a']);
    assert.deepStrictEqual(references(marked(5, 12, text)), ['3:20-3:21 a', '5:12-5:13 A']);
    assert.deepStrictEqual(definition(marked(5, 12, text)), ['3:20-3:21 a']);
  });

  it('does not take an image or a variable for a stage', () => {
    const text =
      'ARG BASE=build\nFROM alpine:3.20 AS build\nFROM ${BASE}\nCOPY --from=alpine:3.20 /etc/os-release /x\n';
    assert.deepStrictEqual(references(marked(1, 21, text)), ['1:20-1:25 build']);
    assert.strictEqual(definition(marked(3, 14, text)), null);
  });
});

describe('Dockerfile variables', () => {
  const VARIABLES = [
    'ARG VERSION=1.4', // 0
    'ARG BASE=alpine:3.20', // 1
    'FROM --platform=$BUILDPLATFORM ${BASE} AS build', // 2
    'ARG VERSION', // 3
    'ARG TARGETARCH', // 4
    'ENV APP_HOME=/srv/app', // 5
    'WORKDIR $APP_HOME', // 6
    'RUN echo "$VERSION" ${VERSION:-dev} \'$VERSION\' && echo $APP_HOME/${TARGETARCH}', // 7
    'LABEL version=${VERSION}', // 8
    'FROM ${BASE}', // 9
    'RUN echo $VERSION', // 10
    'CMD echo $APP_HOME', // 11
    '',
  ].join('\n');

  it('resolves a reference to the ARG or ENV visible before it', () => {
    assert.deepStrictEqual(definition(marked(6, 10, VARIABLES)), ['5:4-5:12 APP_HOME']);
    assert.deepStrictEqual(definition(marked(7, 12, VARIABLES)), ['3:4-3:11 VERSION']);
    assert.deepStrictEqual(definition(marked(2, 35, VARIABLES)), ['1:4-1:8 BASE'], 'FROM uses the global scope');
    assert.deepStrictEqual(
      definition(marked(3, 6, VARIABLES)),
      ['0:4-0:11 VERSION'],
      'a stage ARG opting in goes to the global ARG',
    );
    assert.deepStrictEqual(definition(marked(7, 73, VARIABLES)), ['4:4-4:14 TARGETARCH']);
  });

  it('finds a variable in FROM, in expanded instructions and in RUN shell text, not in single quotes', () => {
    assert.deepStrictEqual(references(marked(0, 5, VARIABLES)), [
      '0:4-0:11 VERSION',
      '3:4-3:11 VERSION',
      '7:11-7:18 VERSION',
      '7:22-7:29 VERSION',
      '8:16-8:23 VERSION',
    ]);
    assert.deepStrictEqual(references(marked(1, 5, VARIABLES)), ['1:4-1:8 BASE', '2:33-2:37 BASE', '9:7-9:11 BASE']);
  });

  it('leaves out uses where the variable is not in scope', () => {
    // Line 10: the second stage never declares VERSION, so $VERSION is empty there.
    assert.ok(!references(marked(0, 5, VARIABLES))!.some((r) => r.startsWith('10:')));
    assert.strictEqual(definition(marked(10, 11, VARIABLES)), null);
    assert.strictEqual(definition(marked(2, 20, VARIABLES)), null, 'a predefined platform argument has no definition');
  });

  it('follows ENV into CMD, and a stage built on another stage', () => {
    const text = 'FROM alpine:3.20 AS base\nENV APP_HOME=/srv\nFROM base\nWORKDIR $APP_HOME\nCMD ls $APP_HOME\n';
    assert.deepStrictEqual(references(marked(1, 6, text)), [
      '1:4-1:12 APP_HOME',
      '3:9-3:17 APP_HOME',
      '4:8-4:16 APP_HOME',
    ]);
    // An ARG is not in the container's environment: CMD's $NAME is something else.
    const arg = 'FROM alpine:3.20\nARG NAME=x\nRUN echo $NAME\nCMD echo $NAME\n';
    assert.deepStrictEqual(references(marked(1, 5, arg)), ['1:4-1:8 NAME', '2:10-2:14 NAME']);
  });

  it('lets ENV shadow an ARG of the same name, and keeps redefinitions of one kind together', () => {
    const text = [
      'FROM alpine:3.20',
      'ARG PORT=8080',
      'ENV PORT=$PORT',
      'EXPOSE $PORT',
      'ENV PORT=${PORT}0',
      'RUN echo ${PORT:-80}',
      '',
    ].join('\n');
    assert.deepStrictEqual(references(marked(1, 5, text)), ['1:4-1:8 PORT', '2:10-2:14 PORT']);
    assert.deepStrictEqual(references(marked(3, 9, text)), [
      '2:4-2:8 PORT',
      '3:8-3:12 PORT',
      '4:4-4:8 PORT',
      '4:11-4:15 PORT',
      '5:11-5:15 PORT',
    ]);
    assert.deepStrictEqual(definition(marked(5, 12, text)), ['4:4-4:8 PORT']);
  });

  it('finds variables in COPY flags and RUN --mount options, not in heredoc file contents', () => {
    const text = [
      'FROM alpine:3.20',
      'ARG UID=1000 CACHE=/root/.cache',
      'COPY --chown=${UID} app /app',
      'RUN --mount=type=cache,target=$CACHE,uid=$UID ls',
      'COPY <<EOF /etc/motd',
      'uid $UID',
      'EOF',
      '',
    ].join('\n');
    assert.deepStrictEqual(references(marked(1, 5, text)), ['1:4-1:7 UID', '2:15-2:18 UID', '3:42-3:45 UID']);
    assert.deepStrictEqual(references(marked(1, 14, text)), ['1:13-1:18 CACHE', '3:31-3:36 CACHE']);
  });

  it('finds variables in heredoc scripts and across continuation lines', () => {
    const text = 'FROM alpine:3.20\nARG MODE=fast\nRUN <<EOF\necho $MODE\nEOF\nRUN echo a \\\n  && echo ${MODE}\n';
    assert.deepStrictEqual(references(marked(1, 5, text)), ['1:4-1:8 MODE', '3:6-3:10 MODE', '6:12-6:16 MODE']);
  });

  it('renames a variable everywhere it means the same thing', () => {
    const text = renamed(marked(7, 24, VARIABLES), 'APP_VERSION')!;
    assert.deepStrictEqual(text.split('\n'), [
      'ARG APP_VERSION=1.4',
      'ARG BASE=alpine:3.20',
      'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
      'ARG APP_VERSION',
      'ARG TARGETARCH',
      'ENV APP_HOME=/srv/app',
      'WORKDIR $APP_HOME',
      'RUN echo "$APP_VERSION" ${APP_VERSION:-dev} \'$VERSION\' && echo $APP_HOME/${TARGETARCH}',
      'LABEL version=${APP_VERSION}',
      'FROM ${BASE}',
      'RUN echo $VERSION',
      'CMD echo $APP_HOME',
      '',
    ]);
    const { doc, position } = at(marked(2, 35, VARIABLES));
    assert.deepStrictEqual(service.prepareRename(doc, position), {
      range: { start: { line: 2, character: 33 }, end: { line: 2, character: 37 } },
      placeholder: 'BASE',
    });
  });

  it('rejects invalid variable names', () => {
    for (const bad of ['1X', 'A-B', 'A B', '', '$A']) {
      assert.throws(() => renamed(marked(5, 6, VARIABLES), bad), RenameError, bad);
    }
    assert.throws(() => renamed(marked(5, 6, VARIABLES), 'BASE'), /Another variable is already named BASE/);
    assert.throws(() => renamed(marked(5, 6, VARIABLES), 'TARGETOS'), /predefined/);
    assert.match(renamed(marked(5, 6, VARIABLES), '_home2')!, /ENV _home2=\/srv\/app\nWORKDIR \$_home2\n/);
  });

  it('highlights a variable: definitions write, uses read', () => {
    const { doc, position } = at(marked(6, 12, VARIABLES));
    assert.deepStrictEqual(
      service.documentHighlights(doc, position)!.map((h) => [spot(doc, h.range), h.kind]),
      [
        ['5:4-5:12 APP_HOME', DocumentHighlightKind.Write],
        ['6:9-6:17 APP_HOME', DocumentHighlightKind.Read],
        ['7:56-7:64 APP_HOME', DocumentHighlightKind.Read],
      ],
    );
  });

  it('has nothing for keywords, paths and plain words', () => {
    assert.strictEqual(definition(marked(6, 2, VARIABLES)), null);
    assert.strictEqual(references(marked(7, 5, VARIABLES)), null);
    const { doc, position } = at(marked(5, 16, VARIABLES));
    assert.strictEqual(service.documentHighlights(doc, position), null);
  });
});

describe('Dockerfile outline and folding', () => {
  const text = [
    '# syntax=docker/dockerfile:1', // 0
    'ARG NODE=20', // 1
    '', // 2
    '# Build the app.', // 3
    '# Twice.', // 4
    'FROM node:${NODE} AS build', // 5
    'RUN npm ci \\', // 6
    '  && npm run build', // 7
    'FROM nginx:1.27', // 8
    'COPY --from=build /app/dist /usr/share/nginx/html', // 9
    'RUN <<EOF', // 10
    'echo hi', // 11
    'EOF', // 12
    '',
  ].join('\n');

  it('outlines by build stage, global ARGs first, with exact ranges', () => {
    const doc = docOf(text);
    const symbols = service.documentSymbols(doc);
    const flat = (s: DocumentSymbol): unknown => [
      s.name,
      s.detail,
      s.kind,
      spot(doc, s.selectionRange),
      `${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`,
    ];
    assert.deepStrictEqual(symbols.map(flat), [
      ['global ARGs', 'usable in FROM lines', SymbolKind.Namespace, '1:0-1:3 ARG', '1:0-1:11'],
      ['build', 'FROM node:${NODE}', SymbolKind.Class, '5:21-5:26 build', '5:0-7:18'],
      ['nginx:1.27', 'stage 1', SymbolKind.Class, '8:5-8:15 nginx:1.27', '8:0-12:3'],
    ]);
    assert.deepStrictEqual(symbols[0].children!.map(flat), [
      ['ARG', 'NODE=20', SymbolKind.Variable, '1:0-1:3 ARG', '1:0-1:11'],
    ]);
    assert.deepStrictEqual(symbols[1].children!.map(flat), [
      ['RUN', 'npm ci', SymbolKind.Function, '6:0-6:3 RUN', '6:0-7:18'],
    ]);
    assert.deepStrictEqual(
      symbols[2].children!.map((s) => [s.name, s.detail]),
      [
        ['COPY', '--from=build /app/dist /usr/share/nginx/html'],
        ['RUN', '<<EOF'],
      ],
    );
  });

  it('folds stages, multi-line instructions and comment blocks', () => {
    const doc = docOf(text);
    assert.deepStrictEqual(
      service.foldingRanges(doc).map((r) => [r.startLine, r.endLine, r.kind]),
      [
        [3, 4, FoldingRangeKind.Comment],
        [5, 7, undefined],
        [6, 7, undefined],
        [8, 12, undefined],
        [10, 12, undefined],
      ],
    );
  });

  it('has no symbols or folds for an empty document', () => {
    const doc = docOf('');
    assert.deepStrictEqual(service.documentSymbols(doc), []);
    assert.deepStrictEqual(service.foldingRanges(doc), []);
  });
});

describe('Dockerfile document links', () => {
  it('links Docker Hub images to their page, and nothing else', () => {
    const text = [
      'FROM node:20 AS build', // 0
      'FROM docker.io/library/nginx:1.27@sha256:' + 'a'.repeat(64), // 1
      'FROM bitnami/redis:7.4', // 2
      'FROM ghcr.io/org/tool:1', // 3
      'FROM scratch', // 4
      'FROM build', // 5
      'ARG X',
      'FROM alpine:${X}', // 7
      '',
    ].join('\n');
    const doc = docOf(text);
    assert.deepStrictEqual(
      service.documentLinks(doc).map((l) => [spot(doc, l.range), l.target]),
      [
        ['0:5-0:12 node:20', 'https://hub.docker.com/_/node'],
        [
          `1:5-1:${5 + 'docker.io/library/nginx:1.27@sha256:'.length + 64} docker.io/library/nginx:1.27@sha256:${'a'.repeat(64)}`,
          'https://hub.docker.com/_/nginx',
        ],
        ['2:5-2:22 bitnami/redis:7.4', 'https://hub.docker.com/r/bitnami/redis'],
      ],
    );
  });

  it('links COPY and ADD sources that exist in the build context', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-links-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{}');
      fs.mkdirSync(path.join(dir, 'src'));
      const text = [
        'FROM node:20 AS build',
        'COPY package.json missing.json /app/',
        'ADD src /app/src',
        'COPY --from=build /package.json /x',
        'COPY *.json $DIR /y/',
        'COPY /src ./ /z/',
        'COPY ["package.json", "/q/"]',
        '',
      ].join('\n');
      const doc = TextDocument.create(pathToFileURL(path.join(dir, 'Dockerfile')).toString(), 'dockerfile', 1, text);
      assert.deepStrictEqual(
        service
          .documentLinks(doc)
          .filter((l) => l.target!.startsWith('file:'))
          .map((l) => [spot(doc, l.range), l.target]),
        [
          ['1:5-1:17 package.json', pathToFileURL(path.join(dir, 'package.json')).toString()],
          ['2:4-2:7 src', pathToFileURL(path.join(dir, 'src')).toString()],
          ['5:5-5:9 /src', pathToFileURL(path.join(dir, 'src')).toString()],
        ],
      );
      // Not a file: no workspace to look in.
      const untitled = TextDocument.create('untitled:Untitled-1', 'dockerfile', 1, text);
      assert.deepStrictEqual(
        service.documentLinks(untitled).filter((l) => l.target!.startsWith('file:')),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Dockerfile navigation over the fixture Dockerfiles', () => {
  const root = path.resolve(__dirname, '../../..');
  const folders = ['test/fixtures/corpus/good', 'test/fixtures/corpus/mixed', 'test/fixtures/dockerfiles'];
  const files = folders.flatMap((folder) =>
    fs
      .readdirSync(path.join(root, folder))
      .sort()
      .map((name) => path.join(root, folder, name)),
  );

  const contains = (outer: Range, inner: Range) =>
    (outer.start.line < inner.start.line ||
      (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
    (outer.end.line > inner.end.line ||
      (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

  it('has well-formed outlines and folds, and renames that keep every reference together', () => {
    assert.ok(files.length >= 10);
    let renames = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const doc = docOf(text);
      const check = (symbol: DocumentSymbol) => {
        assert.ok(contains(symbol.range, symbol.selectionRange), `${file}: ${symbol.name}`);
        for (const child of symbol.children ?? []) {
          assert.ok(contains(symbol.range, child.range), `${file}: ${child.name} in ${symbol.name}`);
          check(child);
        }
      };
      service.documentSymbols(doc).forEach(check);
      for (const fold of service.foldingRanges(doc)) assert.ok(fold.startLine < fold.endLine, file);
      // Every name: its references include it, and renaming it keeps the same places together under the new name.
      for (const occurrence of dockerfileNames(new DockerfileModel(doc)).occurrences) {
        const position = doc.positionAt(occurrence.start);
        const where = `${path.basename(file)}:${position.line + 1}:${position.character + 1} ${occurrence.name}`;
        const refs = service.references(doc, position, true)!;
        assert.ok(
          refs.some((r) => doc.offsetAt(r.range.start) === occurrence.start),
          where,
        );
        assert.ok(service.definition(doc, position), `${where} has a definition`);
        const prepared = service.prepareRename(doc, position);
        assert.strictEqual(prepared === null, !occurrence.renamable, where);
        if (!prepared) continue;
        const edits = service.rename(doc, position, occurrence.kind === 'stage' ? 'renamed-x' : 'RENAMED_X')!.changes![
          doc.uri
        ];
        assert.strictEqual(edits.length, refs.filter((r) => /^[^0-9]/.test(doc.getText(r.range))).length, where);
        const renamedDoc = TextDocument.create(doc.uri, 'dockerfile', 2, TextDocument.applyEdits(doc, edits));
        const again = service.references(renamedDoc, prepared.range.start, true)!;
        assert.strictEqual(again.length, refs.length, where);
        renames++;
      }
    }
    assert.ok(renames > 50, `only ${renames} renames tried`);
  });
});
