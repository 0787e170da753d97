/**
 * Dockerfile formatting: what it changes, what it never changes (checked by
 * comparing the Dockerfile's meaning before and after on every fixture, rule
 * example and generated file, in CRLF, tab and backtick variants), idempotence
 * and minimal edits.
 */
/// <reference path="../../server/src/types/mvdan-sh.d.ts" />
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range, TextEdit } from 'vscode-languageserver-types';
import { readText } from '../../server/src/cli/cli';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { DOCKERFILE_RULES } from '../../server/src/rules/registry';
import { DockerCoachService } from '../../server/src/service/languageService';
import { formatDockerfile, FormatOptions, separatesWords } from '../../server/src/service/formatting';
import { syntax } from 'mvdan-sh';
import { dockerfileMeaning } from '../support/dockerfileMeaning';
import { generateCorpus, randomSource } from '../support/generateDockerfiles';
import { applyEdits, countByRule, lintText } from '../support/lint';
import { backtickEscape, swapLineEndings, tabIndentContinuations } from '../support/soundness';

const root = path.resolve(__dirname, '../../..');
const SPACES: FormatOptions = { tabSize: 4, insertSpaces: true };
const TABS: FormatOptions = { tabSize: 4, insertSpaces: false };

function editsFor(text: string, options: FormatOptions = SPACES, range?: Range): TextEdit[] {
  return formatDockerfile(
    new DockerfileModel(TextDocument.create('file:///format/Dockerfile', 'dockerfile', 1, text)),
    options,
    range,
  );
}

function format(text: string, options: FormatOptions = SPACES, range?: Range): string {
  return applyEdits(text, editsFor(text, options, range));
}

interface Input {
  name: string;
  text: string;
}

function inputs(): Input[] {
  const base: Input[] = [];
  const addFolder = (folder: string) => {
    for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
      base.push({ name: `${folder}/${name}`, text: readText(path.join(root, folder, name)) });
    }
  };
  addFolder('test/fixtures/dockerfiles');
  addFolder('test/fixtures/corpus/good');
  addFolder('test/fixtures/corpus/mixed');
  for (const rule of DOCKERFILE_RULES) {
    rule.docs.bad.forEach((example, i) => {
      base.push({ name: `${rule.id} bad ${i + 1}`, text: example.code });
      if (example.fixed !== undefined) base.push({ name: `${rule.id} fixed ${i + 1}`, text: example.fixed });
    });
    rule.docs.good.forEach((example, i) => base.push({ name: `${rule.id} good ${i + 1}`, text: example.code }));
  }
  base.push(...TRICKY.map((text, i) => ({ name: `tricky ${i + 1}`, text })));
  const all: Input[] = [];
  for (const input of base) {
    all.push(input);
    const variants: [string, string | null][] = [
      ['crlf/lf', input.text.includes('\n') ? swapLineEndings(input.text) : null],
      ['tabs', tabIndentContinuations(input.text)],
      ['backtick', backtickEscape(input.text)],
    ];
    for (const [tag, text] of variants)
      if (text !== null && text !== input.text) all.push({ name: `${input.name} [${tag}]`, text });
  }
  for (const generated of generateCorpus(150, 6)) all.push({ name: generated.name, text: generated.text });
  return all;
}

