import { Range, TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel, parseJsonStringArray } from '../../dockerfile/model';
import { argumentsStart, readDockerfileLines, shellWords, splitKeyword, Statement } from '../../dockerfile/statements';
import { classifyArguments, toExecForm } from '../../dockerfile/execForm';
import { INSTRUCTION_KEYWORDS, keywordLike } from '../../dockerfile/edits';
import { isStopSignal, SIGNAL_NAMES } from '../../data/signals';
import { closestMatch } from '../../util/distance';
import { SizedCache } from '../../util/sizedCache';
import { defineDockerfileRule, FixProposal, Report } from '../types';

/** What each instruction needs when nothing follows its keyword (flags aside). */
const NEEDS: Readonly<Record<string, string>> = {
  ADD: 'a source and a destination',
  ARG: 'a name',
  COPY: 'a source and a destination',
  ENV: 'a name and a value',
  EXPOSE: 'a port',
  FROM: 'an image',
  HEALTHCHECK: 'NONE, or CMD and the command to run',
  LABEL: 'a key and a value',
  MAINTAINER: 'a name',
  ONBUILD: 'the instruction to run in builds based on this image',
  SHELL: 'a JSON array with the shell and its options',
  STOPSIGNAL: 'a signal',
  USER: 'a user name or ID',
  VOLUME: 'a path',
  WORKDIR: 'a path',
};

/** BuildKit's blanks between words (`reWhitespace`). */
const BLANKS = /[\t\v\f\r ]+/;

interface Word {
  text: string;
  /** Offsets in the statement's joined text. */
  start: number;
  end: number;
}

/** Maps offsets of a statement's joined text back to the document. */
class Place {
  constructor(
    private readonly model: DockerfileModel,
    private readonly statement: Statement,
  ) {}

  private offset(joined: number, atEnd: boolean): number {
    const segments = this.statement.segments;
    for (const s of segments) {
      const inside = atEnd
        ? joined > s.joined && joined <= s.joined + s.length
        : joined >= s.joined && joined < s.joined + s.length;
      if (inside) return s.offset + joined - s.joined;
    }
    const last = segments[segments.length - 1];
    return joined <= 0 ? segments[0].offset : last.offset + last.length;
  }

  range(start: number, end: number): Range {
    const from = this.offset(start, false);
    return this.model.rangeOf(from, Math.max(from, this.offset(end, true)));
  }

  /** Whether the joined text from `start` to `end` sits on one line as written (so it can be replaced). */
  contiguous(start: number, end: number): boolean {
    return this.offset(end, true) - this.offset(start, false) === end - start;
  }
}

/** BuildKit's `parseWords`: blank-separated words, quotes kept, blanks inside quotes kept. */
function parseWords(rest: string, base: number, escape: string): Word[] {
  const words: Word[] = [];
  let phase: 'blank' | 'word' | 'quote' = 'blank';
  let quote = '';
  let blankOK = false;
  let text = '';
  let start = 0;
  const push = (end: number) => {
    if (blankOK || text.length > 0) words.push({ text, start: base + start, end: base + end });
  };
  for (let pos = 0; pos <= rest.length; pos++) {
    let ch = rest[pos];
    if (phase === 'blank') {
      if (pos === rest.length) break;
      if (/\s/.test(ch)) continue;
      phase = 'word';
      start = pos;
    }
    if (pos === rest.length) {
      push(pos);
      break;
    }
    if (phase === 'word') {
      if (/\s/.test(ch)) {
        phase = 'blank';
        push(pos);
        text = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + 1 === rest.length) continue;
        text += ch;
        ch = rest[++pos];
      }
      text += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === rest.length) {
        phase = 'word';
        continue;
      }
      text += ch;
      ch = rest[++pos];
    }
    text += ch;
  }
  return words;
}

/**
 * Where a quote opens that BuildKit's variable expansion never sees closed
 * ("unexpected end of statement while looking for matching … quote"), or null.
 */
function unclosedQuote(word: string, escape: string): number | null {
  let i = 0;
  while (i < word.length) {
    const ch = word[i];
    if (ch === escape) i += 2;
    else if (ch === "'") {
      const close = word.indexOf("'", i + 1);
      if (close < 0) return i;
      i = close + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < word.length && word[j] !== '"') j += word[j] === escape ? 2 : 1;
      if (j >= word.length) return i;
      i = j + 1;
    } else i++;
  }
  return null;
}

