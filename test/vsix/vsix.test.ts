/**
 * The packaged extension as users and registries get it: the .vsix built by `npm run package` (or the file named by
 * DOCKER_COACH_VSIX), read with a small zip reader. `npm run test:vscode` builds it and runs these tests before it
 * installs the same file in VS Code.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import MarkdownIt from 'markdown-it';
import * as path from 'path';
import { ZipFile } from '../support/zip';

const ROOT = path.resolve(__dirname, '../../..');
const VSIX = path.resolve(ROOT, process.env.DOCKER_COACH_VSIX ?? 'docker-coach.vsix');
const MARKETPLACE_README = path.join(ROOT, 'README.marketplace.md');
/** "Under 1 MB" as vsce counts sizes when it packages (1 MB = 1,048,576 bytes). */
const MAX_VSIX_BYTES = 1024 * 1024;

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  displayName: string;
  description: string;
  license: string;
  icon: string;
  galleryBanner?: { color?: string; theme?: string };
  repository?: unknown;
  qna?: unknown;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, unknown> };
  };
}

/** Image sources and link targets of a Markdown text, as a Markdown renderer reads them. */
function references(markdown: string): { images: string[]; links: string[] } {
  const html = new MarkdownIt({ html: true }).render(markdown);
  return {
    images: [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]),
    links: [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]),
  };
}

