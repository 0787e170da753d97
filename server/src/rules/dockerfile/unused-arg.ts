import { Arg, Instruction } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { PROXY_ARGS } from '../../dockerfile/buildArgs';
import { deleteInstructionLines } from '../../dockerfile/edits';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { argDeclarations } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

/**
 * Arguments Docker or BuildKit consume without a `$` reference: the proxy
 * arguments, SOURCE_DATE_EPOCH and BuildKit's own (`BUILDKIT_SBOM_SCAN_STAGE`…).
 */
const PREDEFINED = new Set([...PROXY_ARGS, 'SOURCE_DATE_EPOCH']);
const BUILDKIT_ARG = /^BUILDKIT_/;

interface Declared {
  name: string;
  instruction: Arg;
  range: Range;
}

/** The names an ARG declares (`ARG A B=2 C="x y"`), each with the range of its name, as BuildKit splits them. */
function declarations(model: DockerfileModel, instruction: Arg): Declared[] {
  return argDeclarations(model, instruction).map((d) => ({ name: d.name, instruction, range: d.nameRange }));
}

/** The stages built directly on each stage (`FROM base`). */
function childrenOf(model: DockerfileModel): Map<Stage, Stage[]> {
  const children = new Map<Stage, Stage[]>();
  for (const stage of model.stages) {
    if (!stage.fromStage) continue;
    const list = children.get(stage.fromStage);
    if (list) list.push(stage);
    else children.set(stage.fromStage, [stage]);
  }
  return children;
}

/** The stages built on `stage`, directly or through other stages: they inherit its ARGs. In file order. */
function descendantsOf(children: Map<Stage, Stage[]>, stage: Stage): Stage[] {
  const found = new Set<Stage>();
  const queue = [...(children.get(stage) ?? [])];
  for (let next = queue.pop(); next; next = queue.pop()) {
    if (found.has(next) || next === stage) continue;
    found.add(next);
    queue.push(...(children.get(next) ?? []));
  }
  return [...found].sort((a, b) => a.index - b.index);
}

/** PowerShell's `$env:NAME` and cmd's `%NAME%`: how Windows shells read build arguments (case-insensitively). */
const WINDOWS_REFERENCE = /\$env:([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_]*)%/gi;

/**
 * The names `instruction.getVariables()` lists, without the cost of that call:
 * dockerfile-ast resolves every variable it finds (its value, whether it is a
 * build variable) by walking every instruction and stage of the file, which
 * makes a whole-file pass quadratic. Only the names matter here, so
 * dockerfile-ast's own `getVariables` runs on a stand-in receiver that holds the
 * instruction's document and escape character and whose resolution answers at
 * once: the names are exactly dockerfile-ast's. If a future dockerfile-ast
 * lacks these internals, the plain call is used.
 */
export function variableNames(instruction: Instruction): string[] {
  const own = instruction as unknown as Partial<ResolutionFree>;
  if (
    typeof VARIABLES_OF !== 'function' ||
    typeof PARSE_VARIABLES !== 'function' ||
    own.document === undefined ||
    own.escapeChar === undefined
  ) {
    return instruction.getVariables().map((v) => v.getName());
  }
  // One reusable receiver (a single object shape), so no per-instruction objects or prototype changes.
  RECEIVER.document = own.document;
  RECEIVER.escapeChar = own.escapeChar;
  RECEIVER.source = instruction;
  try {
    return (VARIABLES_OF.call(RECEIVER) as { getName(): string }[]).map((v) => v.getName());
  } finally {
    RECEIVER.source = null;
  }
}

