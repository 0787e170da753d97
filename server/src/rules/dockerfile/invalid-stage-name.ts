import { TextEdit } from 'vscode-languageserver-types';
import { levenshtein } from '../../util/distance';
import { defineDockerfileRule } from '../types';

/** BuildKit's stage name pattern, checked after it lower-cases the name. */
const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export default defineDockerfileRule({
  id: 'invalid-stage-name',
  title: 'FROM … AS <name> as BuildKit reads it',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'multi-stage-builds',
  fix: 'unsafe',
  messages: {
    name: '"{name}" is not a valid stage name: it must start with a letter and contain only letters, digits, "-", "_" and ".".',
    notAs: 'FROM expects AS between the image and the stage name, not "{word}".',
    missingName: 'AS needs a stage name after it.',
    extra: 'FROM takes an image and an optional "AS <name>": "{word}" is one word too many.',
  },
  docs: {
    flags: `A \`FROM\` whose arguments are not \`image\` or \`image AS name\` (BuildKit: "FROM requires either one
      or three arguments"), such as a misspelt \`AS\`, an \`AS\` without a name, or words after the name; and a
      stage name that does not start with a letter or contains other characters than letters, digits, \`-\`, \`_\`
      and \`.\`. Upper-case names are valid (BuildKit lower-cases them; see
      [stage-name-casing](stage-name-casing.md)).`,
    why: `BuildKit refuses the whole Dockerfile when one FROM line is malformed. The quick fix replaces a
      misspelt \`AS\`.`,
    bad: [
      {
        code: `FROM golang:1.22 AS 1build
RUN go version
FROM alpine:3.20
USER nobody
`,
        expect: [{ messageId: 'name', line: 1, column: 21, text: '1build' }],
      },
      {
        code: `FROM golang:1.22 SA build
RUN go version
FROM alpine:3.20
USER nobody
`,
        fixed: `FROM golang:1.22 AS build
RUN go version
FROM alpine:3.20
USER nobody
`,
        expect: [{ messageId: 'notAs', line: 1, column: 18, text: 'SA' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS build-1.22
RUN go version
FROM alpine:3.20
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const args = stage.from.getArguments();
      if (args.length <= 1) continue;
      const as = args[1];
      const asWord = as.getValue();
      if (asWord.toLowerCase() !== 'as') {
        if (args.length === 3) {
          const likelyAs =
            (asWord.length <= 3 && levenshtein(asWord.toLowerCase(), 'as') <= 1) || asWord.toLowerCase() === 'sa';
          const written = stage.from.getInstruction();
          const keyword = written === written.toLowerCase() ? 'as' : 'AS';
          report({
            messageId: 'notAs',
            data: { word: asWord },
            range: as.getRange(),
            fixes: likelyAs
              ? () => [
                  { title: `Change to ${keyword}`, safe: false, edits: [TextEdit.replace(as.getRange(), keyword)] },
                ]
              : undefined,
          });
        } else {
          report({ messageId: 'extra', data: { word: asWord }, range: as.getRange() });
        }
        continue;
      }
      if (args.length === 2) {
        report({ messageId: 'missingName', range: as.getRange() });
        continue;
      }
      const name = args[2].getValue();
      if (!VALID_STAGE_NAME.test(name.toLowerCase()))
        report({ messageId: 'name', data: { name }, range: args[2].getRange() });
      if (args.length > 3) {
        report({
          messageId: 'extra',
          data: { word: args[3].getValue() },
          range: { start: args[3].getRange().start, end: args[args.length - 1].getRange().end },
        });
      }
    }
  },
});
