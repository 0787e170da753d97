/**
 * The lesson texts: one per lesson id, titled as the lesson, short, and every
 * link in them resolves (other lessons, rules, snippets, files). Every rule
 * that points at a lesson is named by that lesson.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { LESSONS, LESSON_ORDER, isLessonId } from '../../server/src/protocol';
import { RULES } from '../../server/src/rules/registry';

const root = path.resolve(__dirname, '../../..');
const lessonsDir = path.join(root, 'lessons');
const markdown = new MarkdownIt();

/** The snippet files by the language id a `snippet:<language>/<name>` link names (as in package.json). */
const SNIPPET_FILES: Record<string, string> = {
  dockerfile: 'snippets/dockerfile.json',
  dockercompose: 'snippets/compose.json',
  dockerignore: 'snippets/dockerignore.json',
};

function lessonText(id: string): string {
  return fs.readFileSync(path.join(lessonsDir, `${id}.md`), 'utf8');
}

/** Words a reader reads: prose and link texts, not fenced code or link targets. */
function proseWords(text: string): number {
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, ' ').replace(/\]\((?:<[^>]*>|[^)\s]*)\)/g, '] ');
  return prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Every link target in the rendered lesson, decoded as the lesson view decodes it. */
function linkTargets(text: string): string[] {
  const targets: string[] = [];
  const visit = (tokens: ReturnType<typeof markdown.parse>): void => {
    for (const token of tokens) {
      if (token.type === 'link_open') targets.push(decodeURIComponent(String(token.attrGet('href') ?? '')));
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(text, {}));
  return targets;
}

function snippetNames(language: string): Set<string> {
  const file = SNIPPET_FILES[language];
  return new Set(file ? Object.keys(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'))) : []);
}

describe('lessons', () => {
  const ruleIds = new Set(RULES.map((r) => r.id));

  it('there is exactly one Markdown file per lesson', () => {
    const files = fs
      .readdirSync(lessonsDir)
      .filter((f) => f.endsWith('.md'))
      .sort();
    assert.deepStrictEqual(files, LESSON_ORDER.map((id) => `${id}.md`).sort());
  });

  for (const id of LESSON_ORDER) {
    describe(id, () => {
      it('starts with the lesson title as its only H1', () => {
        const text = lessonText(id);
        assert.strictEqual(text.split('\n')[0], `# ${LESSONS[id]}`);
        const h1s = markdown.parse(text, {}).filter((t) => t.type === 'heading_open' && t.tag === 'h1');
        assert.strictEqual(h1s.length, 1);
      });

      it('reads in a few minutes (400 to 1,200 words)', () => {
        const words = proseWords(lessonText(id));
        assert.ok(words >= 400 && words <= 1200, `${id} has ${words} words`);
      });

      it('has only closed code fences in known languages', () => {
        const fences = lessonText(id).match(/^```.*$/gm) ?? [];
        assert.strictEqual(fences.length % 2, 0, 'an unclosed code fence');
        for (let i = 0; i < fences.length; i += 2) {
          assert.ok(
            ['```dockerfile', '```yaml', '```sh', '```text', '```gitignore'].includes(fences[i]),
            `fence ${fences[i]}`,
          );
        }
      });

      it('links only to things that exist', () => {
        for (const target of linkTargets(lessonText(id))) {
          const scheme = /^([a-z]+):(.*)$/.exec(target);
          if (!scheme) {
            const file = target.split('#')[0];
            if (file) assert.ok(fs.existsSync(path.resolve(lessonsDir, file)), `${id}: no file ${target}`);
            continue;
          }
          const [, kind, rest] = scheme;
          switch (kind) {
            case 'lesson':
              assert.ok(isLessonId(rest) && rest !== id, `${id}: lesson link ${target}`);
              break;
            case 'rule':
              assert.ok(ruleIds.has(rest), `${id}: no rule ${rest}`);
              break;
            case 'snippet': {
              const slash = rest.indexOf('/');
              assert.ok(
                slash > 0 && snippetNames(rest.slice(0, slash)).has(rest.slice(slash + 1)),
                `${id}: no snippet ${rest}`,
              );
              break;
            }
            case 'exercise':
              assert.ok(rest === 'start' || rest === 'check', `${id}: exercise link ${target}`);
              break;
            default:
              assert.fail(`${id}: unexpected link ${target}`);
          }
        }
      });

      it('has no link Markdown fails to parse (a target with spaces needs <angle brackets>)', () => {
        const text = lessonText(id);
        const written = (text.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '').match(/\]\(/g) ?? []).length;
        assert.strictEqual(linkTargets(text).length, written);
      });

      it('names every rule that points at it', () => {
        const linked = new Set(
          linkTargets(lessonText(id))
            .filter((t) => t.startsWith('rule:'))
            .map((t) => t.slice('rule:'.length)),
        );
        const missing = RULES.filter((r) => r.lesson === id && !linked.has(r.id)).map((r) => r.id);
        assert.deepStrictEqual(missing, [], `${id} does not link these rules`);
      });

      it('offers both exercise links or neither', () => {
        const targets = linkTargets(lessonText(id));
        assert.strictEqual(targets.includes('exercise:start'), targets.includes('exercise:check'));
      });
    });
  }

  it('every rule page links to its lesson file', () => {
    for (const rule of RULES) {
      const link = `../../lessons/${rule.lesson}.md`;
      const page = fs.readFileSync(path.join(root, 'docs/rules', `${rule.id}.md`), 'utf8');
      assert.ok(page.includes(`](${link})`), `docs/rules/${rule.id}.md does not link ${link}`);
      assert.ok(fs.existsSync(path.resolve(root, 'docs/rules', link)), `${link} from docs/rules/${rule.id}.md`);
    }
  });

  it('counts prose words, not code or link targets', () => {
    assert.strictEqual(
      proseWords('# A title\n\nSee [the rule](rule:non-root-user).\n\n```sh\ndocker run --rm -it alpine sh\n```\n'),
      5,
    );
  });
});
