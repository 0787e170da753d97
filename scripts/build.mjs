// Bundles the client, the language server and the CLI into one file each (dist/).
// `--watch` rebuilds on change; `--minify` for the packaged extension.
import * as esbuild from 'esbuild';
import { createRequire } from 'module';
import * as path from 'path';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

// dclint's package.json `exports` does not list its schemas, so esbuild (like Node) refuses
// `dclint/schemas/compose.schema.json`. Resolve it inside the package folder instead: the
// compose-spec schema comes from npm and is inlined into the bundle, which needs no node_modules.
const dclintDir = path.dirname(createRequire(import.meta.url).resolve('dclint/package.json'));
const dclintSchemas = {
  name: 'dclint-schemas',
  setup(build) {
    build.onResolve({ filter: /^dclint\/schemas\/[\w.-]+\.json$/ }, (args) => ({ path: path.join(dclintDir, args.path.slice('dclint/'.length)) }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !minify,
  minify,
  keepNames: true,
  logLevel: 'warning',
  // The language server protocol packages ship both ESM and CJS; prefer the CJS "main".
  mainFields: ['main', 'module'],
  plugins: [dclintSchemas],
  // Only the unbundled fallback in server/src/compose/schema.ts looks this up, at run time.
  external: ['dclint/package.json'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode', ...common.external] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching for changes…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`bundled client, server and CLI in ${Date.now() - started} ms`);
}