function pngSize(png: Buffer): { width: number; height: number } {
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'not a PNG file');
  assert.strictEqual(png.toString('latin1', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the packaged extension (.vsix)', function () {
  let vsix: ZipFile;
  let manifest: Manifest;

  before(function () {
    assert.ok(fs.existsSync(VSIX), `${VSIX} does not exist: run \`npm run package\` first (npm run test:vscode does)`);
    vsix = new ZipFile(fs.readFileSync(VSIX));
    manifest = JSON.parse(vsix.read('extension/package.json').toString('utf8')) as Manifest;
  });

  it('is under 1 MB', function () {
    const size = fs.statSync(VSIX).size;
    assert.ok(size < MAX_VSIX_BYTES, `${path.basename(VSIX)} is ${size} bytes, over ${MAX_VSIX_BYTES}`);
  });

  it('holds exactly the kinds of files the extension needs', function () {
    const allowed: [RegExp, string][] = [
      [/^\[Content_Types\]\.xml$|^extension\.vsixmanifest$/, 'the package format'],
      [
        /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
        'manifest, Marketplace README, changelog, licence',
      ],
      [/^extension\/dist\/(client|server|server\.bundle|mvdan-sh)\.js$/, 'the bundles, the server launcher'],
      [/^extension\/dist\/THIRD-PARTY-NOTICES\.txt$/, 'the licences of the code in the bundles'],
      [
        /^extension\/(syntaxes|snippets|language-configuration)\/[\w.-]+\.json$/,
        'grammars, snippets, language settings',
      ],
      [/^extension\/docs\/rules\/[a-z0-9-]+\.md$/, 'rule pages'],
      [/^extension\/lessons\/[a-z0-9-]+\.md$/, 'lessons'],
      [
        /^extension\/media\/(lesson\.js|lesson\.css|icon\.png|walkthrough\/[a-z0-9-]+\.md)$/,
        'the lesson view, the icon, the walkthrough',
      ],
    ];
    const unexpected = vsix.entries
      .map((e) => e.name)
      .filter((name) => !allowed.some(([pattern]) => pattern.test(name)));
    assert.deepStrictEqual(
      unexpected,
      [],
      'files the package should not carry (source, maps, tests, the development README…)',
    );

    const required = [
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/server.bundle.js',
      'extension/dist/mvdan-sh.js',
      'extension/dist/THIRD-PARTY-NOTICES.txt',
      'extension/media/icon.png',
      'extension/media/lesson.js',
    ];
    assert.deepStrictEqual(
      required.filter((name) => !vsix.has(name)),
      [],
    );
    // Every rule page and lesson of the repository, since diagnostics and lessons link to them.
    for (const folder of ['docs/rules', 'lessons']) {
      const inRepo = fs
        .readdirSync(path.join(ROOT, folder))
        .filter((f) => f.endsWith('.md'))
        .sort();
      const packaged = vsix.entries
        .map((e) => e.name)
        .filter((n) => n.startsWith(`extension/${folder}/`))
        .map((n) => path.basename(n))
        .sort();
      assert.deepStrictEqual(packaged, inRepo, folder);
    }
  });

  it('carries the licence of every package bundled into it', function () {
    const notices = vsix.read('extension/dist/THIRD-PARTY-NOTICES.txt').toString('utf8');
    const sections = notices.split(/^-{78}$/m).slice(1);
    const named = new Map(
      sections.map((section) => {
        const [heading, ...rest] = section.trim().split('\n');
        return [heading.split(' ')[0], rest.join('\n')];
      }),
    );
    // Every runtime dependency is bundled (nothing is installed beside the extension), and so is the code they pull
    // in: vscode-languageclient's own dependencies stand for those.
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const expected = [...Object.keys(root.dependencies), 'vscode-jsonrpc', 'semver', 'minimatch'];
    assert.deepStrictEqual(
      expected.filter((name) => !named.has(name)),
      [],
      'bundled packages missing from the notices',
    );
    for (const [name, text] of named) {
      // The text of the package's licence file (the shortest, ISC, is over 600 characters), or what its
      // package.json says when it ships none.
      assert.ok(
        text.length > 400 || /ships no licence file; its package\.json gives its licence as \S+/.test(text),
        `${name}: no licence text`,
      );
    }
  });

  it("leaves the rules' documentation examples to the shipped rule pages", function () {
    // The examples are tests and page text; no code that runs reads them (scripts/build.mjs leaves them out).
    const server = vsix.read('extension/dist/server.bundle.js').toString('utf8');
    const page = vsix.read('extension/docs/rules/apk-pin-versions.md').toString('utf8');
    const example = 'apk add --no-cache --virtual .build-deps gcc~13.2 musl-dev=1.2.5-r0';
    assert.ok(page.includes(example), 'the rule page shows the example');
    assert.ok(!server.includes(example), 'the server bundle still holds the example');
    assert.ok(server.includes('Pin package versions in apk add'), 'the server bundle holds the rule itself');
  });

  it('shows the Marketplace README, not the development one', function () {
    const readme = vsix.read('extension/readme.md').toString('utf8');
    assert.strictEqual(readme, fs.readFileSync(MARKETPLACE_README, 'utf8'));
    for (const developerText of [
      /\bnpm (run|start|test|ci)\b/,
      /^#+ Benchmarks/m,
      /^#+ Quick start \(development\)/m,
    ]) {
      assert.doesNotMatch(readme, developerText);
    }
  });

  it('has the icon, the changelog of this version and the gallery banner', function () {
    assert.strictEqual(manifest.icon, 'media/icon.png');
    const { width, height } = pngSize(vsix.read(`extension/${manifest.icon}`));
    assert.ok(
      width === height && width >= 128,
      `the icon is ${width}x${height}; the Marketplace wants a square of at least 128 px`,
    );
    const vsixManifest = vsix.read('extension.vsixmanifest').toString('utf8');
    assert.match(
      vsixManifest,
      /<Asset Type="Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/media\/icon\.png"/,
    );
    assert.match(
      vsixManifest,
      /<Asset Type="Microsoft\.VisualStudio\.Services\.Content\.Changelog" Path="extension\/changelog\.md"/,
    );
    assert.match(
      vsixManifest,
      new RegExp(
        `<Property Id="Microsoft\\.VisualStudio\\.Services\\.Branding\\.Color" Value="${manifest.galleryBanner?.color}"`,
      ),
    );
    const changelog = vsix.read('extension/changelog.md').toString('utf8');
    assert.match(
      changelog,
      new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'),
      'the changelog has no section for this version',
    );
  });

  it('meets what Open VSX checks when it receives the package', function () {
    // Open VSX's ExtensionValidator: names made of [\w\-+$~], version characters, field lengths, banner theme; and a
    // licence, which it requires of every extension (vsce ships LICENSE as LICENSE.txt).
    const name = /^[\w\-+$~]+$/;
    assert.match(manifest.publisher, name, 'publisher = Open VSX namespace');
    assert.match(manifest.name, name);
    assert.match(manifest.version, /^[A-Za-z0-9$+\-,.:;_]+$/);
    assert.ok(manifest.displayName.length <= 255 && manifest.description.length <= 2048);
    assert.ok((manifest.galleryBanner?.color ?? '').length <= 16);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.strictEqual(manifest.license, 'MIT');
    assert.match(vsix.read('extension/LICENSE.txt').toString('utf8'), /^MIT License/);
    for (const text of [manifest.displayName, manifest.description]) {
      // No control, format or private-use characters.
      assert.doesNotMatch(text, /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u);
    }
  });
});

