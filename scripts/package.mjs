#!/usr/bin/env node
// Builds the extension package (.vsix) with vsce, with the Marketplace README (README.marketplace.md, shipped as
// the package's readme.md) and CHANGELOG.md.
//
//   node scripts/package.mjs [--out docker-coach.vsix] [--base-images-url URL --base-content-url URL] [--print-args]
//
// README images and links. README.marketplace.md links its pictures (docs/images/*.png) and other pages by their
// path in the repository. No viewer of a published README resolves a relative link: the Marketplace and Open VSX
// render the README text on their own pages with no base address, and VS Code's extension page shows it in a
// webview whose policy is `img-src https: data:`. So pictures show only from https addresses:
//   - when package.json names a GitHub or GitLab `repository`, vsce rewrites every relative link to it
//     (`<repo>/raw/HEAD/<path>` for images, `<repo>/blob/HEAD/<path>` for links), and every viewer shows them;
//   - `--base-images-url` and `--base-content-url` give those two prefixes for a repository hosted elsewhere;
//   - with neither (this repository has no public address yet), the links stay relative, vsce is told not to
//     rewrite them, and a warning says so. `vsce publish` refuses relative images without a repository, so such a
//     package cannot reach the Marketplace with broken pictures by accident.
// The pictures are not put in the package (.vscodeignore): no viewer would read them there, and they would take
// the .vsix over 1 MB.
// `--print-args` prints vsce's arguments as JSON and packages nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARKETPLACE_README = 'README.marketplace.md';

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string', default: 'docker-coach.vsix' },
    'base-images-url': { type: 'string' },
    'base-content-url': { type: 'string' },
    'print-args': { type: 'boolean', default: false },
  },
});

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
// The hosts vsce knows how to turn into raw and blob URLs (its guessBaseUrls).
const knownHost = typeof repository === 'string' && /(^|[/@.])(github|gitlab)(\.com[/:]|:)/.test(repository);

if (Boolean(opts['base-images-url']) !== Boolean(opts['base-content-url'])) {
  console.error('[package] give both --base-images-url and --base-content-url, or neither');
  process.exit(2);
}
const args = [
  'package',
  '--no-dependencies',
  '--readme-path',
  MARKETPLACE_README,
  '--changelog-path',
  'CHANGELOG.md',
  '--out',
  opts.out,
];
const rewrites = Boolean(knownHost || opts['base-images-url']);
if (opts['base-images-url']) args.push('--baseImagesUrl', opts['base-images-url']);
if (opts['base-content-url']) args.push('--baseContentUrl', opts['base-content-url']);
if (!repository) args.push('--allow-missing-repository');
if (!rewrites) args.push('--no-rewrite-relative-links');

if (opts['print-args']) {
  console.log(JSON.stringify({ args, rewrites }));
  process.exit(0);
}
if (!rewrites) {
  console.error(
    `[package] ${MARKETPLACE_README}: its images and links stay relative paths, which the Marketplace, Open VSX and VS Code ` +
      'do not show. Before publishing, set "repository" in package.json (GitHub or GitLab) or pass --base-images-url and ' +
      '--base-content-url.',
  );
}
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [vsce, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
