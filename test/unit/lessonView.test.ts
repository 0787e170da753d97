/**
 * The lesson view without an editor: the page shell's security policy, how
 * lessons and rule pages render, where their links lead, and lesson progress.
 * (The panel itself is exercised in the real VS Code: test/integration.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PageHistory } from '../../client/src/lessons/history';
import {
  pageFooter,
  pageHeader,
  pageNavigation,
  renderPage,
  resolveLink,
  targetHref,
  viewShell,
} from '../../client/src/lessons/pages';
import { LessonProgress, PROGRESS_KEY, ProgressStore } from '../../client/src/lessons/progress';

const root = path.resolve(__dirname, '../../..');
const fixture = (name: string) => fs.readFileSync(path.join(root, 'test/fixtures/lessons', name), 'utf8');

class MemoryStore implements ProgressStore {
  values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('lesson view', () => {
  describe('page shell', () => {
    const html = viewShell({
      cspSource: 'https://webview.example',
      nonce: 'N0nce+/=',
      styleUri: 'https://webview.example/media/lesson.css',
      scriptUri: 'https://webview.example/media/lesson.js',
    });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

    it('allows nothing by default, styles and images from the extension only, and only the script with the nonce', () => {
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      assert.deepStrictEqual(directives, {
        'default-src': ["'none'"],
        'style-src': ['https://webview.example'],
        'img-src': ['https://webview.example'],
        'script-src': ["'nonce-N0nce+/='"],
      });
      assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp), csp);
    });

    it('has one script, carrying the nonce, and no inline script or style', () => {
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.deepStrictEqual(scripts, ['<script nonce="N0nce+/=" src="https://webview.example/media/lesson.js">']);
      assert.ok(!/<style\b|\sstyle=|\son\w+=/.test(html));
    });

    it('declares the language and keeps a live region for exercise results from the start', () => {
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<div id="results" class="results" aria-live="polite"><\/div>/);
      assert.match(html, /<main id="page">/);
    });
  });

  describe('links', () => {
    const lesson = 'lessons/layers-and-cache.md';
    const rulePage = 'docs/rules/non-root-user.md';

    it('reads the lesson schemes', () => {
      assert.deepStrictEqual(resolveLink('lesson:security', lesson), {
        kind: 'lesson',
        id: 'security',
        fragment: undefined,
      });
      assert.deepStrictEqual(resolveLink('rule:non-root-user', lesson), {
        kind: 'rule',
        id: 'non-root-user',
        fragment: undefined,
      });
      assert.deepStrictEqual(resolveLink('snippet:dockerfile/Python%20app%20(pip,%20non-root)', lesson), {
        kind: 'snippet',
        language: 'dockerfile',
        name: 'Python app (pip, non-root)',
      });
      assert.deepStrictEqual(resolveLink('snippet:dockercompose/Web%20app%20and%20database', lesson), {
        kind: 'snippet',
        language: 'dockercompose',
        name: 'Web app and database',
      });
      assert.deepStrictEqual(resolveLink('exercise:start', lesson), { kind: 'exercise', action: 'start' });
      assert.deepStrictEqual(resolveLink('exercise:check', lesson), { kind: 'exercise', action: 'check' });
      assert.deepStrictEqual(resolveLink('https://docs.docker.com/build/cache/', lesson), {
        kind: 'external',
        url: 'https://docs.docker.com/build/cache/',
      });
      assert.deepStrictEqual(resolveLink('#try-it', lesson), { kind: 'anchor', fragment: 'try-it' });
      assert.deepStrictEqual(resolveLink('line:4', lesson), { kind: 'line', line: 4 });
      // A snippet's name may itself contain a slash: only the first one ends the language.
      assert.deepStrictEqual(resolveLink('snippet:dockerfile/Non-root%20user%20(Debian/Ubuntu)', lesson), {
        kind: 'snippet',
        language: 'dockerfile',
        name: 'Non-root user (Debian/Ubuntu)',
      });
      assert.deepStrictEqual(resolveLink('snippet:dockerignore/.dockerignore%20for%20Go', lesson), {
        kind: 'snippet',
        language: 'dockerignore',
        name: '.dockerignore for Go',
      });
    });

    it('refuses what the view cannot follow', () => {
      for (const href of [
        'lesson:no-such-lesson',
        'rule:Bad_Id',
        'snippet:python/x',
        'snippet:dockerfile/',
        'line:-1',
        'line:x',
        'exercise:solve',
        'command:workbench.action.quit',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'nowhere.md',
        '/lessons/security.md',
        '',
      ]) {
        assert.strictEqual(resolveLink(href, lesson), undefined, href);
      }
    });

    it('maps relative links between lessons and rule pages back to the schemes', () => {
      // Rule pages link to their lesson as ../../lessons/<id>.md.
      assert.deepStrictEqual(resolveLink('../../lessons/security.md', rulePage), {
        kind: 'lesson',
        id: 'security',
        fragment: undefined,
      });
      assert.deepStrictEqual(resolveLink('apt-get-yes.md', rulePage), {
        kind: 'rule',
        id: 'apt-get-yes',
        fragment: undefined,
      });
      assert.deepStrictEqual(resolveLink('multi-stage-builds.md#why', lesson), {
        kind: 'lesson',
        id: 'multi-stage-builds',
        fragment: 'why',
      });
      assert.deepStrictEqual(resolveLink('../docs/rules/non-root-user.md', lesson), {
        kind: 'rule',
        id: 'non-root-user',
        fragment: undefined,
      });
      assert.strictEqual(resolveLink('../../lessons/not-a-lesson.md', rulePage), undefined);
    });

    it('writes targets the view sends back and reads again', () => {
      for (const href of [
        'lesson:security',
        'rule:non-root-user',
        'snippet:dockerfile/Python%20app%20(pip%2C%20non-root)',
        'exercise:check',
        'https://docs.docker.com/',
        '#try-it',
        'view:back',
        'view:pick',
        'line:12',
      ]) {
        const target = resolveLink(href, lesson)!;
        assert.ok(target, href);
        assert.deepStrictEqual(resolveLink(targetHref(target), lesson), target, href);
      }
    });
  });

  describe('rendering', () => {
    const page = renderPage(fixture('layers-and-cache.md'), {
      pagePath: 'lessons/layers-and-cache.md',
      imageUri: (file) => `https://webview.example/${file}`,
    });

    it('takes the title from the H1, which can take focus', () => {
      assert.strictEqual(page.title, 'Layers and the build cache');
      assert.match(page.html, /<h1 id="layers-and-the-build-cache" tabindex="-1">Layers and the build cache<\/h1>/);
    });

    it('gives headings unique ids for in-page links', () => {
      const ids = [...page.html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
      assert.deepStrictEqual(ids, ['try-it', 'try-it-2']);
      assert.match(page.html, /<a href="#try-it" data-link="#try-it">an anchor<\/a>/);
    });

    it('renders lesson and rule links as links the view handles', () => {
      assert.match(
        page.html,
        /<a href="lesson:multi-stage-builds" data-link="lesson:multi-stage-builds">the multi-stage lesson<\/a>/,
      );
      assert.match(
        page.html,
        /<a href="lesson:multi-stage-builds#why-it-matters" data-link="lesson:multi-stage-builds#why-it-matters">the same lesson by path<\/a>/,
      );
      assert.match(
        page.html,
        /<a href="rule:dependencies-before-source" data-link="rule:dependencies-before-source">dependencies-before-source<\/a>/,
      );
      assert.match(page.html, /<a href="rule:apt-get-clean-lists" data-link="rule:apt-get-clean-lists">by path<\/a>/);
    });

    it('renders snippet and exercise links as buttons', () => {
      assert.match(
        page.html,
        /<button type="button" class="action action-snippet" data-link="snippet:dockerfile\/Python%20app%20\(pip%2C%20non-root\)">the Python Dockerfile<\/button>/,
      );
      assert.match(
        page.html,
        /<button type="button" class="action action-snippet" data-link="snippet:dockerfile\/docker-node">by prefix<\/button>/,
      );
      assert.match(
        page.html,
        /<button type="button" class="action action-exercise" data-link="exercise:start">Start the exercise<\/button>/,
      );
      assert.match(
        page.html,
        /<button type="button" class="action action-exercise" data-link="exercise:check">Check my exercise<\/button>/,
      );
    });

    it('says that a web link opens the browser, and keeps its title', () => {
      assert.match(
        page.html,
        /<a href="https:\/\/docs\.docker\.com\/build\/cache\/" data-link="https:\/\/docs\.docker\.com\/build\/cache\/" class="external" title="Docker docs">build cache guide<span class="visually-hidden"> \(opens in your browser\)<\/span><\/a>/,
      );
    });

    it('shows raw HTML as text and never links to scripts', () => {
      assert.ok(!page.html.includes('<script'), 'raw HTML must not pass through');
      assert.match(page.html, /&lt;script&gt;alert\('raw HTML is text'\)&lt;\/script&gt;/);
      assert.ok(!/href="javascript:/i.test(page.html));
    });

    it('keeps the text of links it cannot follow, without a link, and reports them', () => {
      assert.match(page.html, /<p>a broken link, /);
      assert.ok(!page.html.includes('nowhere.md"'));
      assert.deepStrictEqual(page.unresolvedLinks, ['nowhere.md']);
    });

    it('loads local images through the view and never remote ones', () => {
      assert.match(
        page.html,
        /<img src="https:\/\/webview\.example\/lessons\/images\/layers\.png" alt="a local image">/,
      );
      assert.ok(!page.html.includes('example.com/x.png'));
      assert.match(page.html, /\[a remote image\]/);
    });

    it('turns table alignment into classes (the policy forbids inline styles)', () => {
      assert.match(page.html, /<th class="align-left">Step<\/th>/);
      assert.match(page.html, /<td class="align-right">yes<\/td>/);
      assert.ok(!/\sstyle=/.test(page.html));
    });

    it('makes code blocks focusable so they can be scrolled with the keyboard, and escapes them', () => {
      const other = renderPage(fixture('multi-stage-builds.md'), { pagePath: 'lessons/multi-stage-builds.md' });
      assert.match(
        other.html,
        /<pre tabindex="0"><code class="language-dockerfile">FROM golang:1\.22 AS build\nRUN echo &quot;&lt;b&gt;not bold&lt;\/b&gt;&quot;\n<\/code><\/pre>/,
      );
    });

    it('renders a generated rule page with its lesson link', () => {
      const rule = fs
        .readFileSync(path.join(root, 'docs/rules/non-root-user.md'), 'utf8')
        .replace(/\| Lesson \| Security \|/, '| Lesson | [Security](../../lessons/security.md) |');
      const rendered = renderPage(rule, { pagePath: 'docs/rules/non-root-user.md' });
      assert.strictEqual(rendered.title, 'non-root-user');
      assert.ok(!rendered.html.includes('<thead'), 'the empty table head is dropped');
      assert.match(rendered.html, /<table>\n<tbody>\n<tr>\n<td>Applies to<\/td>/);
      assert.match(rendered.html, /<a href="lesson:security" data-link="lesson:security">Security<\/a>/);
      assert.deepStrictEqual(rendered.unresolvedLinks, []);
    });
  });

  describe('navigation', () => {
    it('offers back, the lesson picker, and previous and next lessons', () => {
      const header = pageHeader({
        back: { href: 'view:back', title: 'non-root-user' },
        position: { index: 3, total: 12 },
      });
      assert.match(header, /^<nav class="page-nav" aria-label="Lessons">/);
      assert.match(
        header,
        /<button type="button" class="nav-button" data-link="view:back"><span aria-hidden="true">← <\/span>Back to non-root-user<\/button>/,
      );
      assert.match(header, /Lesson 3 of 12/);
      assert.match(header, /data-link="view:pick">All lessons…<\/button>/);
      const footer = pageFooter({
        previous: { href: 'lesson:running-containers', title: 'Running & managing' },
        next: { href: 'lesson:layers-and-cache', title: 'Layers' },
      });
      assert.match(
        footer,
        /<a class="previous" href="lesson:running-containers" data-link="lesson:running-containers"><span aria-hidden="true">← <\/span>Previous lesson: Running &amp; managing<\/a>/,
      );
      assert.match(footer, /Next lesson: Layers<span aria-hidden="true"> →<\/span><\/a>/);
      assert.strictEqual(pageFooter({}), '');
    });

    it('places a lesson in the syllabus; a rule page has only the way back', () => {
      assert.deepStrictEqual(pageNavigation({ kind: 'lesson', id: 'images-and-containers' }, undefined), {
        position: { index: 1, total: 12 },
        next: { href: 'lesson:running-containers', title: 'Running and managing containers' },
      });
      assert.deepStrictEqual(
        pageNavigation({ kind: 'lesson', id: 'limits-and-debugging' }, { href: 'view:back', title: 'Security' }),
        {
          back: { href: 'view:back', title: 'Security' },
          position: { index: 12, total: 12 },
          previous: { href: 'lesson:security', title: 'Security' },
        },
      );
      assert.deepStrictEqual(
        pageNavigation({ kind: 'rule', id: 'non-root-user' }, { href: 'view:back', title: 'Security' }),
        { back: { href: 'view:back', title: 'Security' } },
      );
    });

    it('goes back through the pages left, with the titles they had, skipping repeats and forgetting when closed', () => {
      const history = new PageHistory(3);
      const previous = () => history.previous;
      assert.strictEqual(history.back(), undefined);
      history.visit({ kind: 'lesson', id: 'security' });
      history.setTitle('Security');
      history.visit({ kind: 'lesson', id: 'security' });
      assert.strictEqual(previous(), undefined, 'the same page again is not a step back');
      history.visit({ kind: 'rule', id: 'non-root-user' });
      history.setTitle('non-root-user: run as a user');
      assert.deepStrictEqual(previous(), { page: { kind: 'lesson', id: 'security' }, title: 'Security' });
      history.visit({ kind: 'lesson', id: 'compose' }, false);
      assert.deepStrictEqual(history.page, { kind: 'lesson', id: 'compose' });
      assert.deepStrictEqual(previous()?.title, 'Security', 'a visit that is not remembered leaves no step back');
      for (const id of ['volumes', 'networking', 'security'] as const) {
        history.visit({ kind: 'lesson', id });
        history.setTitle(id);
      }
      // At most 3 steps: compose, volumes, networking (the oldest, security, was dropped).
      assert.deepStrictEqual(
        [history.back(), history.back(), history.back(), history.back()].map((e) => e?.page.id),
        ['networking', 'volumes', 'compose', undefined],
      );
      history.clear();
      assert.strictEqual(history.page, undefined);
    });
  });

  describe('progress', () => {
    it('remembers completed lessons in syllabus order, and resets', async () => {
      const store = new MemoryStore();
      const progress = new LessonProgress(store);
      assert.deepStrictEqual(progress.completed(), []);
      assert.strictEqual(await progress.markCompleted('security'), true);
      assert.strictEqual(await progress.markCompleted('layers-and-cache'), true);
      assert.strictEqual(await progress.markCompleted('security'), false);
      assert.deepStrictEqual(progress.completed(), ['layers-and-cache', 'security']);
      // A new instance over the same store (a restart) sees the same progress.
      assert.ok(new LessonProgress(store).isCompleted('security'));
      await progress.reset();
      assert.deepStrictEqual(new LessonProgress(store).completed(), []);
    });

    it('ignores stored values it does not understand', () => {
      const store = new MemoryStore();
      store.values.set(PROGRESS_KEY, ['security', 'a-lesson-that-was-removed', 42]);
      assert.deepStrictEqual(new LessonProgress(store).completed(), ['security']);
      store.values.set(PROGRESS_KEY, 'security');
      assert.deepStrictEqual(new LessonProgress(store).completed(), []);
    });
  });
});
