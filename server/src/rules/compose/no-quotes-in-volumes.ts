import { isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

/** True when `text` written without quotes is the same string in `version` (no comment, indicator or type change). */
function plainIsSameIn(text: string, version: '1.1' | '1.2'): boolean {
  const doc = parseDocument(`- ${text}\n`, { version });
  if (doc.errors.length > 0) return false;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.items.length !== 1) return false;
  const item = seq.items[0];
  return isScalar(item) && item.type === Scalar.PLAIN && item.value === text;
}

/**
 * True when `text` needs no quotes: YAML 1.2 (Compose) and YAML 1.1 (older
 * tools, the reason `quote-ports` exists) both read the plain value as the same
 * string, so no number (`22:22`), boolean (`yes`) or date is made of it.
 */
function plainIsSame(text: string, inFlow: boolean): boolean {
  if (text === '' || /[\n\r\t]/.test(text) || (inFlow && /[,[\]{}]/.test(text))) return false;
  return plainIsSameIn(text, '1.2') && plainIsSameIn(text, '1.1');
}

export default defineComposeRule({
  id: 'no-quotes-in-volumes',
  title: 'Write volume mappings without quotes',
  defaultSeverity: 'hint',
  category: 'style',
  equivalents: [{ tool: 'dclint', id: 'no-quotes-in-volumes' }],
  lesson: 'volumes',
  fix: 'safe',
  messages: {
    quoted: 'The quotes around this volume mapping are not needed.',
  },
  docs: {
    flags: `A quoted short-syntax entry in a service's \`volumes\` whose value is the same string without
      quotes, in YAML 1.2 (Compose) and YAML 1.1 (older tools) alike (a style preference, reported as a hint;
      entries that need their quotes are left alone).`,
    why: `Volume mappings are plain paths and names, and YAML reads them as strings without quotes. Writing
      them one way keeps the file consistent. Quotes are needed only where YAML would read the plain value as
      something else: YAML syntax such as \`: \` or \` #\`, or a value that YAML 1.1 turns into a number, boolean or
      date (\`yes\`, \`22:22\`, \`2024-01-01\`; unusual in volumes, whose targets are paths). That is the same line
      \`quote-ports\` draws for ports, so the two rules never ask to add and remove the same quotes.`,
    bad: [
      {
        code: `services:
  app:
    image: example/app:1.0
    volumes:
      - "./config:/etc/app:ro"
`,
        fixed: `services:
  app:
    image: example/app:1.0
    volumes:
      - ./config:/etc/app:ro
`,
        expect: [{ messageId: 'quoted', line: 5, column: 9, text: '"./config:/etc/app:ro"' }],
      },
    ],
    good: [
      {
        code: `services:
  app:
    image: example/app:1.0
    volumes:
      - ./config:/etc/app:ro
      - "./notes #1:/notes"
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('volumes');
      if (!entry || !isSeq(entry.value)) continue;
      const inFlow = entry.value.flow === true;
      for (const item of entry.value.items) {
        if (
          !isScalar(item) ||
          (item.type !== Scalar.QUOTE_DOUBLE && item.type !== Scalar.QUOTE_SINGLE) ||
          typeof item.value !== 'string' ||
          !item.range
        )
          continue;
        const text = item.value;
        if (!plainIsSame(text, inFlow)) continue;
        const range = findingRange(model, service, entry, item);
        if (!range) continue;
        const [start, end] = item.range;
        report({
          messageId: 'quoted',
          range,
          fixes: entry.merged
            ? undefined
            : () => [
                {
                  title: 'Remove the quotes',
                  safe: true,
                  preferred: true,
                  edits: [{ range: model.rangeOf(start, end), newText: text }],
                },
              ],
        });
      }
    }
  },
});
