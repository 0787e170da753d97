import { Arg, Env, Instruction, Label, ModifiableInstruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { insertLinesAfter, keywordInDocumentCase } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import {
  argDeclarations,
  BUILDKIT_ARGS,
  EXPANDED_IN_STAGE,
  looksLikeSecretName,
  PLATFORM_ARGS,
  PROXY_ARGS,
  suggestName,
  variableReferences,
  variableScopes,
  VariableReference,
} from '../../dockerfile/variables';
import { defineDockerfileRule, FixProposal } from '../types';

/** Instructions whose words BuildKit expands (RUN, CMD, ENTRYPOINT, HEALTHCHECK and SHELL leave `$` to the shell). */
const EXPANDED_FLAGS = new Set(['chown', 'chmod']);
const ALWAYS_DEFINED = new Set(['PATH', ...PROXY_ARGS, ...BUILDKIT_ARGS]);

export default defineDockerfileRule({
  id: 'undefined-var',
  title: 'Variables must be defined before they are used',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'buildkit', id: 'UndefinedVar' }],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    global: '${name} is a global ARG: it is not visible inside a stage until the stage declares "ARG {name}".',
    platform: '${name} is predefined only for FROM lines: declare "ARG {name}" in this stage to use it.',
    suggest: '${name} is not defined before this instruction (did you mean ${suggestion}?).',
    suggestOnImage:
      '${name} is not defined by an ARG or ENV of this Dockerfile before this instruction (did you mean ${suggestion}?); unless the base image {image} sets it, it expands to an empty string.',
    undefined: '${name} is not defined by any ARG or ENV before this instruction: it expands to an empty string.',
    undefinedOnImage:
      '${name} is not defined by an ARG or ENV of this Dockerfile before this instruction; it may come from the base image {image}, otherwise it expands to an empty string.',
  },
  docs: {
    flags: `A \`$VAR\` in an instruction that Docker expands itself (\`ADD\`, \`COPY\` and their
      \`--chown\`/\`--chmod\`, \`ENV\`, \`ARG\` defaults, \`EXPOSE\`, \`LABEL\`, \`STOPSIGNAL\`, \`USER\`, \`VOLUME\`, \`WORKDIR\`)
      when no \`ARG\` or \`ENV\` before it defines the variable in the stage or in the stage it is built on (\`ARG A
      B=1\` declares both names). Global ARGs and the platform arguments (\`TARGETARCH\`…) used in a stage without
      \`ARG NAME\` are always reported. Variables in \`RUN\`, \`CMD\` and \`ENTRYPOINT\` are the shell's business and
      are not checked. BuildKit's own UndefinedVar check runs while it builds: it has pulled the base image, so
      the image's ENV (\`GOPATH\` in \`golang\`, \`PHP_INI_DIR\` in \`php\`, \`JAVA_HOME\`…) counts as defined, and it
      suggests the closest defined name. Without the image we only know what the Dockerfile defines. So in a
      stage that starts from \`scratch\` (directly or through earlier stages) every unknown name is reported, with
      BuildKit's suggestion (a defined name within two edits, \`PATH\` included since BuildKit always sets it). In
      a stage built on an image, an unknown name is reported only when a name this Dockerfile defines is within
      two edits of it (\`$APP_HOM\` next to \`ENV APP_HOME\`), or when it is one typo away from the variable the
      same \`ENV\` sets (\`ENV PATH=$PAHT:/opt/bin\`: one character changed, added, dropped or swapped with its
      neighbour, so \`$GOPATH\` in \`ENV PATH=…\` is left alone), saying the image could still set it; a lower-case
      unknown name (image variables are upper case by convention) gets a milder note that it may come from the
      image; any other name is left alone.`,
    why: `An undefined variable silently expands to an empty string: \`COPY app-$VERSION.jar /app/\` copies
      the wrong path, \`WORKDIR $APP_HOME\` goes to \`/\`. The most common causes are typos and ARGs that were
      declared before the first FROM (or the predefined \`TARGETARCH\`), which a stage only sees after repeating
      \`ARG NAME\`.`,
    bad: [
      {
        caption: 'A typo',
        code: `FROM alpine:3.20
ENV APP_HOME=/srv/app
WORKDIR $APP_HOM
USER nobody
`,
        fixed: `FROM alpine:3.20
ENV APP_HOME=/srv/app
WORKDIR $APP_HOME
USER nobody
`,
        expect: [{ messageId: 'suggestOnImage', line: 3, column: 10, text: 'APP_HOM' }],
      },
      {
        caption: 'A global ARG used in a stage',
        code: `ARG VERSION=1.4.2
FROM alpine:3.20
LABEL org.opencontainers.image.version=$VERSION
USER nobody
`,
        fixed: `ARG VERSION=1.4.2
FROM alpine:3.20
ARG VERSION
LABEL org.opencontainers.image.version=$VERSION
USER nobody
`,
        expect: [{ messageId: 'global', line: 3, column: 41, text: 'VERSION' }],
      },
      {
        caption: 'A typo of the variable being extended',
        code: `FROM python:3.12-slim
ENV PATH=$PAHT:/opt/venv/bin
USER nobody
`,
        fixed: `FROM python:3.12-slim
ENV PATH=$PATH:/opt/venv/bin
USER nobody
`,
        expect: [{ messageId: 'suggestOnImage', line: 2, column: 11, text: 'PAHT' }],
      },
      {
        caption: 'A platform argument used in a stage',
        code: `FROM alpine:3.20
COPY dist/app-\${TARGETARCH} /usr/local/bin/app
USER nobody
`,
        expect: [{ messageId: 'platform', line: 2, column: 17, text: 'TARGETARCH' }],
      },
    ],
    good: [
      {
        code: `ARG VERSION=1.4.2
FROM alpine:3.20
ARG VERSION
ARG TARGETARCH
LABEL org.opencontainers.image.version=$VERSION
COPY dist/app-\${TARGETARCH} /usr/local/bin/app
USER nobody
`,
      },
      {
        caption: 'ENV of the base image (here JAVA_HOME) cannot be known and is not reported',
        code: `FROM eclipse-temurin:21-jre
COPY app.jar $JAVA_HOME/lib/app.jar
USER nobody
`,
      },
      {
        caption: 'Nor is a name close to PATH on an image: golang images set GOPATH',
        code: `FROM golang:1.22
COPY . $GOPATH/src/app
USER nobody
`,
      },
      {
        caption: 'Another variable of the image in the value of ENV PATH',
        code: `FROM golang:1.22
ENV PATH=$GOPATH/bin:$PATH
USER nobody
`,
      },
      {
        caption: 'One ARG may declare several names',
        code: `FROM alpine:3.20
ARG NAME VERSION=1.0
LABEL org.opencontainers.image.title=$NAME org.opencontainers.image.version=$VERSION
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const scopes = variableScopes(model);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!EXPANDED_IN_STAGE.has(instruction.getKeyword())) continue;
        const refs = referencesIn(model, instruction);
        if (refs.length === 0) continue;
        const scope = scopes.scopeAt(instruction)!;
        for (const ref of refs) {
          const name = ref.name;
          if (scope.defined.has(name) || ALWAYS_DEFINED.has(name)) continue;
          const range = model.rangeOf(ref.nameStart, ref.nameEnd);
          const declare = (): FixProposal[] =>
            looksLikeSecretName(name)
              ? []
              : [
                  {
                    title: `Declare ARG ${name} in this stage`,
                    safe: false,
                    edits: [insertLinesAfter(model, stage.from, [`${keywordInDocumentCase(model, 'ARG')} ${name}`])],
                  },
                ];
          if (scopes.globals.has(name)) {
            report({ messageId: 'global', data: { name }, range, fixes: declare });
            continue;
          }
          if (PLATFORM_ARGS.includes(name)) {
            report({ messageId: 'platform', data: { name }, range, fixes: declare });
            continue;
          }
          // On an image, only names this Dockerfile defines are candidates: the image's own ENV
          // (GOPATH, PHP_INI_DIR…) is unknown here, so "did you mean $PATH?" would be a guess.
          const image = scope.baseImage;
          const suggestion =
            suggestName(name, image === null ? [...scope.defined.keys(), 'PATH'] : scope.defined.keys()) ??
            (ref.setting !== undefined && oneEditApart(name, ref.setting) ? ref.setting : null);
          const replace = (to: string) => () => [
            { title: `Use ${to}`, safe: false, edits: [TextEdit.replace(range, to)] },
          ];
          if (image === null) {
            if (suggestion)
              report({ messageId: 'suggest', data: { name, suggestion }, range, fixes: replace(suggestion) });
            else report({ messageId: 'undefined', data: { name }, range });
          } else if (suggestion) {
            report({
              messageId: 'suggestOnImage',
              data: { name, suggestion, image },
              range,
              fixes: replace(suggestion),
            });
          } else if (name !== name.toUpperCase()) {
            report({ messageId: 'undefinedOnImage', data: { name, image }, range, milder: true });
          }
        }
      }
    }
  },
});

/**
 * One typo apart: one character changed, added or dropped, or two neighbours
 * swapped (`PAHT` for `PATH`). `GOPATH` is not one edit from `PATH`.
 */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  if (a.length === b.length) {
    return (
      a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  }
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

/** A reference in the value of `ENV NAME=…` knows NAME: `ENV PATH=$PAHT:/x` meant PATH itself. */
type ExpandedReference = VariableReference & { setting?: string };

/** The references BuildKit expands in an instruction: values of ARG/ENV/LABEL, other arguments, --chown/--chmod. */
function referencesIn(model: DockerfileModel, instruction: Instruction): ExpandedReference[] {
  // Every reference starts with `$`: most instructions have none, and need no look at their parts.
  if (!instruction.getTextContent().includes('$')) return [];
  const escape = model.escapeChar;
  const slice = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    const start = model.offsetAt(range.start);
    return variableReferences(model.text.slice(start, model.offsetAt(range.end)), start, escape);
  };
  if (instruction instanceof Arg) {
    return argDeclarations(model, instruction).flatMap((d) => (d.valueRange ? slice(d.valueRange) : []));
  }
  if (instruction instanceof Env || instruction instanceof Label) {
    const isEnv = instruction instanceof Env;
    return instruction.getProperties().flatMap((p) => {
      const range = p.getValueRange();
      if (!range) return [];
      const refs = slice(range);
      const setting = p.getName();
      return isEnv && setting ? refs.map((r) => ({ ...r, setting })) : refs;
    });
  }
  const refs: VariableReference[] = [];
  if (instruction instanceof ModifiableInstruction) {
    for (const flag of instruction.getFlags()) {
      const range = flag.getValueRange();
      if (range && EXPANDED_FLAGS.has(flag.getName().toLowerCase())) refs.push(...slice(range));
    }
  }
  const args = instruction.getArguments();
  if (args.length === 0) return refs;
  // Heredoc bodies (COPY <<EOF) are file contents, not Dockerfile words.
  if (args.some((a) => a.getValue().startsWith('<<'))) return refs;
  refs.push(...slice({ start: args[0].getRange().start, end: args[args.length - 1].getRange().end }));
  return refs;
}
