// Bundles the client, the language server and the CLI into one file each (dist/).
// `--watch` rebuilds on change; `--minify` for the packaged extension.
// `--outdir DIR --only server,cli` builds some of them elsewhere (scripts/pack-cli.mjs: the npm package).
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import ts from 'typescript';
import { fileURLToPath } from 'url';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const optionValue = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const outdir = optionValue('--outdir') ?? 'dist';
const only = optionValue('--only')?.split(',');

// dclint's package.json `exports` does not list its schemas, so esbuild (like Node) refuses
// `dclint/schemas/compose.schema.json`. Resolve it inside the package folder instead: the
// compose-spec schema comes from npm and is inlined into the bundle, which needs no node_modules.
const dclintDir = path.dirname(createRequire(import.meta.url).resolve('dclint/package.json'));
const dclintSchemas = {
  name: 'dclint-schemas',
  setup(build) {
    build.onResolve({ filter: /^dclint\/schemas\/[\w.-]+\.json$/ }, (args) => ({
      path: path.join(dclintDir, args.path.slice('dclint/'.length)),
    }));
  },
};

// esbuild escapes non-ASCII characters in strings (charset 'ascii') but not in kept comments (nor in some
// regular expression literals), and a single '→' left in the output makes V8 hold the whole script source
// as a two-byte string: twice the memory, for the life of the process (the server's 5 MB source took
// 10.5 MB of heap). Each remaining non-ASCII UTF-16 unit becomes a `\uXXXX` escape, which means the same
// in comments, strings, templates and regular expressions.
const asciiOutput = {
  name: 'ascii-output',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const file = build.initialOptions.outfile;
      const text = fs.readFileSync(file, 'utf8');
      // eslint-disable-next-line no-control-regex -- every character outside ASCII, NUL included
      const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (escaped !== text) fs.writeFileSync(file, escaped);
    });
  },
};

// The server and the CLI load mvdan-sh at their first shell parse (server/src/shell/shell.ts) from
// dist/mvdan-sh.js, a verbatim copy of the package's file (already minified): its 1.5 MB are then not in
// server.js, whose source V8 keeps for the life of the process (esbuild would re-print it as 3 MB), a
// server with only compose files open never loads it, and the npm package holds it once for both bins.
const mvdanShPath = createRequire(import.meta.url).resolve('mvdan-sh');
const mvdanShApart = (copy) => ({
  name: 'mvdan-sh-apart',
  setup(build) {
    build.onResolve({ filter: /^mvdan-sh$/ }, () => ({ path: './mvdan-sh.js', external: true }));
    if (!copy) return;
    build.onEnd((result) => {
      if (result.errors.length) return;
      const text = fs.readFileSync(mvdanShPath, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
      fs.writeFileSync(path.join(path.dirname(build.initialOptions.outfile), 'mvdan-sh.js'), text);
    });
  },
});

// A rule's documentation examples (`docs.bad`, `docs.good`) are its tests and the source of its page in docs/rules/,
// which ships beside the bundles. The language server never reads them, so its bundle leaves them out (a sixth of
// its size before compression), which keeps the .vsix under 1 MB; the CLI keeps them for `rules --format json`.
// test/vsix/vsix.test.ts checks that they are gone from the server and that every rule's page is shipped.
const rulesFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'src', 'rules');
const ruleExamplesOut = {
  name: 'rule-examples-out',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]rules[\\/].+\.ts$/ }, async (args) => {
      if (!args.path.startsWith(rulesFolder)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: withoutDocsExamples(text, args.path), loader: 'ts' };
    });
  },
};
/** The text with every `docs: { …, bad: […], good: […] }` example list emptied, found in TypeScript's syntax tree. */
function withoutDocsExamples(text, file) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const cuts = [];
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'docs') {
      if (ts.isObjectLiteralExpression(node.initializer))
        for (const property of node.initializer.properties)
          if (ts.isPropertyAssignment(property) && ['bad', 'good'].includes(property.name.getText(source)))
            cuts.push([property.initializer.getStart(source), property.initializer.getEnd()]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const [start, end] of cuts.reverse()) out = `${out.slice(0, start)}[]${out.slice(end)}`;
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  // VS Code 1.90 and later run extensions on Node 20; the CLI and the server need Node 20 (package.json `engines`).
  target: 'node20',
  format: 'cjs',
  sourcemap: !minify,
  minify,
  // Function and class names for readable stacks in development builds (which also have source maps). The
  // shipped, minified builds do without: nothing reads a name at run time, and keeping them cost 18 KB of the
  // .vsix's 1 MB (2,666 naming calls in the server bundle).
  keepNames: !minify,
  logLevel: 'warning',
  // The language server protocol packages ship both ESM and CJS; prefer the CJS "main".
  mainFields: ['main', 'module'],
  plugins: [dclintSchemas, asciiOutput],
  // Only the unbundled fallback in server/src/compose/schema.ts looks this up, at run time.
  external: ['dclint/package.json'],
};