/** Shapes that a formatter could get wrong: quotes across continuations, heredocs, exact-text instructions. */
const TRICKY = [
  'FROM alpine:3.20\nrun echo "hello \\\n      world"   \nRUN echo hel\\\nlo\nRUN apk add \\\n  curl \\\n        git\nUSER nobody\n',
  'FROM alpine:3.20\nENV GREETING hello \\\n      world\nENV A="one \\\n   two" B=3 \\\n  C=4\nLABEL description="multi \\\n    line"\nWORKDIR /my \\\n   dir\n',
  'FROM alpine:3.20\nRUN <<EOF   \n  echo hi   \n\techo tab\t\nEOF\nCOPY <<-EOT /etc/motd\n\thello  \n\tEOT\nRUN cat <<EOF > /x \\\n      && echo done\nbody line  \nEOF\n',
  'FROM alpine:3.20\nCMD ["sh","-c","echo \\"hi\\"  \\u0041"]\nENTRYPOINT [ "a" ,  "b" ]\nCMD [1, 2]\nCMD ["a",\'b\']\nSHELL ["/bin/sh",\\\n   "-c"]\nHEALTHCHECK --interval=5s CMD ["curl","-f","http://localhost/"]\nONBUILD run ["a","b"]\n',
  'FROM alpine:3.20 as build\nRUN set -eux; \\\n\tif [ -n "$X" ]; then \\\n\t\techo "$(echo \'a  \\\n   b\')"; \\\n\tfi # it\'s done \\\n  ok\nRUN echo ${X:-a \\\n   b} $((1 + \\\n   2)) `echo \\\n  x`\nFROM build\nRUN true\n',
  '# syntax=docker/dockerfile:1   \n# escape=\\  \n\nFROM alpine:3.20   \n  # indented comment   \nRUN echo a \\   \n    b \\\t\n  # comment inside   \n\n    c\nEXPOSE 80 \\\n 443\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n      b\nSHELL ["powershell", "-Command"]\nRUN Write-Host "a `\n     b"\n',
  'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n      --mount=type=secret,id=token \\\n  pip install -r requirements.txt\nCOPY --chown=app:app \\\n    src/ /app/\nONBUILD RUN echo a \\\n      b\nMAINTAINER someone \\\n   else\n',
  'FROM alpine:3.20\r\nRUN   apk add \\\r\n  curl   \r\nCMD ["a","b"]  \r\n',
  'FROM alpine:3.20\nRUN echo \'a\' "b" \\\n  $\'c \\\n   d\'\nARG A="x \\\n   y" B=2\nVOLUME ["/data",\\\n "/logs"]\n',
];

