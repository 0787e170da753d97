/**
 * Protocol tests: start the bundled server (dist/server.js) the way editors
 * do, over stdio and over Node IPC, and talk LSP to it.
 */
import * as assert from 'assert';
import {
  CodeAction,
  CodeActionRequest,
  CompletionList,
  CompletionRequest,
  DefinitionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeConfigurationNotification,
  ErrorCodes,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  MarkupContent,
  PrepareRenameRequest,
  RenameRequest,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { CheckExerciseRequest, ListExercisesRequest, LessonId } from '../../server/src/protocol';
import { LspSession, startServer } from '../support/lspSession';

async function initialize(session: LspSession): Promise<void> {
  const result = await session.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { docsBaseUri: 'https://example.test/rules' },
  });
  assert.strictEqual(result.capabilities.hoverProvider, true);
  assert.deepStrictEqual(result.capabilities.completionProvider?.triggerCharacters, [
    ' ',
    '-',
    '$',
    '{',
    '=',
    ',',
    ':',
  ]);
  assert.strictEqual(result.capabilities.definitionProvider, true);
  assert.deepStrictEqual(result.capabilities.renameProvider, { prepareProvider: true });
  assert.deepStrictEqual(result.capabilities.codeActionProvider, {
    codeActionKinds: ['quickfix', 'quickfix.disable', 'source.fixAll.docker-coach'],
    resolveProvider: true,
  });
  await session.connection.sendNotification(InitializedNotification.type, {});
}