describe('the Marketplace README (README.marketplace.md)', function () {
  const readme = fs.readFileSync(MARKETPLACE_README, 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

  it('names every command and every setting the extension contributes', function () {
    const commands = manifest.contributes.commands.filter((c) => !c.command.startsWith('dockerCoach._'));
    assert.deepStrictEqual(
      commands.filter((c) => !readme.includes(`**${c.category}: ${c.title}**`)).map((c) => c.title),
      [],
    );
    const settings = Object.keys(manifest.contributes.configuration.properties);
    assert.deepStrictEqual(
      settings.filter((s) => !readme.includes(`\`${s}\``)),
      [],
    );
  });

  it('links only to files of the repository, which the published README reaches through its repository', function () {
    const { images, links } = references(readme);
    assert.ok(images.length >= 2, 'the README should show the extension at work');
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n'));
    for (const target of [...images, ...links]) {
      if (/^https:\/\//.test(target) || target.startsWith('#')) continue;
      assert.doesNotMatch(target, /^[a-z]+:/i, `${target}: only https and relative links work on every registry`);
      const file = target.replace(/#.*$/, '');
      // `raw/HEAD/<path>` serves committed files: an untracked picture would be missing on the Marketplace.
      assert.ok(tracked.has(file), `${file} is not a file of the repository`);
    }
    for (const image of images)
      assert.match(image, /\.png$/, `${image}: the Marketplace accepts PNG, JPEG and GIF pictures (no SVG)`);
  });

  it('gets https pictures when packaged for a GitHub repository, as the Marketplace needs', async function () {
    // vsce's own README processing, as `vsce package` runs it when package.json names a repository (scripts/package.mjs
    // then lets it rewrite links). It also refuses images that are not https, and SVG.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of vsce, typed here
    const { ReadmeProcessor } = require('@vscode/vsce/out/package') as {
      ReadmeProcessor: new (
        manifest: object,
        options: object,
      ) => { onFile(file: { path: string; contents: Buffer }): Promise<{ contents: Buffer | string }> };
    };
    const repository = 'https://github.com/example/docker-coach';
    const processor = new ReadmeProcessor({ ...manifest, repository }, { readmePath: 'README.marketplace.md' });
    const processed = await processor.onFile({
      path: 'extension/README.marketplace.md',
      contents: Buffer.from(readme),
    });
    const { images, links } = references(processed.contents.toString());
    const expected = references(readme);
    assert.deepStrictEqual(
      images,
      expected.images.map((i) => `${repository}/raw/HEAD/${i}`),
    );
    assert.deepStrictEqual(
      links,
      expected.links.map((l) => (/^(https:|#)/.test(l) ? l : `${repository}/blob/HEAD/${l}`)),
    );
  });
});