describe('formatting', () => {
  describe('never changes meaning; idempotent; minimal edits', () => {
    const all = inputs();
    let changed = 0;
    for (const input of all) {
      it(input.name, () => {
        for (const options of [SPACES, TABS, { tabSize: 2, insertSpaces: true }]) {
          const edits = editsFor(input.text, options);
          const once = applyEdits(input.text, edits);
          assert.deepStrictEqual(dockerfileMeaning(once), dockerfileMeaning(input.text), `meaning changed:\n${once}`);
          assert.deepStrictEqual(editsFor(once, options), [], `not idempotent:\n${once}`);
          for (const edit of edits) {
            const document = TextDocument.create('file:///x', 'dockerfile', 1, input.text);
            assert.notStrictEqual(document.getText(edit.range), edit.newText, 'an edit that changes nothing');
          }
          for (let i = 1; i < edits.length; i++) {
            const a = edits[i - 1].range.end;
            const b = edits[i].range.start;
            assert.ok(
              a.line < b.line || (a.line === b.line && a.character <= b.character),
              'edits overlap or are unsorted',
            );
          }
          if (options === SPACES && once !== input.text) {
            changed++;
            // Formatting adds no problem (it may solve keyword-case ones).
            const before = countByRule(lintText(input.text));
            for (const [id, count] of countByRule(lintText(once))) {
              assert.ok(count <= (before.get(id) ?? 0), `formatting introduced a "${id}" problem:\n${once}`);
            }
          }
        }
      });
    }
    after(() => {
      // The figures for the record (formatted inputs, of which changed by the formatter).
      if (process.env.FORMAT_FIGURES) console.log(`\n  formatted ${all.length} inputs, ${changed} changed`);
    });
  });

  describe('on messed-up copies of the inputs (random blanks, keyword case, JSON spacing)', () => {
    const random = randomSource(61);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const blanks = () => pick(['', ' ', '  ', '\t', '    ', ' \t ', '        ']);
    /** Random layout changes, whatever they mean: the check compares the mess with its formatted self. */
    const mess = (text: string): string =>
      text
        .split('\n')
        .map((line) => {
          const cr = line.endsWith('\r') ? '\r' : '';
          let body = cr ? line.slice(0, -1) : line;
          if (random() < 0.3) body = body.replace(/^[ \t]*/, blanks());
          if (random() < 0.3) body += blanks();
          if (random() < 0.2)
            body = body.replace(
              /^(\s*)([A-Za-z]+)/,
              (_m, lead: string, word: string) =>
                lead + pick([word.toLowerCase(), word.toUpperCase(), word[0] + word.slice(1).toLowerCase()]),
            );
          if (random() < 0.3) body = body.replace(/", ?"/g, () => pick(['","', '" , "', '",  "']));
          return body + cr;
        })
        .join('\n');
    const sources = inputs().filter((_, i) => i % 3 === 0);
    for (const [i, source] of sources.entries()) {
      it(`${source.name} (mess ${i + 1})`, () => {
        const messed = mess(source.text);
        for (const options of [SPACES, TABS]) {
          const once = format(messed, options);
          assert.deepStrictEqual(
            dockerfileMeaning(once),
            dockerfileMeaning(messed),
            `meaning changed:\n${messed}\n---\n${once}`,
          );
          assert.strictEqual(format(once, options), once, `not idempotent:\n${once}`);
        }
      });
    }
  });

  describe('keywords', () => {
    it('puts every keyword in the majority case, upper case on ties, mixed case counting for neither', () => {
      assert.strictEqual(
        format('from alpine:3.20\nrun true\nUSER nobody\n'),
        'from alpine:3.20\nrun true\nuser nobody\n',
      );
      assert.strictEqual(format('from alpine:3.20\nRUN true\n'), 'FROM alpine:3.20\nRUN true\n');
      assert.strictEqual(format('From alpine:3.20\nRun true\nrun true\n'), 'from alpine:3.20\nrun true\nrun true\n');
    });
    it('recases ONBUILD triggers and FROM … AS with the keyword; unknown words stay', () => {
      assert.strictEqual(
        format('FROM alpine:3.20 as base\nonbuild run true\n'),
        'FROM alpine:3.20 AS base\nONBUILD RUN true\n',
      );
      assert.strictEqual(format('FROM alpine:3.20\nFOO bar\n'), 'FROM alpine:3.20\nFOO bar\n');
    });
    it('leaves one space between the keyword and its arguments', () => {
      assert.strictEqual(
        format('FROM   alpine:3.20\nRUN\techo hi\nONBUILD   RUN    true\nRUN    \\\n    true\n'),
        'FROM alpine:3.20\nRUN echo hi\nONBUILD RUN true\nRUN \\\n    true\n',
      );
    });
  });

  describe('continuation lines', () => {
    it('indents them one level, with spaces or a tab, keeping deeper nesting', () => {
      const text = 'FROM alpine:3.20\nRUN set -eux; \\\n  if true; then \\\n      echo hi; \\\n  fi\n';
      assert.strictEqual(
        format(text),
        'FROM alpine:3.20\nRUN set -eux; \\\n    if true; then \\\n        echo hi; \\\n    fi\n',
      );
      assert.strictEqual(
        format(text, TABS),
        'FROM alpine:3.20\nRUN set -eux; \\\n\tif true; then \\\n\t\techo hi; \\\n\tfi\n',
      );
      assert.strictEqual(
        format(text, { tabSize: 2, insertSpaces: true }),
        'FROM alpine:3.20\nRUN set -eux; \\\n  if true; then \\\n    echo hi; \\\n  fi\n',
      );
    });
    it('counts nesting in the levels the file uses (its smallest extra depth is one level)', () => {
      const twoSpaces = 'FROM alpine:3.20\nRUN if a; then \\\n  if b; then \\\n    c; \\\n  fi; \\\n  fi\n';
      assert.strictEqual(
        format(twoSpaces),
        'FROM alpine:3.20\nRUN if a; then \\\n    if b; then \\\n        c; \\\n    fi; \\\n    fi\n',
      );
      const odd = 'FROM alpine:3.20\nRUN apt-get install -y \\\n      curl \\\n      git \\\n && true\n';
      assert.strictEqual(
        format(odd),
        'FROM alpine:3.20\nRUN apt-get install -y \\\n    curl \\\n    git \\\n    && true\n',
      );
      const packages = 'FROM alpine:3.20\nRUN apk add \\\n \t--no-cache \\\n      curl\n';
      assert.strictEqual(format(packages, TABS), 'FROM alpine:3.20\nRUN apk add \\\n\t--no-cache \\\n\t\tcurl\n');
    });
    it('keeps blanks that are part of a word: in quotes, or a word split over two lines', () => {
      const text = 'FROM alpine:3.20\nRUN echo "a \\\n      b" \\\n  && echo hel\\\nlo\n';
      assert.strictEqual(format(text), 'FROM alpine:3.20\nRUN echo "a \\\n      b" \\\n    && echo hel\\\nlo\n');
    });
    it('keeps the blanks of instructions that use their text as written', () => {
      for (const text of [
        'FROM alpine:3.20\nENV GREETING hello \\\n      world\n',
        'FROM alpine:3.20\nWORKDIR /my \\\n      dir\n',
        'FROM alpine:3.20\nONBUILD RUN echo a \\\n      b\n',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a \\\n      b\n',
        '# escape=`\nFROM alpine:3.20\nRUN echo a `\n      b\n',
        'FROM alpine:3.20\nSHELL ["pwsh", "-Command"]\nRUN echo a \\\n      b\n',
      ])
        assert.strictEqual(format(text), text);
    });
    it('indents ENV key=value, COPY flags and exec forms', () => {
      assert.strictEqual(
        format('FROM alpine:3.20\nENV A=1 \\\n  B=2\nCOPY --chown=1:1 \\\n src/ /app/\nCMD ["a", \\\n  "b"]\n'),
        'FROM alpine:3.20\nENV A=1 \\\n    B=2\nCOPY --chown=1:1 \\\n    src/ /app/\nCMD ["a", \\\n    "b"]\n',
      );
    });
    it('leaves comment lines inside a continuation alone, apart from trailing blanks', () => {
      assert.strictEqual(
        format('FROM alpine:3.20\nRUN a \\\n  # note  \n  && b\n'),
        'FROM alpine:3.20\nRUN a \\\n  # note\n    && b\n',
      );
    });
    it('keeps the backtick continuation of `# escape=`` files', () => {
      const text = '# escape=`\nFROM alpine:3.20\nENV A=1 `  \n  B=2\n';
      const formatted = format(text);
      assert.strictEqual(formatted, '# escape=`\nFROM alpine:3.20\nENV A=1 `\n    B=2\n');
    });
  });

  describe('trailing blanks', () => {
    it('removes them, also after the escape character (the line still continues)', () => {
      const text = 'FROM alpine:3.20  \nRUN echo a \\  \n    b\t\n\n  \n# note   \n';
      const formatted = format(text);
      assert.strictEqual(formatted, 'FROM alpine:3.20\nRUN echo a \\\n    b\n\n\n# note\n');
      const model = new DockerfileModel(TextDocument.create('file:///f', 'dockerfile', 1, formatted));
      assert.strictEqual(model.ast.getInstructions().length, 2);
    });
    it('never touches heredoc bodies and terminators, nor parser directives', () => {
      const text =
        '# syntax=docker/dockerfile:1  \nFROM alpine:3.20\nRUN <<EOF  \n  echo hi  \nEOF\nCOPY <<-EOT /motd\n\thello\t\n\tEOT\n';
      assert.strictEqual(
        format(text),
        '# syntax=docker/dockerfile:1  \nFROM alpine:3.20\nRUN <<EOF\n  echo hi  \nEOF\nCOPY <<-EOT /motd\n\thello\t\n\tEOT\n',
      );
    });
    it('keeps CRLF line endings', () => {
      assert.strictEqual(
        format('FROM alpine:3.20  \r\nrun true \r\nRUN a \\ \r\n  b\r\n'),
        'FROM alpine:3.20\r\nRUN true\r\nRUN a \\\r\n    b\r\n',
      );
    });
  });

  describe('JSON forms', () => {
    it('spaces valid JSON arrays as ["a", "b"], strings byte for byte', () => {
      assert.strictEqual(
        format('FROM alpine:3.20\nCMD ["sh","-c","echo \\"hi\\"  \\u0041"]\n'),
        'FROM alpine:3.20\nCMD ["sh", "-c", "echo \\"hi\\"  \\u0041"]\n',
      );
      assert.strictEqual(
        format('FROM alpine:3.20\nENTRYPOINT [ "a" ,  "b" ]\nSHELL ["/bin/sh" ,"-c"]\n'),
        'FROM alpine:3.20\nENTRYPOINT ["a", "b"]\nSHELL ["/bin/sh", "-c"]\n',
      );
      assert.strictEqual(
        format(
          'FROM alpine:3.20\nHEALTHCHECK CMD ["curl","-f","http://localhost/"]\nONBUILD RUN ["a","b"]\nCOPY ["a","/b/"]\n',
        ),
        'FROM alpine:3.20\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nONBUILD RUN ["a", "b"]\nCOPY ["a", "/b/"]\n',
      );
    });
    it('leaves what is not a JSON array of strings (BuildKit runs it as a shell command)', () => {
      for (const text of [
        'FROM alpine:3.20\nCMD ["a",\'b\']\n',
        'FROM alpine:3.20\nCMD [1,2]\n',
        'FROM alpine:3.20\nRUN [ -f x ] && echo ok\n',
        'FROM alpine:3.20\nENV A=["a","b"]\n',
      ]) {
        assert.strictEqual(format(text), text);
      }
    });
  });

  describe('what is formatted', () => {
    it('formats only the instructions that a range touches', () => {
      const text = 'FROM alpine:3.20  \nrun true  \nRUN  false  \nRUN a \\\n  b\n';
      const range = { start: { line: 2, character: 0 }, end: { line: 3, character: 2 } };
      assert.strictEqual(format(text, SPACES, range), 'FROM alpine:3.20  \nrun true  \nRUN false\nRUN a \\\n    b\n');
      const toLineStart = { start: { line: 1, character: 3 }, end: { line: 2, character: 0 } };
      assert.strictEqual(
        format(text, SPACES, toLineStart),
        'FROM alpine:3.20  \nRUN true\nRUN  false  \nRUN a \\\n  b\n',
      );
    });
    it('edits only what changes: one small edit per change', () => {
      const edits = editsFor('FROM alpine:3.20\nRUN true   \nCMD ["a","b"]\n');
      assert.deepStrictEqual(edits, [
        TextEdit.del({ start: { line: 1, character: 8 }, end: { line: 1, character: 11 } }),
        TextEdit.replace({ start: { line: 2, character: 9 }, end: { line: 2, character: 9 } }, ' '),
      ]);
    });
    it('formats nothing when a heredoc is unterminated or the parsers disagree about it', () => {
      for (const text of ['FROM alpine:3.20\nRUN <<EOF  \necho\n', 'FROM alpine:3.20\nRUN 2<<EOF cat  \nrun x\nEOF\n'])
        assert.deepStrictEqual(editsFor(text), []);
    });
    it('is reached through the service for Dockerfiles only', () => {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
      const dockerfile = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, 'FROM alpine:3.20 \n');
      assert.strictEqual(service.format(dockerfile, SPACES).length, 1);
      const compose = TextDocument.create('file:///w/compose.yaml', 'dockercompose', 1, 'services: \n');
      assert.deepStrictEqual(service.format(compose, SPACES), []);
    });
  });
});