for (const transport of ['stdio', 'ipc'] as const) {
  describe(`language server over ${transport}`, () => {
    let session: LspSession;
    before(async () => {
      session = startServer(undefined, transport);
      await initialize(session);
    });
    after(() => session.stop());

    const uri = `file:///work/${transport}/Dockerfile`;

    it('publishes diagnostics on didOpen, with code, source and documentation link', async () => {
      const published = session.open(
        uri,
        'dockerfile',
        'FROM ubuntu\nMAINTAINER me\nRUN apt-get update\nRUN apt-get install curl\nCMD ["curl", "--version"]\n',
      );
      const diagnostics = await published;
      const codes = diagnostics.map((d) => d.code).sort();
      assert.deepStrictEqual(codes, [
        'apt-get-clean-lists',
        'apt-get-no-recommends',
        'apt-get-yes',
        'maintainer-deprecated',
        'merge-run-layers',
        'non-root-user',
        'pin-base-image',
        'update-without-install',
      ]);
      const maintainer = diagnostics.find((d) => d.code === 'maintainer-deprecated')!;
      assert.strictEqual(maintainer.source, 'docker-coach');
      assert.strictEqual(maintainer.codeDescription?.href, 'https://example.test/rules/maintainer-deprecated.md');
      assert.deepStrictEqual(maintainer.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    });

    it('answers hover on an instruction keyword', async () => {
      const hover = await session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 4, character: 1 },
      });
      assert.ok(hover);
      assert.match((hover.contents as MarkupContent).value, /\*\*CMD\*\*/);
      assert.match((hover.contents as MarkupContent).value, /docs\.docker\.com\/reference\/dockerfile\/#cmd/);
    });

    it('offers the rule fix and disable actions for a diagnostic, and no command the client lacks', async () => {
      const diagnostics = await new Promise<Diagnostic[]>((resolve) => {
        // Re-open to get the current diagnostics without relying on test order.
        const pending = session.diagnostics(uri, 2);
        void session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: 2 },
          contentChanges: [{ text: 'FROM ubuntu:24.04\nMAINTAINER me\nUSER nobody\n' }],
        });
        void pending.then(resolve);
      });
      assert.deepStrictEqual(
        diagnostics.map((d) => d.code),
        ['maintainer-deprecated'],
      );
      const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics },
      })) as CodeAction[];
      assert.deepStrictEqual(
        actions.map((a) => a.title),
        [
          'Replace MAINTAINER with LABEL org.opencontainers.image.authors',
          'Disable "maintainer-deprecated" for this line',
          'Disable "maintainer-deprecated" for this file',
        ],
      );
      assert.deepStrictEqual(actions[0].edit?.changes?.[uri], [
        {
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } },
          newText: 'LABEL org.opencontainers.image.authors="me"',
        },
      ]);
      assert.strictEqual(actions[0].isPreferred, true);
      // The fix, then the actions that are not fixes, in kinds below quickfix (the server announces them).
      assert.deepStrictEqual(
        actions.map((a) => a.kind),
        ['quickfix', 'quickfix.disable', 'quickfix.disable'],
      );
    });

    it('re-lints on incremental didChange', async () => {
      const pending = session.diagnostics(uri, 3);
      await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 3 },
        contentChanges: [
          {
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } },
            text: 'LABEL org.opencontainers.image.authors="me"',
          },
        ],
      });
      assert.deepStrictEqual(await pending, []);
    });

    it('handles compose files and YAML errors', async () => {
      const composeUri = `file:///work/${transport}/compose.yaml`;
      const pending = session.open(composeUri, 'dockercompose', 'version: "3"\nservices:\n  web:\n    image: [oops\n');
      const codes = (await pending).map((d) => d.code);
      assert.ok(codes.includes('compose-version-obsolete'));
      assert.ok(codes.includes('compose-yaml-syntax'));
    });

    it('completes service names after `- ` in depends_on (triggered by the space)', async () => {
      const composeUri = `file:///work/${transport}/stack/compose.yaml`;
      const published = session.open(
        composeUri,
        'dockercompose',
        'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - \n  db:\n    image: postgres:16\n  cache:\n    image: redis:7.4\n',
      );
      await published;
      const result = (await session.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: composeUri },
        position: { line: 4, character: 8 },
        context: { triggerKind: 2, triggerCharacter: ' ' },
      })) as CompletionList;
      assert.deepStrictEqual(
        result.items.map((i) => [i.label, i.detail]),
        [
          ['db', 'service (image postgres:16)'],
          ['cache', 'service (image redis:7.4)'],
        ],
      );
      assert.deepStrictEqual(result.items[0].textEdit, {
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } },
        newText: 'db',
      });
    });

    it('completes Dockerfile flags and stage names while typing (plain text for a client without snippets)', async () => {
      const dockerfileUri = `file:///work/${transport}/multi/Dockerfile`;
      const published = session.open(
        dockerfileUri,
        'dockerfile',
        'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --\n',
      );
      await published;
      const flags = (await session.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: dockerfileUri },
        position: { line: 2, character: 7 },
        context: { triggerKind: 2, triggerCharacter: '-' },
      })) as CompletionList;
      assert.deepStrictEqual(
        flags.items.map((i) => i.label),
        ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude'],
      );
      assert.deepStrictEqual(flags.items[0].textEdit, {
        range: { start: { line: 2, character: 5 }, end: { line: 2, character: 7 } },
        newText: '--from=',
      });
      const changed = session.diagnostics(dockerfileUri, 2);
      await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: dockerfileUri, version: 2 },
        contentChanges: [
          { range: { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } }, text: 'from=' },
        ],
      });
      await changed;
      const stages = (await session.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: dockerfileUri },
        position: { line: 2, character: 12 },
        context: { triggerKind: 2, triggerCharacter: '=' },
      })) as CompletionList;
      assert.deepStrictEqual(
        stages.items.map((i) => [i.label, i.detail]),
        [['build', 'build stage 0 (FROM golang:1.23)']],
      );
      assert.deepStrictEqual(stages.items[0].textEdit, {
        range: { start: { line: 2, character: 12 }, end: { line: 2, character: 12 } },
        newText: 'build',
      });
    });

    it('goes to the definition of a service from depends_on', async () => {
      const composeUri = `file:///work/${transport}/stack/compose.yaml`;
      const pending = session.diagnostics(composeUri, 2);
      await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: composeUri, version: 2 },
        contentChanges: [{ range: { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } }, text: 'db' }],
      });
      await pending;
      const locations = await session.connection.sendRequest(DefinitionRequest.type, {
        textDocument: { uri: composeUri },
        position: { line: 4, character: 9 },
      });
      assert.deepStrictEqual(locations, [
        { uri: composeUri, range: { start: { line: 5, character: 2 }, end: { line: 5, character: 4 } } },
      ]);
    });

    it('renames a Dockerfile stage with its references, refuses an invalid name, and goes to a variable definition', async () => {
      const stagesUri = `file:///work/${transport}/stages/Dockerfile`;
      const text =
        'ARG GO=1.22\nFROM golang:${GO} AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=Build /app /app\nUSER nobody\n';
      const published = session.open(stagesUri, 'dockerfile', text);
      await published;
      const textDocument = { uri: stagesUri };
      const prepared = await session.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument,
        position: { line: 4, character: 14 },
      });
      assert.deepStrictEqual(prepared, {
        range: { start: { line: 4, character: 12 }, end: { line: 4, character: 17 } },
        placeholder: 'Build',
      });
      const edit = await session.connection.sendRequest(RenameRequest.type, {
        textDocument,
        position: { line: 4, character: 14 },
        newName: 'compile',
      });
      assert.deepStrictEqual(edit?.changes?.[stagesUri], [
        { range: { start: { line: 1, character: 21 }, end: { line: 1, character: 26 } }, newText: 'compile' },
        { range: { start: { line: 4, character: 12 }, end: { line: 4, character: 17 } }, newText: 'compile' },
      ]);
      await assert.rejects(
        session.connection.sendRequest(RenameRequest.type, {
          textDocument,
          position: { line: 4, character: 14 },
          newName: '2fast',
        }),
        (err: ResponseError<unknown>) =>
          err.code === ErrorCodes.InvalidParams && /not a valid stage name/.test(err.message),
      );
      const definition = await session.connection.sendRequest(DefinitionRequest.type, {
        textDocument,
        position: { line: 1, character: 15 },
      });
      assert.deepStrictEqual(definition, [
        { uri: stagesUri, range: { start: { line: 0, character: 4 }, end: { line: 0, character: 6 } } },
      ]);
    });

    it('keeps serving after a binary document and clears diagnostics on close', async () => {
      const junkUri = `file:///work/${transport}/Dockerfile.junk`;
      const junk = session.open(junkUri, 'dockerfile', 'FROM \u0000\u0001\u0002 junk');
      assert.match((await junk)[0].message, /binary/);
      const cleared = session.diagnostics(junkUri);
      await session.connection.sendNotification(DidCloseTextDocumentNotification.type, {
        textDocument: { uri: junkUri },
      });
      assert.deepStrictEqual(await cleared, []);
      const hover = await session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 0, character: 1 },
      });
      assert.ok(hover);
    });

    it('lists the exercises and checks one (dockerCoach/listExercises, dockerCoach/checkExercise)', async () => {
      const exercises = await session.connection.sendRequest(ListExercisesRequest);
      const layers = exercises.find((e) => e.lesson === 'layers-and-cache');
      assert.ok(layers);
      assert.strictEqual(layers.language, 'dockerfile');
      const starter = await session.connection.sendRequest(CheckExerciseRequest, {
        lesson: 'layers-and-cache',
        text: layers.starter,
      });
      assert.strictEqual(starter.passed, false);
      assert.deepStrictEqual(
        starter.goals.map((g) => g.id),
        layers.goals.map((g) => g.id),
      );
      const manifests = starter.goals.find((g) => g.id === 'manifests-first')!;
      assert.strictEqual(manifests.passed, false);
      assert.ok(manifests.hint.length > 0);
      assert.strictEqual(typeof manifests.line, 'number');
      const solved = await session.connection.sendRequest(CheckExerciseRequest, {
        lesson: 'layers-and-cache',
        text: 'FROM node:20.14-bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 \\\n    && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n',
      });
      assert.deepStrictEqual(
        solved.goals.filter((g) => !g.passed),
        [],
      );
      assert.strictEqual(solved.passed, true);
      await assert.rejects(
        session.connection.sendRequest(CheckExerciseRequest, { lesson: 'no-such-lesson' as LessonId, text: '' }),
        (err: ResponseError<unknown>) =>
          err.code === ErrorCodes.InvalidParams && /Unknown lesson "no-such-lesson"/.test(err.message),
      );
    });

    it('formats a Dockerfile only once dockerCoach.format.enable is on, the whole document or a range', async () => {
      const formatUri = `file:///work/${transport}/format/Dockerfile`;
      const opened = session.open(formatUri, 'dockerfile', 'from alpine:3.20\nRUN   true  \nCMD ["a","b"]\n');
      await opened;
      const options = { tabSize: 4, insertSpaces: true };
      assert.deepStrictEqual(
        await session.connection.sendRequest(DocumentFormattingRequest.type, {
          textDocument: { uri: formatUri },
          options,
        }),
        [],
      );
      const relinted = session.diagnostics(formatUri);
      await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { dockerCoach: { format: { enable: true } } },
      });
      await relinted;
      const edits = await session.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri: formatUri },
        options,
      });
      assert.deepStrictEqual(edits, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'FROM' },
        { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 6 } }, newText: ' ' },
        { range: { start: { line: 1, character: 10 }, end: { line: 1, character: 12 } }, newText: '' },
        { range: { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } }, newText: ' ' },
      ]);
      const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } };
      const inRange = await session.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: { uri: formatUri },
        range,
        options,
      });
      assert.deepStrictEqual(inRange, [
        { range: { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } }, newText: ' ' },
      ]);
      const off = session.diagnostics(formatUri);
      await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { dockerCoach: {} },
      });
      await off;
    });
  });
}
