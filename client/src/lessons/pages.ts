/**
 * The lesson view's HTML: the page shell with its Content-Security-Policy,
 * lessons (`lessons/<id>.md`) and rule pages (`docs/rules/<id>.md`) rendered
 * with markdown-it, their links turned into targets the view handles, and the
 * navigation around them. Pure (no `vscode` import), so unit tests cover it.
 */
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { isLessonId, LESSON_ORDER, LessonId, LESSONS } from '../../../server/src/protocol';

/** What the panel shows. */
export type Page = { kind: 'lesson'; id: LessonId } | { kind: 'rule'; id: string };

export const samePage = (a: Page | undefined, b: Page | undefined): boolean =>
  !!a && !!b && a.kind === b.kind && a.id === b.id;

/** The file of a page, relative to the extension root. */
export const pagePath = (page: Page): string =>
  page.kind === 'lesson' ? `lessons/${page.id}.md` : `docs/rules/${page.id}.md`;

/** The message of something thrown, for the log and the user. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where a link in a page leads. */
export type LinkTarget =
  | { kind: 'lesson'; id: LessonId; fragment?: string }
  | { kind: 'rule'; id: string; fragment?: string }
  | { kind: 'snippet'; language: string; name: string }
  | { kind: 'exercise'; action: 'start' | 'check' }
  | { kind: 'external'; url: string }
  | { kind: 'anchor'; fragment: string }
  /** The view's own controls: back to the previous page, pick a lesson. */
  | { kind: 'view'; action: 'back' | 'pick' }
  /** A line (zero-based) of the exercise document just checked, from a goal in the results. */
  | { kind: 'line'; line: number };

/** The languages a `snippet:<language>/<name>` link may name. */
export const SNIPPET_LANGUAGES = ['dockerfile', 'dockercompose', 'dockerignore'] as const;

const RULE_ID = /^[a-z0-9-]+$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function splitFragment(text: string): [string, string | undefined] {
  const hash = text.indexOf('#');
  return hash < 0 ? [text, undefined] : [text.slice(0, hash), text.slice(hash + 1) || undefined];
}

/**
 * Reads a link of a page at `pagePath` (relative to the extension root, like
 * `lessons/compose.md`): the lesson schemes (`lesson:`, `rule:`, `snippet:`,
 * `exercise:`), web links, in-page anchors, and relative links to other
 * lessons and rule pages (a rule page's `../../lessons/<id>.md` is a lesson).
 * Anything else is undefined: the view shows its text without a link.
 */
export function resolveLink(href: string, pagePath: string): LinkTarget | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(href);
  if (scheme) {
    const kind = scheme[1].toLowerCase();
    const rest = scheme[2];
    switch (kind) {
      case 'lesson': {
        const [id, fragment] = splitFragment(decode(rest));
        return isLessonId(id) ? { kind: 'lesson', id, fragment } : undefined;
      }
      case 'rule': {
        const [id, fragment] = splitFragment(decode(rest));
        return RULE_ID.test(id) ? { kind: 'rule', id, fragment } : undefined;
      }
      case 'snippet': {
        const text = decode(rest);
        const slash = text.indexOf('/');
        const language = text.slice(0, slash);
        const name = text.slice(slash + 1);
        return slash > 0 && name && (SNIPPET_LANGUAGES as readonly string[]).includes(language)
          ? { kind: 'snippet', language, name }
          : undefined;
      }
      case 'exercise':
        return rest === 'start' || rest === 'check' ? { kind: 'exercise', action: rest } : undefined;
      case 'view':
        return rest === 'back' || rest === 'pick' ? { kind: 'view', action: rest } : undefined;
      case 'line':
        return /^\d{1,7}$/.test(rest) ? { kind: 'line', line: Number(rest) } : undefined;
      case 'http':
      case 'https':
        return { kind: 'external', url: href };
      default:
        return undefined;
    }
  }
  const [file, fragment] = splitFragment(href);
  if (!file) return fragment ? { kind: 'anchor', fragment: decode(fragment) } : undefined;
  if (file.startsWith('/')) return undefined;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(pagePath), decode(file)));
  const lesson = /^lessons\/([a-z0-9-]+)\.md$/.exec(resolved);
  if (lesson && isLessonId(lesson[1])) return { kind: 'lesson', id: lesson[1], fragment: fragment && decode(fragment) };
  const rule = /^docs\/rules\/([a-z0-9-]+)\.md$/.exec(resolved);
  if (rule) return { kind: 'rule', id: rule[1], fragment: fragment && decode(fragment) };
  return undefined;
}