describe('formatting: the scanner that finds word boundaries in shell scripts', () => {
  // formatting.ts keeps a small scanner instead of asking mvdan/sh (the comment on `wordBoundaries` says why). It
  // must give the parser's answer: a blank is between words unless a word or a comment of the parse spans it.
  const parser = syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash));
  const insideParsedWord = (script: string, at: number): boolean => {
    let inside = false;
    syntax.Walk(parser.Parse(script, ''), (node) => {
      if (!node || inside) return false;
      const type = syntax.NodeType(node);
      if ((type === 'Word' || type === 'Comment') && node.Pos().Offset() < at && at < node.End().Offset())
        inside = true;
      return type !== 'Word' && type !== 'Comment';
    });
    return inside;
  };
  const SCRIPTS = [
    `apt-get update && apt-get install -y curl   git`,
    `echo "a  b" 'c  d' $'e  f' plain`,
    `echo \${VAR:-a  b} "\${X}  y" done`,
    `x=$(ls  -la | grep  foo) y=\`date  +%s\` z`,
    `echo $(echo "$(echo  nested)"  more) after`,
    `A="one  two" B=three make  all`,
    `cat > "/etc/some file"  && echo  ok`,
    `if [ -f a ]; then echo  yes; else echo  no; fi`,
    `for i in 1  2  3; do echo "$i  x"; done`,
    `case "$x" in a) echo  a ;; *) echo  other ;; esac`,
    `echo one  # a comment  with  blanks`,
    `echo a\\  b 'it''s  quoted' "esc\\"aped  still"`,
    `[[ "$a" == "b  c" ]] && (( n = 1 + 2 )) || echo  fail`,
  ];
  for (const script of SCRIPTS) {
    it(script, () => {
      for (let at = 1; at < script.length; at++) {
        if (script[at - 1] !== ' ') continue; // the formatter only asks after a blank
        assert.strictEqual(
          separatesWords(script, at, 'shell', '\\'),
          !insideParsedWord(script, at),
          `at ${at}: ${script.slice(0, at)}|${script.slice(at)}`,
        );
      }
    });
  }
});