/** Blank-separated words with their offsets (BuildKit's whitespace split of the arguments). */
function plainWords(text: string, base: number): Word[] {
  const words: Word[] = [];
  const pattern = /[^\t\v\f\r ]+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null)
    words.push({ text: match[0], start: base + match.index, end: base + match.index + match[0].length });
  return words;
}

export default defineDockerfileRule({
  id: 'dockerfile-syntax',
  title: 'Instructions that Docker cannot parse',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    unknownInstruction: '"{keyword}" is not a Dockerfile instruction: the build stops here.',
    unknownInstructionSuggestion:
      '"{keyword}" is not a Dockerfile instruction (did you mean {suggestion}?): the build stops here.',
    missingArguments: '{keyword} needs {needs}, and nothing follows it.',
    missingDestination:
      '{keyword} needs a source and a destination: with a single argument, Docker cannot tell where to put it.',
    noValue: '{keyword} {name} has no value: write {name}=value (or {name}= for an empty value).',
    missingEquals:
      '"{word}" has no "=": once {keyword} uses name=value, every word must be a name=value pair. A value with blanks needs quotes.',
    blankName: 'The name before "=" is missing: {keyword} takes name=value.',
    unclosedQuote: 'This {quote} quote is never closed: Docker stops with "unexpected end of statement".',
    healthcheckNoneArguments: 'HEALTHCHECK NONE takes nothing after NONE.',
    healthcheckNoCommand: 'HEALTHCHECK CMD needs the command to run.',
    healthcheckType:
      '"{type}" is not a HEALTHCHECK form: write HEALTHCHECK NONE, or HEALTHCHECK CMD followed by the command.',
    shellNotJson: 'SHELL takes a JSON array, such as ["/bin/bash", "-c"]: Docker refuses any other form.',
    shellEmpty: 'SHELL needs at least the shell program in its array.',
    volumeEmpty: 'VOLUME cannot take an empty path.',
    stopSignalExtra: 'STOPSIGNAL takes one signal; "{extra}" is one word too many.',
    invalidSignal:
      '"{signal}" is not a signal Docker knows: use a name such as SIGTERM or SIGQUIT (SIG may be left out) or a number.',
    invalidSignalSuggestion: '"{signal}" is not a signal Docker knows (did you mean {suggestion}?).',
    userForm: 'USER takes one user, optionally with a group (user[:group]); "{value}" is not of that form.',
    escapeInvalid: 'The escape character can only be \\ or `: with "{value}", Docker refuses the file.',
    directiveRepeated: 'The {name} directive is given twice: Docker refuses a repeated parser directive.',
  },
  docs: {
    flags: `What BuildKit's parser rejects at the level of an instruction: an unknown instruction; an
      instruction without the arguments it needs (\`COPY app.py\`, \`ENV\` alone, \`FROM\` alone); \`ENV\`, \`LABEL\` and
      \`ARG\` pairs without a name, without \`=\` (\`ENV a=b c\`) or with a quote never closed; \`HEALTHCHECK\` other
      than \`NONE\` or \`CMD <command>\`; \`SHELL\` not a non-empty JSON array; \`STOPSIGNAL\` with more than one word
      or an unknown signal; \`USER\` not of the form \`user[:group]\`; an \`# escape=\` directive other than \`\\\` or \`\`
      \` \`\`, or a parser directive given twice. Quick fixes (never applied automatically) where the intent is
      clear: the instruction you probably meant, \`CMD\` before a health check command, a quoted value, the JSON
      form of \`SHELL\`, the signal you probably meant. Lines are read as BuildKit reads them: continuations
      joined, and a lone carriage return is not a line break; \`RUN\`, \`CMD\` and \`ENTRYPOINT\` may stay empty; an
      \`ONBUILD\` trigger is only checked as far as BuildKit parses it when the image is built.`,
    why: `Docker reads the whole Dockerfile before it builds anything: one instruction it cannot parse stops
      the build with a parse error, whatever the rest of the file does. Seeing it in the editor saves a round
      trip through \`docker build\`.`,
    bad: [
      {
        caption: 'A typo in an instruction',
        code: `FROM alpine:3.20
COPPY app.sh /usr/local/bin/
USER nobody
`,
        fixed: `FROM alpine:3.20
COPY app.sh /usr/local/bin/
USER nobody
`,
        expect: [{ messageId: 'unknownInstructionSuggestion', line: 2, column: 1, text: 'COPPY' }],
      },
      {
        caption: 'A destination is missing',
        code: `FROM python:3.12-slim
COPY app.py
USER nobody
`,
        expect: [{ messageId: 'missingDestination', line: 2, column: 6, text: 'app.py' }],
      },
      {
        caption: 'A value with a blank and no quotes',
        code: `FROM alpine:3.20
ENV GREETING=hello world
USER nobody
`,
        fixed: `FROM alpine:3.20
ENV GREETING="hello world"
USER nobody
`,
        expect: [{ messageId: 'missingEquals', line: 2, column: 20, text: 'world' }],
      },
      {
        caption: 'A health check without CMD',
        code: `FROM nginx:1.27
HEALTHCHECK curl -f http://localhost/ || exit 1
`,
        fixed: `FROM nginx:1.27
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
`,
        expect: [{ messageId: 'healthcheckType', line: 2, column: 13, text: 'curl' }],
      },
      {
        caption: 'An unknown signal',
        code: `FROM nginx:1.27
STOPSIGNAL SIGTREM
`,
        fixed: `FROM nginx:1.27
STOPSIGNAL SIGTERM
`,
        expect: [{ messageId: 'invalidSignalSuggestion', line: 2, column: 12, text: 'SIGTREM' }],
      },
    ],
    good: [
      {
        code: `# escape=\\
FROM python:3.12-slim
ARG APP_HOME=/app
ENV GREETING="hello world" PORT=8080
LABEL org.opencontainers.image.title="demo"
WORKDIR $APP_HOME
COPY app.py ./
HEALTHCHECK --interval=30s CMD python -c "print(1)"
STOPSIGNAL SIGINT
USER 1000:1000
CMD ["python", "app.py"]
`,
      },
    ],
  },
  check(model, report) {
    checkDirectives(model, report);
    const read = readDockerfileLines(model.text, model.escapeChar);
    if (!read) return;
    for (const statement of read.statements) {
      // Whether a statement has a finding depends on its joined text and the escape character alone: one
      // found clean before (every instruction but the one being edited, while someone types) is not read again.
      const key = model.escapeChar + statement.joined;
      if (cleanStatements.get(key)) continue;
      let clean = true;
      checkStatement(model, statement, (finding) => {
        clean = false;
        report(finding);
      });
      if (clean) cleanStatements.set(key, true);
    }
  },
});

