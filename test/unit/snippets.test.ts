/** Every snippet, expanded with its default values, lints clean (and Dockerfile snippets are formatted). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { formatDockerfile } from '../../server/src/service/formatting';
import { lintText } from '../support/lint';

const root = path.resolve(__dirname, '../../..');

/** Expands VS Code snippet syntax with defaults: ${1:x} → x, ${1|a,b|} → a, $1 → '', \$ → $. */
export function expandSnippet(body: string): string {
  let out = '';
  let i = 0;
  const readUntilClose = (): string => {
    let depth = 0;
    let text = '';
    while (i < body.length) {
      const ch = body[i];
      if (ch === '\\' && i + 1 < body.length) {
        text += ch + body[i + 1];
        i += 2;
        continue;
      }
      if (ch === '$' && body[i + 1] === '{') depth++;
      if (ch === '}') {
        if (depth === 0) {
          i++;
          return text;
        }
        depth--;
      }
      text += ch;
      i++;
    }
    throw new Error(`unterminated placeholder in ${body}`);
  };
  while (i < body.length) {
    const ch = body[i];
    if (ch === '\\' && /[$}\\]/.test(body[i + 1] ?? '')) {
      // VS Code only treats a backslash before $, } or \ as an escape; elsewhere it is literal.
      out += body[i + 1];
      i += 2;
    } else if (ch === '$' && body[i + 1] === '{') {
      i += 2;
      const inner = readUntilClose();
      const choice = /^\d+\|([^,|]*)/.exec(inner);
      const placeholder = /^[\w]+:([\s\S]*)$/.exec(inner);
      out += choice ? choice[1] : placeholder ? expandSnippet(placeholder[1]) : '';
    } else if (ch === '$' && /[\w]/.test(body[i + 1] ?? '')) {
      i++;
      while (/\w/.test(body[i] ?? '')) i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

const FILES: [string, 'dockerfile' | 'dockercompose' | 'dockerignore'][] = [
  ['dockerfile.json', 'dockerfile'],
  ['compose.json', 'dockercompose'],
  ['dockerignore.json', 'dockerignore'],
];

/**
 * A Dockerfile fragment (no FROM) is also checked inside a stage of an image it
 * suits, after a WORKDIR, where the rules that only look at stages (version pinning,
 * users, relative destinations) apply.
 */
const FRAGMENT_BASES: [RegExp, string][] = [
  [/\badduser -S|\bapk\b/, 'alpine:3.20'],
  [/\bgo (?:mod|build)\b/, 'golang:1.23-bookworm'],
  [/\bmvn\b/, 'maven:3.9-eclipse-temurin-21'],
  [/\bnpm\b/, 'node:20-bookworm-slim'],
  [/\bpip\b/, 'python:3.12-slim'],
  [/(?:)/, 'debian:12-slim'],
];

function inStage(fragment: string): string {
  const base = FRAGMENT_BASES.find(([pattern]) => pattern.test(fragment))![1];
  return `FROM ${base}\nWORKDIR /app\n${fragment.replace(/\n*$/, '\n')}${/^USER /m.test(fragment) ? '' : 'USER nobody\n'}`;
}

describe('snippets', () => {
  it('expands placeholders the way VS Code does', () => {
    assert.strictEqual(
      expandSnippet('FROM ${1:node}:${2:20}\nUSER ${3|app,node|} \\$HOME $0'),
      'FROM node:20\nUSER app $HOME ',
    );
  });
  it('each snippet has one prefix, unique across the files, so completion lists it once', () => {
    // VS Code makes one completion item per prefix of a snippet: two prefixes listed "docker-go" and
    // "docker-go-distroless" side by side for the same snippet.
    const owners = new Map<string, string>();
    for (const [file] of FILES) {
      const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', file), 'utf8')) as Record<
        string,
        { prefix: unknown }
      >;
      for (const [name, snippet] of Object.entries(snippets)) {
        assert.strictEqual(typeof snippet.prefix, 'string', `${file}: "${name}" has one prefix`);
        const prefix = snippet.prefix as string;
        assert.ok(!owners.has(prefix), `"${prefix}" is the prefix of "${owners.get(prefix)}" and "${name}"`);
        owners.set(prefix, name);
      }
    }
    assert.strictEqual(owners.size, 32);
  });
  for (const [file, language] of FILES) {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', file), 'utf8')) as Record<
      string,
      { prefix: string | string[]; body: string | string[]; description: string }
    >;
    for (const [name, snippet] of Object.entries(snippets)) {
      it(`${file}: "${name}" has a prefix and description, and lints clean`, () => {
        assert.ok(snippet.prefix.length > 0 && snippet.description, name);
        const text = expandSnippet(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
        const problems = (source: string, fragment = false) => {
          const result = lintText(source, language);
          // A service fragment may name secrets, volumes or networks that the rest of the file defines;
          // a Dockerfile fragment has no FROM of its own (it is checked inside a stage below).
          const findings = result.findings.filter(
            (f) => !(fragment && (f.rule.id === 'compose-undefined-reference' || f.rule.id === 'first-instruction')),
          );
          return [...result.notices.map((n) => n.message), ...findings.map((f) => `${f.rule.id}: ${f.message}`)];
        };
        let found = problems(text, language === 'dockerfile' && !/^FROM /m.test(text));
        // Compose snippets are whole files, top-level sections or service keys: a fragment is
        // checked where it belongs, inside a service when it is not valid at the top level.
        if (language === 'dockercompose' && found.length > 0 && !/^services:/m.test(text)) {
          const inService = `services:\n  app:\n    image: example/app:1.0\n${text.replace(/^(?=.)/gm, '    ')}\n`;
          if (problems(inService, true).length === 0) found = [];
        }
        assert.deepStrictEqual(found, [], text);
        if (language === 'dockerfile' && !/^FROM /m.test(text))
          assert.deepStrictEqual(problems(inStage(text)), [], inStage(text));
        if (language === 'dockerfile') {
          const model = new DockerfileModel(TextDocument.create('file:///snippet/Dockerfile', 'dockerfile', 1, text));
          assert.deepStrictEqual(
            formatDockerfile(model, { tabSize: 4, insertSpaces: true }),
            [],
            `not formatted:\n${text}`,
          );
        }
      });
    }
  }
});
