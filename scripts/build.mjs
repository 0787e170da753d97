// Bundles the client, the language server and the CLI into one file each (dist/).
// `--watch` rebuilds on change; `--minify` for the packaged extension.
import * as esbuild from 'esbuild';
import { createRequire } from 'module';
import * as path from 'path';

const require = createRequire(import.meta.url);

/** dclint's "exports" hides its `schemas/` folder: resolve `dclint/schemas/*.json` to the file, which esbuild then inlines. */
const packageSubpaths = {
  name: 'package-subpaths',
  setup(build) {
    build.onResolve({ filter: /^dclint\/schemas\/[\w.-]+\.json$/ }, (args) => ({
      path: path.join(path.dirname(require.resolve('dclint/package.json')), args.path.slice('dclint/'.length)),
    }));
  },
};

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

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
  plugins: [packageSubpaths],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
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