const all = {
  client: {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: path.join(outdir, 'client.js'),
    external: ['vscode', ...common.external],
  },
  server: {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: path.join(outdir, 'server.bundle.js'),
    plugins: [ruleExamplesOut, ...common.plugins, mvdanShApart(true)],
  },
  cli: {
    ...common,
    entryPoints: ['server/src/cli/cli.ts'],
    outfile: path.join(outdir, 'cli.bundle.js'),
    plugins: [...common.plugins, mvdanShApart(Boolean(only) && !only.includes('server'))],
  },
};
// The programs users start, `server.js` and `cli.js`, are small launchers that compile the bundles above with
// V8's code cache (server/src/util/codeCache.ts); each is built with its bundle.
const launchers = {
  server: { ...common, entryPoints: ['server/src/launch/server.ts'], outfile: path.join(outdir, 'server.js') },
  cli: { ...common, entryPoints: ['server/src/launch/cli.ts'], outfile: path.join(outdir, 'cli.js') },
};
// Every npm package whose code goes into a bundle, with its licence text, in <outdir>/THIRD-PARTY-NOTICES.txt:
// MIT, ISC, BSD and CC-BY ask that their notices travel with every copy, and a bundle is a copy. The list comes
// from esbuild's metafile (the inputs each bundle really holds), plus mvdan-sh, which is copied beside them.
const NOTICES = 'THIRD-PARTY-NOTICES.txt';
function packageFolderOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
  return match ? match[1] : null;
}
function licenceText(folder) {
  const file = fs.readdirSync(folder).find((name) => /^(licen[cs]e|copying)([.-].*)?$/i.test(name));
  return file ? fs.readFileSync(path.join(folder, file), 'utf8').replace(/\r\n/g, '\n').trim() : null;
}
function writeNotices(folders) {
  const entries = [...new Set(folders)]
    .map((folder) => ({ folder, manifest: JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) }))
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name) || a.folder.localeCompare(b.folder));
  const rule = '-'.repeat(78);
  const sections = entries.map(({ folder, manifest }) => {
    const licence = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'unstated');
    const source = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    const text =
      licenceText(folder) ??
      `The package ships no licence file; its package.json gives its licence as ${licence}` +
        (manifest.author
          ? ` and its author as ${typeof manifest.author === 'string' ? manifest.author : manifest.author.name}.`
          : '.');
    return [rule, `${manifest.name} ${manifest.version} (${licence})`, ...(source ? [source] : []), '', text].join(
      '\n',
    );
  });
  const header =
    'Docker Coach bundles code from the npm packages below into its files in this folder. Each is listed with its\n' +
    "version, its licence and the licence's text, as that licence asks.";
  fs.writeFileSync(path.join(outdir, NOTICES), `${header}\n\n${sections.join('\n\n')}\n`);
}

const unknown = (only ?? []).filter((name) => !(name in all));
if (unknown.length)
  throw new Error(`--only: no bundle named ${unknown.join(', ')} (use ${Object.keys(all).join(', ')})`);
const builds = Object.entries(all)
  .filter(([name]) => !only || only.includes(name))
  .flatMap(([name, options]) => [options, ...(launchers[name] ? [launchers[name]] : [])]);

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching for changes…');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
  const bundled = results.flatMap((result) => Object.keys(result.metafile.inputs)).map(packageFolderOf);
  const shellParser = builds.some((options) => options.plugins.some((plugin) => plugin.name === 'mvdan-sh-apart'));
  writeNotices([
    ...bundled.filter((folder) => folder !== null),
    ...(shellParser ? [path.dirname(mvdanShPath).replace(/\\/g, '/')] : []),
  ]);
  console.log(`bundled ${only ? only.join(', ') : 'client, server and CLI'} in ${Date.now() - started} ms`);
}
