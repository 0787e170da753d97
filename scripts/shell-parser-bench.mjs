// Compares shell parsers on the RUN scripts of real Dockerfiles, in one run (docs/shell-parser.md).
// Prints tables; asserts nothing. Needs out/ (`npx tsc -b`).
//   node scripts/shell-parser-bench.mjs [--corpus DIR] [--scratch DIR] [--rounds N]
// --corpus: Dockerfiles to take RUN scripts from (default ../shared/corpus, else test/fixtures).
// --only TEXT: run only the parsers whose name holds TEXT (and the reference). SHOW_DIFFERENCES=1 in the
//   environment prints the scripts whose words differ (all of them with SHOW_DIFFERENCES=all).
// --scratch: a folder whose node_modules holds web-tree-sitter, tree-sitter-bash and sh-syntax, installed
//   there for measuring only (`npm init -y && npm i web-tree-sitter tree-sitter-bash sh-syntax`); default
//   /tmp/shparse. Without it only the mvdan-sh variants run.
// Each parser runs in a process of its own (start-up and memory are its own), over every script: one warm
// round, then --rounds timed rounds (default 5). Words are compared with mvdan-sh's, the reference.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
import { parseArgs } from 'util';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    scratch: { type: 'string', default: '/tmp/shparse' },
    rounds: { type: 'string', default: '5' },
    child: { type: 'string' },
    scripts: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
const ROUNDS = Number(values.rounds);
const scratchRequire = (name) => createRequire(path.join(path.resolve(values.scratch), 'package.json')).resolve(name);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const shell = () => require(path.join(root, 'out/server/src/shell/shell.js'));

// ---------------------------------------------------------------- the parsers

/** A parser: `load()` gets it ready and answers `parse(text)` → { words: [value, start, end][], error }. */
const PARSERS = {
  'mvdan-sh, converted (reference)': {
    load: () => {
      const { parseWithMvdan } = shell();
      return (text) => normalise(parseWithMvdan(text));
    },
  },
  'mvdan-sh Parse() alone (no conversion)': {
    load: () => {
      const { syntax } = require('mvdan-sh');
      const parser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
      return (text) => {
        try {
          parser.Parse(text, '');
          return null;
        } catch {
          return null;
        }
      };
    },
  },
  'fast path, then mvdan-sh (shipped)': {
    load: () => {
      const { parseSimpleList, parseWithMvdan } = shell();
      return (text) => normalise(parseSimpleList(text) ?? parseWithMvdan(text));
    },
  },
  'parse cache hit (same text, new offset)': {
    load: () => {
      const { parseShell } = shell();
      let base = 0;
      return (text) => {
        parseShell(text, 0); // fills the cache (cheap from the second round on)
        const started = now();
        parseShell(text, ++base);
        cacheHitTime = now() - started;
        return null;
      };
    },
  },
  'tree-sitter-bash (web-tree-sitter)': {
    scratch: ['web-tree-sitter', 'tree-sitter-bash/package.json'],
    load: async () => {
      const { Parser, Language } = await import(scratchRequire('web-tree-sitter'));
      await Parser.init();
      const wasm = path.join(path.dirname(scratchRequire('tree-sitter-bash/package.json')), 'tree-sitter-bash.wasm');
      const parser = new Parser();
      parser.setLanguage(await Language.load(wasm));
      return (text) => {
        const tree = parser.parse(text);
        const result = treeSitterWords(tree.rootNode);
        tree.delete();
        return result;
      };
    },
  },
  'sh-syntax (mvdan/sh as WASM, async)': {
    scratch: ['sh-syntax'],
    sample: 200,
    load: async () => {
      const { parse } = await import(scratchRequire('sh-syntax'));
      return async (text) => {
        try {
          await parse(text, { keepComments: false });
          return { words: null, error: false };
        } catch {
          return { words: null, error: true };
        }
      };
    },
  },
};
let cacheHitTime = null;

/** Our ShellScript, as what is compared: every word of every command, and whether the parse failed. */
function normalise(script) {
  return {
    words: script.commands.flatMap((c) => c.words.map((w) => [w.value, w.start, w.end])),
    error: Boolean(script.error),
  };
}