/** Statements (escape character and joined text) that had no finding. */
const cleanStatements = new SizedCache<string, true>(512 * 1024, (key) => 2 * key.length + 50);

/** Forgets which statements were clean (with the other caches by content: benchmarks lint from nothing). */
export function forgetCleanStatements(): void {
  cleanStatements.clear();
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** BuildKit's parser directives: read from the top until the first line that is not one. */
function checkDirectives(model: DockerfileModel, report: Report): void {
  const seen = new Set<string>();
  let lineStart = model.text.startsWith('\uFEFF') ? 1 : 0;
  for (let line = 0; lineStart <= model.text.length; line++) {
    const newline = model.text.indexOf('\n', lineStart);
    const end = newline < 0 ? model.text.length : newline;
    const raw = model.text.slice(lineStart, end).replace(/\r$/, '');
    const lead = raw.length - raw.trimStart().length;
    const match = DIRECTIVE.exec(raw.slice(lead));
    if (!match) return;
    const name = match[1].toLowerCase();
    if (!['escape', 'syntax', 'check'].includes(name)) return;
    const nameStart = lineStart + lead + raw.slice(lead).indexOf(match[1]);
    if (seen.has(name)) {
      report({
        messageId: 'directiveRepeated',
        data: { name },
        range: model.rangeOf(nameStart, nameStart + match[1].length),
      });
      return;
    }
    seen.add(name);
    const value = match[2];
    if (name === 'escape' && value !== '\\' && value !== '`') {
      const valueStart = lineStart + lead + match[0].lastIndexOf(value);
      report({
        messageId: 'escapeInvalid',
        data: { value },
        range: model.rangeOf(valueStart, valueStart + value.length),
      });
      return;
    }
    if (newline < 0) return;
    lineStart = newline + 1;
  }
}

function checkStatement(model: DockerfileModel, statement: Statement, report: Report): void {
  const place = new Place(model, statement);
  const joined = statement.joined;
  const { keyword: written, rest, restStart } = splitKeyword(joined);
  const keywordStart = joined.length - joined.trimStart().length;
  // Only a finding needs the range: most statements have none.
  const keywordRange = () => place.range(keywordStart, keywordStart + written.length);
  const keyword = written.toUpperCase();
  if (!INSTRUCTION_KEYWORDS.has(keyword)) {
    reportUnknown(place, written, keywordStart, keywordRange(), report);
    return;
  }
  // Builder flags (`--name=value`) come first, for every instruction; BuildKit trims what follows.
  const flagsEnd = argumentsStart(rest);
  const afterFlags = rest.slice(flagsEnd);
  const args = afterFlags.trim();
  const argsStart = restStart + flagsEnd + (afterFlags.length - afterFlags.trimStart().length);
  const argsEnd = argsStart + args.length;
  const ctx: Context = { model, place, report, keyword, written, keywordRange, args, argsStart, argsEnd };
  if (args === '') {
    if (keyword in NEEDS)
      report({
        messageId: 'missingArguments',
        data: { keyword: written, needs: NEEDS[keyword] },
        range: keywordRange(),
      });
    return;
  }
  switch (keyword) {
    case 'ADD':
    case 'COPY':
      return checkSourcesAndDestination(ctx);
    case 'ARG':
      return checkArg(ctx);
    case 'ENV':
    case 'LABEL':
      return checkPairs(ctx, true);
    case 'HEALTHCHECK':
      return checkHealthcheck(ctx);
    case 'ONBUILD':
      return checkTrigger(ctx);
    case 'SHELL':
      return checkShell(ctx);
    case 'STOPSIGNAL':
      return checkStopSignal(ctx);
    case 'USER':
      return checkUser(ctx);
    case 'VOLUME':
      return checkVolume(ctx);
  }
}

interface Context {
  model: DockerfileModel;
  place: Place;
  report: Report;
  keyword: string;
  written: string;
  keywordRange: () => Range;
  /** The arguments after the flags, trimmed, and where they are in the joined text. */
  args: string;
  argsStart: number;
  argsEnd: number;
}

function reportUnknown(place: Place, written: string, start: number, range: Range, report: Report): void {
  const suggestion = closestMatch(written, INSTRUCTION_KEYWORDS);
  if (!suggestion) {
    report({ messageId: 'unknownInstruction', data: { keyword: written }, range });
    return;
  }
  const replacement = keywordLike(written, suggestion);
  report({
    messageId: 'unknownInstructionSuggestion',
    data: { keyword: written, suggestion: replacement },
    range,
    fixes: place.contiguous(start, start + written.length)
      ? () => [{ title: `Change to ${replacement}`, safe: false, edits: [TextEdit.replace(range, replacement)] }]
      : undefined,
  });
}

function checkSourcesAndDestination(ctx: Context): void {
  const json = parseJsonStringArray(ctx.args);
  const count = json ? json.length : plainWords(ctx.args, 0).length;
  if (count >= 2) return;
  const range = count === 0 ? ctx.keywordRange() : ctx.place.range(ctx.argsStart, ctx.argsEnd);
  ctx.report({ messageId: 'missingDestination', data: { keyword: ctx.written }, range });
}

/** An escape character alone at the end is dropped: `ARG \\` has no words at all. */
function reportNoWords(ctx: Context): void {
  ctx.report({
    messageId: 'missingArguments',
    data: { keyword: ctx.written, needs: NEEDS[ctx.keyword] },
    range: ctx.keywordRange(),
  });
}

function checkArg(ctx: Context): void {
  const words = parseWords(ctx.args, ctx.argsStart, ctx.model.escapeChar);
  if (words.length === 0) reportNoWords(ctx);
  reportExpansionProblems(ctx, words);
}

/** The first `name=value` word with a blank name or a quote left open, reported (BuildKit's expansion refuses both). */
function reportExpansionProblems(ctx: Context, words: Word[]): void {
  for (const word of words) {
    const eq = word.text.indexOf('=');
    if (eq === 0) {
      ctx.report({
        messageId: 'blankName',
        data: { keyword: ctx.written },
        range: ctx.place.range(word.start, word.end),
      });
      return;
    }
    if (reportUnclosed(ctx, word, eq)) return;
  }
}

/** Reports the first quote left open in a `name=value` word (name and value are expanded apart); true when one was. */
function reportUnclosed(ctx: Context, word: Word, eq: number): boolean {
  const parts: [string, number][] =
    eq < 0
      ? [[word.text, 0]]
      : [
          [word.text.slice(0, eq), 0],
          [word.text.slice(eq + 1), eq + 1],
        ];
  for (const [text, from] of parts) {
    const at = unclosedQuote(text, ctx.model.escapeChar);
    if (at === null) continue;
    const quote = text[at] === '"' ? 'double' : 'single';
    const start = word.start + from + at;
    const end = eq >= 0 && from === 0 ? word.start + eq : word.end;
    ctx.report({ messageId: 'unclosedQuote', data: { quote }, range: ctx.place.range(start, end) });
    return true;
  }
  return false;
}

/**
 * ENV and LABEL: `name value` (the old form, one pair) when the first word has no `=`, else
 * name=value words only. `expansion`: also the checks of the later expansion (blank names, quotes).
 */
function checkPairs(ctx: Context, expansion: boolean): void {
  const words = parseWords(ctx.args, ctx.argsStart, ctx.model.escapeChar);
  if (words.length === 0) {
    if (expansion) reportNoWords(ctx);
    return;
  }
  if (!words[0].text.includes('=')) {
    const parts = ctx.args.split(BLANKS);
    if (parts.length < 2) {
      ctx.report({
        messageId: 'noValue',
        data: { keyword: ctx.written, name: parts[0] },
        range: ctx.place.range(ctx.argsStart, ctx.argsEnd),
      });
      return;
    }
    if (expansion) {
      const nameEnd = ctx.argsStart + parts[0].length;
      const valueStart = ctx.argsStart + ctx.args.length - ctx.args.slice(parts[0].length).trimStart().length;
      if (!reportUnclosed(ctx, { text: parts[0], start: ctx.argsStart, end: nameEnd }, -1)) {
        reportUnclosed(
          ctx,
          { text: ctx.args.slice(valueStart - ctx.argsStart), start: valueStart, end: ctx.argsEnd },
          -1,
        );
      }
    }
    return;
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const eq = word.text.indexOf('=');
    if (eq < 0) {
      ctx.report({
        messageId: 'missingEquals',
        data: { word: word.text, keyword: ctx.written },
        range: ctx.place.range(word.start, word.end),
        fixes: () => quoteValueFix(ctx, words, i),
      });
      return;
    }
  }
  if (expansion) reportExpansionProblems(ctx, words);
}

/** `a=b c d=e` → `a="b c" d=e`: the words without `=` joined to the value before them, in double quotes. */
function quoteValueFix(ctx: Context, words: Word[], first: number): FixProposal[] {
  const owner = words[first - 1];
  let last = first;
  while (last + 1 < words.length && !words[last + 1].text.includes('=')) last++;
  const eq = owner.text.indexOf('=');
  const pieces = [owner.text.slice(eq + 1), ...words.slice(first, last + 1).map((w) => w.text)];
  if (pieces.some((p) => /["'$`\\]/.test(p))) return [];
  if (!ctx.place.contiguous(owner.start, words[last].end)) return [];
  const quoted = `${owner.text.slice(0, eq)}="${pieces.filter((p) => p !== '').join(' ')}"`;
  return [
    {
      title: `Quote the value: ${quoted}`,
      safe: false,
      edits: [TextEdit.replace(ctx.place.range(owner.start, words[last].end), quoted)],
    },
  ];
}

function checkHealthcheck(ctx: Context): void {
  const match = /^(\S+)(\s*)(.*)$/s.exec(ctx.args)!;
  const type = match[1].toUpperCase();
  const restStart = ctx.argsStart + match[1].length + match[2].length;
  const rest = match[3];
  if (type === 'NONE') {
    if (rest !== '')
      ctx.report({ messageId: 'healthcheckNoneArguments', range: ctx.place.range(restStart, ctx.argsEnd) });
    return;
  }
  if (type === 'CMD') {
    const json = parseJsonStringArray(rest);
    if (rest === '' || (json !== null && json.length === 0)) {
      ctx.report({
        messageId: 'healthcheckNoCommand',
        range: ctx.place.range(ctx.argsStart, ctx.argsStart + match[1].length),
      });
    }
    return;
  }
  const typeRange = ctx.place.range(ctx.argsStart, ctx.argsStart + match[1].length);
  const cmd = keywordLike(ctx.written, 'CMD');
  ctx.report({
    messageId: 'healthcheckType',
    data: { type: match[1] },
    range: typeRange,
    fixes: () => [
      { title: `Add ${cmd} before the command`, safe: false, edits: [TextEdit.insert(typeRange.start, `${cmd} `)] },
    ],
  });
}

/** ONBUILD: the trigger is parsed now (its line parser), checked when a later build runs it. */
function checkTrigger(ctx: Context): void {
  const { keyword, rest, restStart } = splitKeyword(ctx.args);
  const upper = keyword.toUpperCase();
  if (upper !== 'ENV' && upper !== 'LABEL') return;
  const flagsEnd = argumentsStart(rest);
  const afterFlags = rest.slice(flagsEnd);
  const args = afterFlags.trim();
  if (args === '') return;
  const argsStart = ctx.argsStart + restStart + flagsEnd + (afterFlags.length - afterFlags.trimStart().length);
  checkPairs({ ...ctx, written: keyword, keyword: upper, args, argsStart, argsEnd: argsStart + args.length }, false);
}

function checkShell(ctx: Context): void {
  const json = parseJsonStringArray(ctx.args);
  const range = ctx.place.range(ctx.argsStart, ctx.argsEnd);
  if (json) {
    if (json.length === 0) ctx.report({ messageId: 'shellEmpty', range });
    return;
  }
  // A JSON look-alike is malformed-exec-form's finding.
  if (classifyArguments(ctx.args).kind === 'malformed') return;
  const words = shellWords(ctx.args, false);
  const fixable =
    !ctx.args.startsWith('[') && ctx.place.contiguous(ctx.argsStart, ctx.argsEnd) && !/[$`]/.test(ctx.args);
  const suggestion = toExecForm(words);
  ctx.report({
    messageId: 'shellNotJson',
    range,
    fixes: fixable
      ? () => [{ title: `Rewrite as ${suggestion}`, safe: false, edits: [TextEdit.replace(range, suggestion)] }]
      : undefined,
  });
}

function checkStopSignal(ctx: Context): void {
  const words = plainWords(ctx.args, ctx.argsStart);
  if (words.length > 1) {
    const extra = words.slice(1);
    const text = ctx.args.slice(extra[0].start - ctx.argsStart);
    ctx.report({
      messageId: 'stopSignalExtra',
      data: { extra: text },
      range: ctx.place.range(extra[0].start, ctx.argsEnd),
    });
    return;
  }
  const raw = ctx.args;
  if (raw.includes('$') && raw !== '$') return;
  const unquoted = shellWords(raw, false);
  if (unquoted.length !== 1) return;
  const signal = unquoted[0];
  if (isStopSignal(signal)) return;
  const range = ctx.place.range(ctx.argsStart, ctx.argsEnd);
  const named = `SIG${signal.toUpperCase().replace(/^SIG/, '')}`;
  const match =
    named.length > 4
      ? closestMatch(
          named,
          [...SIGNAL_NAMES].map((n) => `SIG${n}`),
        )
      : null;
  if (!match) {
    ctx.report({ messageId: 'invalidSignal', data: { signal }, range });
    return;
  }
  const suggestion = match;
  ctx.report({
    messageId: 'invalidSignalSuggestion',
    data: { signal, suggestion },
    range,
    fixes: ctx.place.contiguous(ctx.argsStart, ctx.argsEnd)
      ? () => [{ title: `Change to ${suggestion}`, safe: false, edits: [TextEdit.replace(range, suggestion)] }]
      : undefined,
  });
}

function checkUser(ctx: Context): void {
  if (/[$"'`\\]/.test(ctx.args)) return;
  if (!/\s/.test(ctx.args) && ctx.args.split(':').length <= 2) return;
  ctx.report({ messageId: 'userForm', data: { value: ctx.args }, range: ctx.place.range(ctx.argsStart, ctx.argsEnd) });
}

function checkVolume(ctx: Context): void {
  const json = parseJsonStringArray(ctx.args);
  if (!json) return;
  const range = ctx.place.range(ctx.argsStart, ctx.argsEnd);
  if (json.length === 0)
    ctx.report({
      messageId: 'missingArguments',
      data: { keyword: ctx.written, needs: NEEDS.VOLUME },
      range: ctx.keywordRange(),
    });
  else if (json.some((v) => v.trim() === '')) ctx.report({ messageId: 'volumeEmpty', range });
}