/** The link the view's script sends back when a target is activated; `resolveLink` reads it again. */
export function targetHref(target: LinkTarget): string {
  const withFragment = (base: string, fragment?: string) =>
    fragment ? `${base}#${encodeURIComponent(fragment)}` : base;
  switch (target.kind) {
    case 'lesson':
      return withFragment(`lesson:${target.id}`, target.fragment);
    case 'rule':
      return withFragment(`rule:${target.id}`, target.fragment);
    case 'snippet':
      return `snippet:${target.language}/${encodeURIComponent(target.name)}`;
    case 'exercise':
      return `exercise:${target.action}`;
    case 'external':
      return target.url;
    case 'anchor':
      return `#${encodeURIComponent(target.fragment)}`;
    case 'view':
      return `view:${target.action}`;
    case 'line':
      return `line:${target.line}`;
  }
}

/** Snippet insertion and exercises are actions, so they become buttons; the rest stay links. */
function isAction(target: LinkTarget): boolean {
  return target.kind !== 'lesson' && target.kind !== 'rule' && target.kind !== 'external' && target.kind !== 'anchor';
}

export interface RenderOptions {
  /** The page's path relative to the extension root, for relative links and images. */
  pagePath: string;
  /**
   * The URI the view may load for a local image (its path relative to the
   * extension root), or undefined when it may not: the image is then shown as
   * its alternative text. Remote images are never loaded.
   */
  imageUri?: (extensionPath: string) => string | undefined;
}

export interface RenderedPage {
  /** The page's first H1, as text. */
  title: string;
  html: string;
  /** Links the view cannot follow (shown as plain text). */
  unresolvedLinks: string[];
}

type Token = ReturnType<typeof markdown.parse>[number];

function attr(token: Token, name: string): string {
  const value = token.attrGet(name);
  return value === null || value === undefined ? '' : String(value);
}

function inlineText(token: Token | undefined): string {
  if (!token) return '';
  if (!token.children) return token.content;
  return token.children
    .map((child) =>
      child.type === 'text' || child.type === 'code_inline' ? child.content : child.children ? inlineText(child) : '',
    )
    .join('');
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section'
  );
}

const markdown = createMarkdown();

function createMarkdown() {
  // Raw HTML in a page is shown as text: pages are Markdown, and nothing in them may run or load.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // Code blocks scroll sideways; tabindex lets keyboard users scroll them.
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    const language = token.info.trim().split(/\s+/)[0];
    const cls = /^[\w-]+$/.test(language) ? ` class="language-${language}"` : '';
    return `<pre tabindex="0"><code${cls}>${md.utils.escapeHtml(token.content)}</code></pre>\n`;
  };
  md.renderer.rules.code_block = (tokens, idx) =>
    `<pre tabindex="0"><code>${md.utils.escapeHtml(tokens[idx].content)}</code></pre>\n`;
  // A web link says, for screen readers, that it leaves the editor (an icon says so visually).
  md.renderer.rules.link_close = (tokens, idx, options, _env, self) =>
    (tokens[idx].info === 'external' && !tokens[idx].hidden
      ? '<span class="visually-hidden"> (opens in your browser)</span>'
      : '') + self.renderToken(tokens, idx, options);
  return md;
}

/** Renders a page's Markdown into the HTML the lesson view shows. */
export function renderPage(text: string, options: RenderOptions): RenderedPage {
  const tokens = markdown.parse(text, {});
  const unresolvedLinks: string[] = [];
  const slugs = new Set<string>();
  let title = '';

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') {
      const text = inlineText(tokens[i + 1]);
      let id = slug(text);
      for (let n = 2; slugs.has(id); n++) id = `${slug(text)}-${n}`;
      slugs.add(id);
      token.attrSet('id', id);
      if (token.tag === 'h1' && !title) {
        title = text;
        // The view moves focus here when it shows a new page, so screen readers read the title.
        token.attrSet('tabindex', '-1');
      }
    }
    if ((token.type === 'th_open' || token.type === 'td_open') && token.attrGet('style')) {
      // The view's policy forbids inline styles: alignment becomes a class.
      const align = /text-align:(\w+)/.exec(attr(token, 'style'))?.[1];
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      if (align) token.attrSet('class', `align-${align}`);
    }
    if (token.type === 'thead_open') hideEmptyHead(tokens, i);
    if (token.children) rewriteInline(token.children, options, unresolvedLinks);
  }
  return { title, html: markdown.renderer.render(tokens, markdown.options, {}), unresolvedLinks };
}

/** A table head with no text (the rule pages' `| | |`) is noise on screen and for screen readers: dropped. */
function hideEmptyHead(tokens: Token[], start: number): void {
  const end = tokens.findIndex((t, j) => j > start && t.type === 'thead_close');
  if (end < 0) return;
  const head = tokens.slice(start, end + 1);
  if (head.some((t) => t.type === 'inline' && t.content.trim())) return;
  for (const t of head) t.hidden = true;
}

