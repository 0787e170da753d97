/**
 * What a Dockerfile means to a build, for checking that formatting changed
 * nothing that matters: parser directives, the escape character, and per
 * instruction (as dockerfile-ast parses it) the keyword in upper case, the
 * flags, the argument words, heredoc names and contents byte for byte, and the
 * arguments with continuations joined, compared the way the instruction reads
 * them:
 * - exec forms: the parsed JSON array;
 * - shell forms run by a POSIX shell: the script as mvdan/sh prints it (blanks
 *   between words do not matter, blanks in quotes do);
 * - `ENV`/`LABEL`/`ARG` `key=value` forms: BuildKit's words (quotes kept);
 * - `FROM`/`EXPOSE`/`COPY`/`ADD`/`VOLUME`: blank-separated fields;
 * - everything else (USER, WORKDIR, `ENV key value`, ONBUILD shell triggers,
 *   any shell form in a file that may run cmd or PowerShell): the exact text.
 * Comment lines are compared too, without their trailing blanks. Written
 * separately from the formatter, on purpose more strict than it needs to be.
 */
/// <reference path="../../server/src/types/mvdan-sh.d.ts" />
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { syntax, ShNode } from 'mvdan-sh';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface DockerfileMeaning {
  escape: string;
  directives: string[];
  comments: string[];
  instructions: unknown[];
}

interface Printer {
  Print(node: ShNode): string;
}

const shellSyntax = syntax as unknown as typeof syntax & { NewPrinter(): Printer };