/** What dockerfile-ast's `getVariables` reads from its receiver, with variable resolution answering at once. */
interface ResolutionFree {
  document: unknown;
  escapeChar: string;
  source: Instruction | null;
  dockerfile: { resolveVariable(): undefined; getInitialARGs(): never[] };
  isBuildVariable(): undefined;
  getRawArguments(): unknown;
  parseVariables: unknown;
}
const INSTRUCTION_METHODS = Instruction.prototype as unknown as Record<string, unknown>;
const VARIABLES_OF = INSTRUCTION_METHODS.getVariables as ((this: ResolutionFree) => unknown) | undefined;
const PARSE_VARIABLES = INSTRUCTION_METHODS.parseVariables;
const RECEIVER: ResolutionFree = {
  document: null,
  escapeChar: '\\',
  source: null,
  dockerfile: { resolveVariable: () => undefined, getInitialARGs: () => [] },
  isBuildVariable: () => undefined,
  getRawArguments(this: ResolutionFree) {
    return (this.source as unknown as { getRawArguments(): unknown }).getRawArguments();
  },
  parseVariables: PARSE_VARIABLES,
};

/**
 * Where each name is referenced last among `instructions` (by index), plain
 * `$NAME` references and Windows references (lower-cased) apart.
 */
class LastReferences {
  private readonly names = new Map<string, number>();
  private readonly windows = new Map<string, number>();

  constructor(instructions: readonly Instruction[]) {
    instructions.forEach((instruction, index) => {
      for (const name of variableNames(instruction)) this.names.set(name, index);
      const keyword = instruction.getKeyword();
      if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
        for (const match of instruction.getTextContent().matchAll(WINDOWS_REFERENCE))
          this.windows.set((match[1] ?? match[2]).toLowerCase(), index);
      }
    });
  }

  /** Whether an instruction after `index` refers to `name`. */
  usedAfter(name: string, index: number): boolean {
    return (this.names.get(name) ?? -1) > index || (this.windows.get(name.toLowerCase()) ?? -1) > index;
  }
}