/** The words of tree-sitter's commands: the name and arguments (not assignments nor redirections). */
function treeSitterWords(rootNode) {
  const words = [];
  const nested = [];
  const visit = (node, inSubstitution) => {
    if (node.type === 'command') {
      for (const child of node.namedChildren) {
        if (
          child.type === 'variable_assignment' ||
          child.type.endsWith('redirect') ||
          child.type === 'herestring_redirect'
        )
          continue;
        const word = child.type === 'command_name' ? (child.namedChildren[0] ?? child) : child;
        (inSubstitution ? nested : words).push([treeSitterValue(word), word.startIndex, word.endIndex]);
      }
    }
    // `[ … ]` is a test_command with an expression in tree-sitter, a command of words for mvdan-sh.
    if (node.type === 'test_command' && node.child(0)?.type === '[') {
      const flat = [];
      const flatten = (part) => {
        if (/_expression$/.test(part.type)) part.children.forEach(flatten);
        else
          flat.push([
            part.isNamed && part.type !== 'test_operator' ? treeSitterValue(part) : part.text,
            part.startIndex,
            part.endIndex,
          ]);
      };
      node.children.forEach(flatten);
      (inSubstitution ? nested : words).push(...flat);
    }
    const inside = inSubstitution || node.type === 'command_substitution' || node.type === 'process_substitution';
    for (const child of node.namedChildren) visit(child, inside);
  };
  visit(rootNode, false);
  return { words, nested, error: rootNode.hasError };
}

