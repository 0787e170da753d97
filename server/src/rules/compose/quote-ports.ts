import { isScalar, isSeq, Scalar } from 'yaml';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

/**
 * YAML 1.1's base-60 integers: `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+` in the type
 * repository (PyYAML, which docker-compose 1.x used), with a leading 0 also
 * taken by some parsers (the `yaml` package in 1.1 mode). `22:22` is 1342, while
 * `80:80` is no number: every part after the first must be below 60.
 */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;

/** The number a YAML 1.1 parser reads for a base-60 value (`22:22` → 1342). */
export function sexagesimalValue(text: string): number | null {
  if (!SEXAGESIMAL.test(text)) return null;
  const sign = text.startsWith('-') ? -1 : 1;
  const parts = text.replace(/^[-+]/, '').replace(/_/g, '').split(':');
  return sign * parts.reduce((value, part) => value * 60 + Number(part), 0);
}

export default defineComposeRule({
  id: 'quote-ports',
  title: 'Quote port mappings that YAML 1.1 reads as numbers',
  defaultSeverity: 'info',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'require-quotes-in-ports' }],
  lesson: 'compose',
  fix: 'safe',
  messages: {
    unquoted:
      'Quote the port mapping "{port}": unquoted, a YAML 1.1 parser reads it as the base-60 number {number}. Docker Compose v2 reads it as written, older docker-compose 1.x and other YAML 1.1 tools do not.',
  },
  docs: {
    flags: `An unquoted short-syntax port mapping in \`ports\` that YAML 1.1 reads as a base-60 (sexagesimal)
      integer: digits, then one or more \`:\` parts that are each below 60, such as \`22:22\`, \`2222:22\` or \`53:53\`.
      Mappings like \`8080:80\`, \`80:80\` or \`3000:3000\` (a part of 60 or more), \`53:53/udp\` (a protocol),
      \`127.0.0.1:22:22\` (an address), ranges and lone numbers stay strings in every YAML version and are not
      flagged; quoting them is optional (dclint, by default, asks for quotes around every port, also in
      \`expose\`, and for single quotes only).`,
    why: `YAML 1.1 has base-60 integers: \`22:22\` is 22 × 60 + 22 = 1342. Docker Compose v2 (compose-go, on a
      YAML parser that never reads base-60) keeps the value as written, but docker-compose 1.x (PyYAML) and
      other YAML 1.1 tools that read the same file get a number, and an invalid or wrong port with it. Quoting
      makes the value a string everywhere. Only values that YAML can misread need the quotes: the same rule
      makes \`no-quotes-in-volumes\` leave alone volume quotes that matter. It is information rather than a
      warning because Docker Compose v2 itself reads these values correctly.`,
    bad: [
      {
        code: `services:
  ssh:
    image: example/sshd:9.6
    ports:
      - 2222:22
`,
        fixed: `services:
  ssh:
    image: example/sshd:9.6
    ports:
      - "2222:22"
`,
        expect: [{ messageId: 'unquoted', line: 5, column: 9, text: '2222:22' }],
      },
      {
        caption: 'DNS, in a flow sequence',
        code: `services:
  dns:
    image: example/dns:2.1
    ports: [53:53]
`,
        fixed: `services:
  dns:
    image: example/dns:2.1
    ports: ["53:53"]
`,
        expect: [{ messageId: 'unquoted', line: 4, column: 13, text: '53:53' }],
      },
    ],
    good: [
      {
        code: `services:
  ssh:
    image: example/sshd:9.6
    ports:
      - "2222:22"
      - '127.0.0.1:8022:22'
`,
      },
      {
        caption: 'Values no YAML version reads as a number',
        code: `services:
  web:
    image: example/web:1.0
    ports:
      - 8080:80
      - 3000:3000
      - 53:53/udp
      - 127.0.0.1:2222:22
      - 9000
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('ports');
      if (!entry || !isSeq(entry.value)) continue;
      for (const item of entry.value.items) {
        if (!isScalar(item) || item.type !== Scalar.PLAIN || typeof item.value !== 'string' || !item.range) continue;
        const number = sexagesimalValue(item.value);
        if (number === null) continue;
        const range = findingRange(model, service, entry, item);
        if (!range) continue;
        const [start, end] = item.range;
        const port = item.value;
        const safeToQuote = !/["\\]/.test(port) && model.text.slice(start, end) === port;
        report({
          messageId: 'unquoted',
          data: { port, number: String(number) },
          range,
          fixes:
            entry.merged || !safeToQuote
              ? undefined
              : () => [
                  {
                    title: 'Quote the port mapping',
                    safe: true,
                    preferred: true,
                    edits: [{ range: model.rangeOf(start, end), newText: `"${port}"` }],
                  },
                ],
        });
      }
    }
  },
});