export default defineDockerfileRule({
  id: 'unused-arg',
  title: 'Remove build arguments nothing uses',
  defaultSeverity: 'hint',
  category: 'maintainability',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    unused:
      'ARG {name} is never used: no later instruction of its stage refers to it, and no RUN follows that could read it from its environment.',
    unusedGlobal:
      'ARG {name} is declared before the first FROM but no FROM uses it and no stage declares it again: remove it, or add "ARG {name}" to the stage that needs it.',
  },
  docs: {
    flags: `An \`ARG\` nothing can use: a stage's \`ARG\` with no \`$NAME\`/\`\${NAME}\` in a later instruction of that
      stage or of a stage built on it (\`FROM <stage>\` inherits the ARGs), and no \`RUN\` after it in either; or a
      global \`ARG\` (before the first \`FROM\`) that no \`FROM\` uses and no stage declares again. A stage \`ARG\`
      followed by a \`RUN\` is never reported: BuildKit puts every ARG in scope into the environment of each
      \`RUN\`, and programs read it from there without a \`$\` in the Dockerfile (the \`xx-*\` cross-compilation
      helpers read \`TARGETPLATFORM\`, \`make\` reads its variables, apt reads \`DEBIAN_FRONTEND\`). One \`ARG\` may
      declare several names (\`ARG A B=1\`); a quoted default (\`ARG FLAGS="--jobs=8 --quiet"\`) is one value. Proxy
      arguments (\`HTTP_PROXY\`…), \`SOURCE_DATE_EPOCH\` and \`BUILDKIT_*\` arguments, which BuildKit reads itself,
      are never reported.`,
    why: `An unused \`ARG\` suggests a setting that does nothing: \`docker build --build-arg\` accepts it
      silently, and readers look for the place that uses it. Often it is a leftover, or it was meant for another
      stage: an \`ARG\` only exists in the stage that declares it (and the stages built on it), and a global \`ARG\`
      reaches a stage only when that stage declares it again.`,
    bad: [
      {
        caption: 'Nothing after the ARG refers to it, and no RUN could read it',
        code: `FROM alpine:3.20
ARG VERSION=1.0
COPY app /usr/local/bin/app
USER nobody
`,
        fixed: `FROM alpine:3.20
COPY app /usr/local/bin/app
USER nobody
`,
        expect: [{ messageId: 'unused', line: 2, column: 5, text: 'VERSION' }],
      },
      {
        caption: 'A global ARG does not reach the stage by itself',
        code: `ARG VERSION=1.0
FROM alpine:3.20
RUN echo "building $VERSION"
USER nobody
`,
        expect: [{ messageId: 'unusedGlobal', line: 1, column: 5, text: 'VERSION' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
ARG VERSION=1.0
RUN echo "building \${VERSION}"
USER nobody
`,
      },
      {
        code: `ARG ALPINE_VERSION=3.20
FROM alpine:\${ALPINE_VERSION}
ARG ALPINE_VERSION
LABEL org.opencontainers.image.base.name="alpine:\${ALPINE_VERSION}"
USER nobody
`,
      },
      {
        caption: 'A RUN reads it from its environment (xx-go reads TARGETPLATFORM)',
        code: `FROM --platform=$BUILDPLATFORM golang:1.22-alpine
COPY --from=tonistiigi/xx:1.6.1 /usr/bin/xx-* /usr/bin/
ARG TARGETPLATFORM
RUN xx-go build -o /out/app .
USER nobody
`,
      },
      {
        caption: 'A stage built on this one uses it',
        code: `FROM alpine:3.20 AS base
ARG FLAGS="-i 2 -ci"
FROM base
LABEL flags=$FLAGS
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const exempt = (name: string) => PREDEFINED.has(name) || BUILDKIT_ARG.test(name);
    const fixFor = (declared: Declared) =>
      declarations(model, declared.instruction).length === 1
        ? () => [
            {
              title: `Remove ARG ${declared.name}`,
              safe: false,
              edits: [deleteInstructionLines(model, declared.instruction)],
            },
          ]
        : undefined;

    // Referenced by a FROM line, or declared again in a stage.
    const usedGlobally = new Set<string>();
    const fromReferences = new LastReferences(model.stages.map((s) => s.from));
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction instanceof Arg) for (const d of declarations(model, instruction)) usedGlobally.add(d.name);
      }
    }
    const globalReferences = new LastReferences(model.globalArgs);
    model.globalArgs.forEach((arg, index) => {
      for (const declared of declarations(model, arg)) {
        if (
          exempt(declared.name) ||
          usedGlobally.has(declared.name) ||
          fromReferences.usedAfter(declared.name, -1) ||
          globalReferences.usedAfter(declared.name, index)
        )
          continue;
        report({
          messageId: 'unusedGlobal',
          data: { name: declared.name },
          range: declared.range,
          tags: ['unnecessary'],
          fixes: fixFor(declared),
        });
      }
    });

    const children = childrenOf(model);
    for (const stage of model.stages) {
      if (!stage.instructions.some((instruction) => instruction instanceof Arg)) continue;
      const references = new LastReferences(stage.instructions);
      const lastRun = stage.instructions.map((i) => i.getKeyword()).lastIndexOf('RUN');
      // A stage built on this one inherits its ARGs: their references and RUNs count too.
      const descendants = descendantsOf(children, stage).flatMap((s) => s.instructions);
      const inherited = new LastReferences(descendants);
      const runInDescendant = descendants.some((i) => i.getKeyword() === 'RUN');
      stage.instructions.forEach((instruction, index) => {
        if (!(instruction instanceof Arg)) return;
        // Every later RUN gets the ARG in its environment, and programs read it there
        // (xx-* helpers read TARGETPLATFORM, make reads its variables, apt reads DEBIAN_FRONTEND).
        if (lastRun > index || runInDescendant) return;
        for (const declared of declarations(model, instruction)) {
          if (
            exempt(declared.name) ||
            references.usedAfter(declared.name, index) ||
            inherited.usedAfter(declared.name, -1)
          )
            continue;
          report({
            messageId: 'unused',
            data: { name: declared.name },
            range: declared.range,
            tags: ['unnecessary'],
            fixes: fixFor(declared),
          });
        }
      });
    }
  },
});