function rewriteInline(children: Token[], options: RenderOptions, unresolvedLinks: string[]): void {
  for (let i = 0; i < children.length; i++) {
    const token = children[i];
    if (token.type === 'image') {
      rewriteImage(token, options);
      continue;
    }
    if (token.type !== 'link_open') continue;
    const close = children.findIndex((t, j) => j > i && t.type === 'link_close');
    const closing = close >= 0 ? children[close] : undefined;
    const href = attr(token, 'href');
    const target = resolveLink(href, options.pagePath);
    if (!target) {
      unresolvedLinks.push(href);
      token.hidden = true;
      if (closing) closing.hidden = true;
      continue;
    }
    const link = targetHref(target);
    const title = attr(token, 'title');
    if (isAction(target)) {
      token.tag = 'button';
      if (closing) closing.tag = 'button';
      token.attrs = [
        ['type', 'button'],
        ['class', `action action-${target.kind}`],
        ['data-link', link],
      ];
    } else {
      token.attrs = [
        ['href', link],
        ['data-link', link],
      ];
      if (target.kind === 'external') {
        token.attrSet('class', 'external');
        if (closing) closing.info = 'external';
      }
    }
    if (title) token.attrSet('title', title);
  }
}

function rewriteImage(token: Token, options: RenderOptions): void {
  const src = attr(token, 'src');
  const alt = inlineText(token);
  let uri: string | undefined;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(src) && !src.startsWith('/') && options.imageUri) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(options.pagePath), decode(src)));
    if (!resolved.startsWith('../')) uri = options.imageUri(resolved);
  }
  if (uri) {
    token.attrSet('src', uri);
    return;
  }
  // Not a local image the view may load: its description instead.
  token.type = 'text';
  token.content = alt ? `[${alt}]` : '';
  token.children = null;
}

const escape = (text: string): string => markdown.utils.escapeHtml(text);

export interface ShellOptions {
  /** `webview.cspSource`: where the view may load its style sheet and images from. */
  cspSource: string;
  /** A fresh random value per page load; only the script carrying it runs. */
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

/**
 * The document the view loads once; pages and exercise results arrive as
 * messages. Nothing loads from the network, no inline style or script runs,
 * and the exercise results sit in a live region that exists from the start,
 * so screen readers announce them when they arrive.
 */
export function viewShell(options: ShellOptions): string {
  const csp = [
    `default-src 'none'`,
    `style-src ${options.cspSource}`,
    `img-src ${options.cspSource}`,
    `script-src 'nonce-${options.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escape(options.styleUri)}">
<title>Docker Coach</title>
</head>
<body>
<header id="page-header"></header>
<div id="results" class="results" aria-live="polite"></div>
<main id="page"><p>Loading…</p></main>
<footer id="page-footer"></footer>
<script nonce="${escape(options.nonce)}" src="${escape(options.scriptUri)}"></script>
</body>
</html>
`;
}

export interface PageLink {
  href: string;
  title: string;
}

export interface Navigation {
  /** "Lesson 3 of 12". */
  position?: { index: number; total: number };
  previous?: PageLink;
  next?: PageLink;
  /** The page the back button returns to. */
  back?: PageLink;
}

/** The navigation around a page: back to the page before (if any); for a lesson, its position and neighbours in the syllabus. */
export function pageNavigation(page: Page, back: PageLink | undefined): Navigation {
  const nav: Navigation = {};
  if (back) nav.back = back;
  if (page.kind === 'lesson') {
    const index = LESSON_ORDER.indexOf(page.id);
    nav.position = { index: index + 1, total: LESSON_ORDER.length };
    const previous = LESSON_ORDER[index - 1];
    const next = LESSON_ORDER[index + 1];
    if (previous) nav.previous = { href: `lesson:${previous}`, title: LESSONS[previous] };
    if (next) nav.next = { href: `lesson:${next}`, title: LESSONS[next] };
  }
  return nav;
}

/** Links around a page: back, previous and next lesson, the lesson picker. */
export function pageHeader(nav: Navigation): string {
  const parts: string[] = [];
  if (nav.back)
    parts.push(
      `<button type="button" class="nav-button" data-link="view:back"><span aria-hidden="true">← </span>Back to ${escape(nav.back.title)}</button>`,
    );
  if (nav.position)
    parts.push(
      `<span class="position">Lesson ${nav.position.index} of ${nav.position.total}</span><span id="completion" class="badge" hidden>Completed</span>`,
    );
  parts.push(`<button type="button" class="nav-button" data-link="view:pick">All lessons…</button>`);
  return `<nav class="page-nav" aria-label="Lessons">${parts.join('\n')}</nav>`;
}

export function pageFooter(nav: Navigation): string {
  const parts: string[] = [];
  if (nav.previous)
    parts.push(
      `<a class="previous" href="${escape(nav.previous.href)}" data-link="${escape(nav.previous.href)}"><span aria-hidden="true">← </span>Previous lesson: ${escape(nav.previous.title)}</a>`,
    );
  if (nav.next)
    parts.push(
      `<a class="next" href="${escape(nav.next.href)}" data-link="${escape(nav.next.href)}">Next lesson: ${escape(nav.next.title)}<span aria-hidden="true"> →</span></a>`,
    );
  return parts.length
    ? `<nav class="page-nav footer-nav" aria-label="Previous and next lesson">${parts.join('\n')}</nav>`
    : '';
}