export function dockerfileMeaning(text: string): DockerfileMeaning {
  const dockerfile = DockerfileParser.parse(text);
  const document = TextDocument.create('file:///meaning/Dockerfile', 'dockerfile', 1, text);
  const escape = dockerfile.getEscapeCharacter();
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const directives: string[] = [];
  for (const line of lines) {
    if (!/^\s*#\s*[A-Za-z]+\s*=/.test(line)) break;
    directives.push(line);
  }
  const heredocLines = new Set<number>();
  const instructions = dockerfile.getInstructions();
  for (const instruction of instructions) {
    for (const heredoc of heredocsOf(instruction)) {
      const content = heredoc.getContentRange();
      const end = heredoc.getDelimiterRange();
      const from = content?.start.line ?? end?.start.line ?? -1;
      const to = end?.end.line ?? content?.end.line ?? -2;
      for (let line = from; line <= to; line++) heredocLines.add(line);
    }
  }
  const comments = lines
    .map((line, index) => ({ line, index }))
    .filter(
      ({ line, index }) => line.trimStart().startsWith('#') && !heredocLines.has(index) && index >= directives.length,
    )
    .map(({ line }) => line.replace(/[ \t]+$/, ''));
  // A POSIX shell runs the shell forms: no Windows image, every SHELL a POSIX shell, and
  // either the default escape character or a SHELL (`# escape=\`` alone means Windows).
  const shells = instructions.filter((i) => i.getKeyword() === 'SHELL');
  const posix =
    !/windows|servercore|nanoserver|powershell/i.test(text) &&
    shells.every((i) => /^\s*\[\s*"(\/usr)?\/bin\/(ba|a|da|z|k)?sh"/.test(i.getArgumentsContent() ?? '')) &&
    (escape === '\\' || shells.length > 0);
  return {
    escape,
    directives,
    comments,
    instructions: instructions.map((instruction) => instructionMeaning(instruction, document, posix, escape)),
  };
}

interface HeredocLike {
  getName(): string;
  getContentRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null;
  getDelimiterRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null;
}

function heredocsOf(instruction: Instruction): HeredocLike[] {
  const withHeredocs = instruction as unknown as { getHeredocs?: () => HeredocLike[] };
  return withHeredocs.getHeredocs ? withHeredocs.getHeredocs() : [];
}

function instructionMeaning(instruction: Instruction, document: TextDocument, posix: boolean, escape: string): unknown {
  const keyword = instruction.getKeyword().toUpperCase();
  const withFlags = instruction as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  const flags = withFlags.getFlags ? withFlags.getFlags().map((f) => [f.getName(), f.getValue()]) : [];
  const heredocs = heredocsOf(instruction).map((h) => {
    const range = h.getContentRange();
    return { name: h.getName(), content: range ? document.getText(range) : null };
  });
  const header = joinedArguments(document, instruction.getRange().start.line, escape);
  let args = instruction.getArguments().map((a) => a.getValue());
  if (keyword === 'FROM' || keyword === 'ONBUILD')
    args = args.map((a, i) => (i === 0 && keyword === 'ONBUILD' ? a.toUpperCase() : /^as$/i.test(a) ? 'AS' : a));
  const script = heredocs.map((h) => `${h.content === null ? '' : `${h.content}\n`}${h.name}\n`).join('');
  const meaning = headerMeaning(keyword, header, script, posix, escape);
  // dockerfile-ast splits JSON at blanks; the parsed array is what counts there.
  const nested = meaning[2] as unknown[] | undefined;
  const json =
    meaning[0] === 'json' || ((meaning[0] === 'healthcheck' || meaning[0] === 'onbuild') && nested?.[0] === 'json');
  return { keyword, flags, args: json ? null : args, heredocs, header: meaning };
}

function headerMeaning(keyword: string, header: string, script: string, posix: boolean, escape: string): unknown[] {
  const text = header.trim();
  switch (keyword) {
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL': {
      const json = jsonArray(text);
      if (json) return ['json', json];
      return posix && keyword !== 'SHELL' ? shellMeaning(text, script) : ['exact', text];
    }
    case 'HEALTHCHECK': {
      const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
      if (!match) return ['exact', text];
      const json = jsonArray(match[2]);
      return [
        'healthcheck',
        match[1].toUpperCase(),
        json ? ['json', json] : posix ? shellMeaning(match[2], '') : ['exact', match[2]],
      ];
    }
    case 'COPY':
    case 'ADD':
    case 'VOLUME': {
      const json = jsonArray(text);
      return json ? ['json', json] : ['fields', text.split(/\s+/)];
    }
    case 'FROM':
      return ['fields', text.split(/\s+/).map((w) => (/^as$/i.test(w) ? 'AS' : w))];
    case 'EXPOSE':
      return ['fields', text.split(/\s+/)];
    case 'ARG':
      return ['words', buildkitWords(text, escape)];
    case 'ENV':
    case 'LABEL': {
      const words = buildkitWords(text, escape);
      return words.length > 0 && words[0].includes('=') ? ['words', words] : ['exact', text];
    }
    case 'ONBUILD': {
      const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
      if (!match) return ['exact', text];
      const trigger = match[1].toUpperCase();
      const inner = ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK'].includes(trigger)
        ? jsonOrExact(match[2])
        : headerMeaning(trigger, match[2], '', false, escape);
      return ['onbuild', trigger, inner];
    }
    default:
      return ['exact', text];
  }
}

/**
 * The instruction's arguments (after the keyword and flags) as BuildKit joins
 * them: the escape character at a line end (blanks after it allowed, not when
 * escaped itself) continues the line, comment and blank lines in between are
 * skipped, continuation lines keep their leading blanks. (dockerfile-ast keeps
 * indented comment lines in its arguments text, BuildKit skips them.)
 */
function joinedArguments(document: TextDocument, line: number, escape: string): string {
  const e = escape === '`' ? '`' : '\\\\';
  const continuation = new RegExp(`(^|[^${e}])${e}[ \\t]*$`);
  const lineAt = (n: number) =>
    document
      .getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } })
      .replace(/\r?\n$/, '')
      .replace(/\r$/, '');
  let text = lineAt(line).trimStart();
  let match = continuation.exec(text);
  let joined = match ? text.slice(0, match.index) + match[1] : text;
  while (match && ++line < document.lineCount) {
    text = lineAt(line);
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    match = continuation.exec(text);
    joined += match ? text.slice(0, match.index) + match[1] : text;
  }
  // Keyword and flags (`--name=value` words) off.
  return joined
    .replace(/^\S+/, '')
    .replace(/^(\s+--\S+)+/, '')
    .trim();
}

function jsonOrExact(text: string): unknown[] {
  const json = jsonArray(text);
  return json ? ['json', json] : ['exact', text];
}

function jsonArray(text: string): string[] | null {
  if (!text.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

let parser: ReturnType<typeof syntax.NewParser> | undefined;

/** The shell script as mvdan/sh prints it: one canonical spelling of the same program. */
function shellMeaning(header: string, script: string): unknown[] {
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  try {
    const file = parser.Parse(script === '' ? header : `${header}\n${script}`, '');
    return ['shell', shellSyntax.NewPrinter().Print(file)];
  } catch {
    return ['exact', header, script];
  }
}

/** BuildKit's word split for ENV/LABEL/ARG: blanks outside quotes separate, quotes and escapes kept. */
function buildkitWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!quote && /\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === escape && quote !== "'" && i + 1 < text.length) {
      word += ch + text[++i];
      continue;
    }
    if (quote && ch === quote) quote = '';
    else if (!quote && (ch === '"' || ch === "'")) quote = ch;
    word += ch;
  }
  if (inWord) words.push(word);
  return words;
}