/** A word's literal value with quotes removed, as our parse gives it; null when it expands. */
function treeSitterValue(node) {
  switch (node.type) {
    case 'word':
    case 'number':
      return node.text.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      let value = '';
      for (const part of node.namedChildren) {
        if (part.type !== 'string_content') return null;
        value += part.text.replace(/\\([$`"\\])/g, '$1');
      }
      return node.namedChildren.length ? value : node.text.slice(1, -1);
    }
    case 'concatenation': {
      let value = '';
      for (const part of node.namedChildren) {
        const v = treeSitterValue(part);
        if (v === null) return null;
        value += v;
      }
      return value;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------- child: one parser, measured

if (values.child) {
  const spec = PARSERS[values.child];
  const scripts = JSON.parse(fs.readFileSync(values.scripts, 'utf8'));
  const list = spec.sample ? scripts.slice(0, spec.sample) : scripts;
  global.gc?.();
  const before = process.memoryUsage();
  let started = now();
  const parse = await spec.load();
  await parse('true');
  const init = now() - started;
  global.gc?.();
  const loaded = process.memoryUsage();
  const results = [];
  for (const text of list) results.push(await parse(text)); // the warm round
  const times = [];
  const totals = [];
  const rounds = spec.sample ? 1 : ROUNDS;
  for (let round = 0; round < rounds; round++) {
    let total = 0;
    for (const text of list) {
      started = now();
      await parse(text);
      const t = cacheHitTime ?? now() - started;
      times.push(t);
      total += t;
    }
    totals.push(total);
  }
  global.gc?.();
  const after = process.memoryUsage();
  fs.writeFileSync(
    values.out,
    JSON.stringify({
      init,
      heapLoaded: loaded.heapUsed - before.heapUsed,
      externalLoaded: loaded.external + loaded.arrayBuffers - before.external - before.arrayBuffers,
      rssAfter: after.rss,
      times,
      totals,
      count: list.length,
      results,
    }),
  );
  process.exit(0);
}

// ---------------------------------------------------------------- parent: scripts, runs, tables

const { DockerfileModel } = require(path.join(root, 'out/server/src/dockerfile/model.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');
const isDockerfile = (name) =>
  (/^(Dockerfile|Containerfile)(\..+)?$/.test(name) && !name.endsWith('.dockerignore')) ||
  /\.(dockerfile|containerfile)$/i.test(name);
function filesUnder(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
    return isDockerfile(entry.name) ? [full] : [];
  });
}
const sharedCorpus = path.join(root, '../shared/corpus');
const corpus = path.resolve(
  values.corpus ?? (fs.existsSync(sharedCorpus) ? sharedCorpus : path.join(root, 'test/fixtures')),
);
const files = filesUnder(corpus);
/** Every RUN's shell sources as our model hands them to the parser (continuations blanked, heredoc bodies). */
const scripts = [];
let runs = 0;
for (const file of files) {
  const model = new DockerfileModel(
    TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, fs.readFileSync(file, 'utf8')),
  );
  for (const scope of model.scopes)
    for (const instruction of scope.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      runs++;
      for (const source of model.shellSources(instruction) ?? []) scripts.push(source.text);
    }
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-parser-bench-'));
const scriptsFile = path.join(work, 'scripts.json');
fs.writeFileSync(scriptsFile, JSON.stringify(scripts));
const chars = scripts.reduce((n, s) => n + s.length, 0);
console.log(
  `Shell parsers over ${scripts.length} RUN scripts (${files.length} Dockerfiles, ${runs} RUNs, ${Math.round(chars / 1024)} KB) from ${path.relative(root, corpus) || corpus}`,
);
console.log(
  `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}; ${ROUNDS} timed rounds\n`,
);

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const median = (list) => percentile(list, 50);
const fmt = (ms) =>
  ms < 0.01 ? `${(ms * 1000).toFixed(1)} µs` : ms < 10 ? `${ms.toFixed(3)} ms` : `${ms.toFixed(0)} ms`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('');
}

const measured = {};
for (const [name, spec] of Object.entries(PARSERS)) {
  if (values.only && !name.includes(values.only) && !name.includes('(reference)')) continue;
  if (spec.scratch) {
    try {
      spec.scratch.forEach((module) => scratchRequire(module));
    } catch {
      console.log(`(${name}: not installed in ${values.scratch}, skipped)`);
      continue;
    }
  }
  const out = path.join(work, `${Object.keys(measured).length}.json`);
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--stack-size=4000',
      new URL(import.meta.url).pathname,
      '--child',
      name,
      '--scripts',
      scriptsFile,
    ].concat(['--out', out, '--rounds', String(ROUNDS), '--scratch', values.scratch]),
    { stdio: 'inherit', cwd: root },
  );
  if (run.status !== 0 || !fs.existsSync(out)) {
    console.log(`(${name}: failed, status ${run.status})`);
    continue;
  }
  measured[name] = JSON.parse(fs.readFileSync(out, 'utf8'));
}

const sizeOf = (files) => files.reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
const scratchFile = (module, file) => {
  try {
    return path.join(path.dirname(scratchRequire(`${module}/package.json`)), file);
  } catch {
    return '';
  }
};
const mvdanSize = sizeOf([require.resolve('mvdan-sh')]);
const sizes = {
  'mvdan-sh, converted (reference)': mvdanSize,
  'mvdan-sh Parse() alone (no conversion)': mvdanSize,
  'fast path, then mvdan-sh (shipped)': mvdanSize,
  'parse cache hit (same text, new offset)': mvdanSize,
  'tree-sitter-bash (web-tree-sitter)': sizeOf([
    scratchFile('web-tree-sitter', 'web-tree-sitter.cjs'),
    scratchFile('web-tree-sitter', 'web-tree-sitter.wasm'),
    scratchFile('tree-sitter-bash', 'tree-sitter-bash.wasm'),
  ]),
  'sh-syntax (mvdan/sh as WASM, async)': sizeOf([
    scratchFile('sh-syntax', 'lib/index.cjs'),
    scratchFile('sh-syntax', 'main.wasm'),
    scratchFile('sh-syntax', 'vendors/wasm_exec.cjs'),
  ]),
};

console.log('Time per script (warm), start-up and size');
table(
  ['parser', 'scripts', 'p50', 'p99', 'total per round', 'start-up', 'heap+wasm after start-up', 'files shipped'],
  Object.entries(measured).map(([name, m]) => [
    name,
    m.count,
    fmt(median(m.times)),
    fmt(percentile(m.times, 99)),
    m.count === scripts.length ? fmt(median(m.totals)) : `${fmt(median(m.totals) * (scripts.length / m.count))} (est.)`,
    fmt(m.init),
    mb(m.heapLoaded + m.externalLoaded),
    mb(sizes[name]),
  ]),
);

// Fidelity: words (literal value, start, end) and errors against mvdan-sh's.
const reference = measured['mvdan-sh, converted (reference)']?.results;
if (reference) {
  const rows = [];
  const examples = [];
  const examplesWanted = process.env.SHOW_DIFFERENCES === 'all' ? Infinity : 12;
  for (const [name, m] of Object.entries(measured)) {
    if (!m.results[0] || name.startsWith('mvdan-sh, converted')) continue;
    let same = 0;
    let differ = 0;
    let valuesOnly = 0;
    let bothFail = 0;
    let onlyRefFails = 0;
    let onlyItFails = 0;
    m.results.forEach((result, i) => {
      const ref = reference[i];
      if (ref.error && result.error) bothFail++;
      else if (ref.error) onlyRefFails++;
      else if (result.error) onlyItFails++;
      if (ref.error || result.error || !result.words) return;
      const key = (w) => `${w[1]}:${w[2]}`;
      const theirs = new Map(result.words.map((w) => [key(w), w[0]]));
      const nested = new Map((result.nested ?? []).map((w) => [key(w), w[0]]));
      // mvdan-sh's walk does not enter `$(…)` in a simple command's words, but does in compound commands'
      // headers: a word tree-sitter finds inside a substitution may be in either.
      const refKeys = new Set(ref.words.map(key));
      const positions =
        ref.words.every((w) => theirs.has(key(w)) || nested.has(key(w))) &&
        result.words.every((w) => refKeys.has(key(w)));
      if (!positions) {
        differ++;
        if (examples.length < examplesWanted) examples.push([name, scripts[i], ref.words, result.words]);
        return;
      }
      const valuesMatch = ref.words.every(
        (w) => (theirs.has(key(w)) ? theirs.get(key(w)) : nested.get(key(w))) === w[0],
      );
      if (valuesMatch) same++;
      else {
        valuesOnly++;
        if (examples.length < examplesWanted) examples.push([name, scripts[i], ref.words, result.words]);
      }
    });
    const checked = m.results.length;
    rows.push([
      name,
      checked,
      m.results[0].words ? `${same} (${((100 * same) / checked).toFixed(1)}%)` : 'no words in its tree',
      m.results[0].words ? valuesOnly : '-',
      m.results[0].words ? differ : '-',
      bothFail,
      onlyRefFails,
      onlyItFails,
    ]);
  }
  console.log('Fidelity against mvdan-sh (words: literal value, start and end offsets; errors)');
  table(
    [
      'parser',
      'scripts',
      'identical words',
      'same places, other values',
      'other words or places',
      'both fail',
      'only mvdan-sh fails',
      'only it fails',
    ],
    rows,
  );
  if (process.env.SHOW_DIFFERENCES) {
    for (const [name, text, ref, theirs] of examples) {
      console.log(`${name}: ${JSON.stringify(text.slice(0, 300))}`);
      const refKeys = new Set(ref.map((w) => JSON.stringify(w)));
      const theirKeys = new Set(theirs.map((w) => JSON.stringify(w)));
      console.log('  only mvdan-sh:', ref.filter((w) => !theirKeys.has(JSON.stringify(w))).slice(0, 6));
      console.log('  only it:', theirs.filter((w) => !refKeys.has(JSON.stringify(w))).slice(0, 6));
    }
  }
}

// What still sends scripts to mvdan-sh: the constructs in the scripts the fast path declines, weighted by the
// time mvdan-sh takes on them (warm, best of 3), not only by count. A script may hold several.
{
  const { parseSimpleList, parseWithMvdan } = shell();
  const CONSTRUCTS = {
    'comment #': /(^|[\s;&|(])#/m,
    '$(…)': /\$\((?!\()/,
    '$((…))': /\$\(\(/,
    backquotes: /`/,
    '${…} operation': /\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/,
    "$'…'": /\$'/,
    if: /(^|[\s;&|(])if\s/m,
    for: /(^|[\s;&|(])for\s/m,
    'while/until': /(^|[\s;&|(])(while|until)\s/m,
    case: /(^|[\s;&|(])case\s/m,
    '( … ) subshell': /(^|[\s;&|])\((?!\()/m,
    '{ … } block': /(^|[\s;&|])\{\s/m,
    'heredoc <<': /<<(?!<)/,
    '[[ … ]]': /\[\[/,
    'export/local/declare…': /(^|[\s;&|(])(export|local|declare|readonly|typeset|let)\s/m,
    'function f()': /\(\)\s*\{|(^|\s)function\s/m,
    '\\ line continuation': /\\\r?\n/,
    '<(…) >(…)': /[<>]\(/,
  };
  parseWithMvdan('true'); // loaded and warm
  const declined = [...new Set(scripts)].filter((text) => !parseSimpleList(text));
  const cost = new Map(declined.map((text) => [text, Infinity]));
  for (let round = 0; round < 3; round++)
    for (const text of declined) {
      const started = now();
      parseWithMvdan(text);
      cost.set(text, Math.min(cost.get(text), now() - started));
    }
  const total = [...cost.values()].reduce((a, b) => a + b, 0);
  const taken = scripts.filter((text) => parseSimpleList(text)).length;
  console.log(
    `Fast path: takes ${taken} of ${scripts.length} scripts; the ${declined.length} distinct scripts it declines cost mvdan-sh ${fmt(total)} (warm)`,
  );
  const rows = Object.entries(CONSTRUCTS).map(([name, pattern]) => {
    const holding = declined.filter((text) => pattern.test(text));
    const ms = holding.reduce((n, text) => n + cost.get(text), 0);
    return [name, holding.length, fmt(ms), total ? `${((100 * ms) / total).toFixed(0)}%` : '-'];
  });
  table(
    ['construct in a declined script', 'scripts', 'mvdan-sh time', 'share'],
    rows.filter((row) => row[1] > 0).sort((a, b) => parseFloat(b[3]) - parseFloat(a[3])),
  );
}

// Lazy parse: which rules read the shell parse of RUNs (each rule alone, ShellCheck off), and how many RUNs
// the default preset leaves unparsed.
{
  const modelModule = require(path.join(root, 'out/server/src/dockerfile/model.js'));
  const { lint } = require(path.join(root, 'out/server/src/engine/lint.js'));
  const { DEFAULT_SETTINGS, PRESETS } = require(path.join(root, 'out/server/src/protocol.js'));
  const { RULES } = require(path.join(root, 'out/server/src/rules/registry.js'));
  let parsed = 0;
  const original = modelModule.DockerfileModel.prototype.shellScripts;
  modelModule.DockerfileModel.prototype.shellScripts = function (run) {
    const seen = (this.__parsedRuns ??= new Set());
    if (!seen.has(run)) {
      seen.add(run);
      parsed++;
    }
    return original.call(this, run);
  };
  const sample = files.slice(0, 120).map((file) => fs.readFileSync(file, 'utf8'));
  const lintAll = (settings) => {
    parsed = 0;
    sample.forEach((text, i) =>
      lint(TextDocument.create(`file:///lazy/${i}/Dockerfile`, 'dockerfile', 1, text), settings),
    );
    return parsed;
  };
  const base = { ...DEFAULT_SETTINGS, shellcheck: { ...DEFAULT_SETTINGS.shellcheck, enable: false } };
  const dockerfileRules = RULES.filter((rule) => rule.language === 'dockerfile');
  const off = Object.fromEntries(RULES.map((rule) => [rule.id, 'off']));
  const everything = lintAll({ ...base, preset: 'all' });
  const alone = dockerfileRules.map((rule) => [rule, lintAll({ ...base, rules: { ...off, [rule.id]: 'warning' } })]);
  const needing = alone.filter(([, count]) => count > 0);
  const all = needing.filter(([, count]) => count >= 0.99 * everything).map(([rule]) => rule.id);
  const rows = PRESETS.map((preset) => [preset, `${lintAll({ ...base, preset })} of ${everything}`]);
  console.log(
    `Lazy parse: ${needing.length} of ${dockerfileRules.length} Dockerfile rules read RUN shell parses (over ${sample.length} corpus files, ShellCheck off); ${all.length} of them, alone, parse 99% or more of the RUNs: ${all.join(', ')}`,
  );
  table(['preset', 'RUN scripts parsed'], rows);
  if (process.env.SHOW_RULES)
    table(
      ['rule alone', 'RUNs parsed'],
      needing.sort((a, b) => b[1] - a[1]).map(([rule, count]) => [rule.id, count]),
    );
}
fs.rmSync(work, { recursive: true, force: true });
