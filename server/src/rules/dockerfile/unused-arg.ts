import { Instruction } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { deleteInstructionLines } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

/** Arguments Docker or BuildKit consume without a `$` reference. */
const PREDEFINED = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
  'SOURCE_DATE_EPOCH',
]);

/**
 * ARG values are in the environment of every later RUN, and these are read
 * from there by the tools themselves (`ARG DEBIAN_FRONTEND=noninteractive`).
 */
const TOOL_ENVIRONMENT = /^(DEBIAN_FRONTEND|DEBCONF_\w+|NODE_ENV|NODE_OPTIONS|(npm_config|NPM_CONFIG|YARN|PNPM|PIP|UV|POETRY|PIPENV|PYTHON|CARGO|RUSTUP|GO|CGO|MAVEN|GRADLE|JAVA|BUNDLE|GEM|COMPOSER|DOTNET|NUGET|MIX|HEX|CONDA|MAMBA|LC|BUILDKIT)_?\w*|RUSTFLAGS|LANG|LANGUAGE|TZ|CC|CXX|CFLAGS|CXXFLAGS|LDFLAGS|MAKEFLAGS)$/;

interface Declared {
  name: string;
  instruction: Instruction;
  range: Range;
}

/** The names an ARG declares (`ARG A B=2`), each with the range of its name. */
function declarations(instruction: Instruction): Declared[] {
  return instruction.getArguments().flatMap((arg) => {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(arg.getValue())?.[0];
    if (!name) return [];
    const { start, end } = arg.getRange();
    // A name broken by a line continuation (`ARG NA\` + `ME`) spans lines: take the whole argument.
    const range = end.line === start.line ? { start, end: { line: start.line, character: start.character + name.length } } : { start, end };
    return [{ name, instruction, range }];
  });
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
  if (typeof VARIABLES_OF !== 'function' || typeof PARSE_VARIABLES !== 'function' || own.document === undefined || own.escapeChar === undefined) {
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
        for (const match of instruction.getTextContent().matchAll(WINDOWS_REFERENCE)) this.windows.set((match[1] ?? match[2]).toLowerCase(), index);
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
    unused: 'ARG {name} is never used in its stage: remove it, or reference it as ${{name}}.',
    unusedGlobal: 'ARG {name} is declared before the first FROM but no FROM uses it and no stage declares it again: remove it, or add "ARG {name}" to the stage that needs it.',
  },
  docs: {
    flags: 'An `ARG` that nothing refers to: a stage\'s `ARG` with no `$NAME`/`${NAME}` in any later instruction of that stage (including `RUN` scripts and here-documents), or a global `ARG` (before the first `FROM`) that no `FROM` uses and no stage declares again. Proxy arguments (`HTTP_PROXY`…), `SOURCE_DATE_EPOCH` and variables that tools read from the environment by themselves (`DEBIAN_FRONTEND`, `NODE_ENV`, `PIP_*`, `NPM_CONFIG_*`, `GO*`, `CGO_*`, `BUILDKIT_*`…) are never reported.',
    why: 'An unused `ARG` suggests a setting that does nothing: `docker build --build-arg` accepts it silently, and readers look for the place that uses it. Often it is a leftover, or it was meant for another stage: an `ARG` only exists in the stage that declares it, and a global `ARG` reaches a stage only when that stage declares it again. A `RUN` program may still read an `ARG` from its environment without a `$` in the Dockerfile, which is why this is only a hint and the removal is offered as a quick fix to review.',
    bad: [
      {
        code: 'FROM alpine:3.20\nARG VERSION=1.0\nRUN echo building\nUSER nobody\n',
        fixed: 'FROM alpine:3.20\nRUN echo building\nUSER nobody\n',
      },
      { caption: 'A global ARG does not reach the stage by itself', code: 'ARG VERSION=1.0\nFROM alpine:3.20\nRUN echo "building $VERSION"\nUSER nobody\n' },
    ],
    good: [
      { code: 'FROM alpine:3.20\nARG VERSION=1.0\nRUN echo "building ${VERSION}"\nUSER nobody\n' },
      { code: 'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nARG ALPINE_VERSION\nLABEL org.opencontainers.image.base.name="alpine:${ALPINE_VERSION}"\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    const exempt = (name: string) => PREDEFINED.has(name) || TOOL_ENVIRONMENT.test(name);
    const fixFor = (declared: Declared) => (declarations(declared.instruction).length === 1
      ? () => [{ title: `Remove ARG ${declared.name}`, safe: false, edits: [deleteInstructionLines(model, declared.instruction)] }]
      : undefined);

    // Referenced by a FROM line, or declared again in a stage.
    const usedGlobally = new Set<string>();
    const fromReferences = new LastReferences(model.stages.map((s) => s.from));
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() === 'ARG') for (const d of declarations(instruction)) usedGlobally.add(d.name);
      }
    }
    const globalReferences = new LastReferences(model.globalArgs);
    model.globalArgs.forEach((arg, index) => {
      for (const declared of declarations(arg)) {
        if (exempt(declared.name) || usedGlobally.has(declared.name) || fromReferences.usedAfter(declared.name, -1) || globalReferences.usedAfter(declared.name, index)) continue;
        report({ messageId: 'unusedGlobal', data: { name: declared.name }, range: declared.range, tags: ['unnecessary'], fixes: fixFor(declared) });
      }
    });

    for (const stage of model.stages) {
      if (!stage.instructions.some((instruction) => instruction.getKeyword() === 'ARG')) continue;
      const references = new LastReferences(stage.instructions);
      stage.instructions.forEach((instruction, index) => {
        if (instruction.getKeyword() !== 'ARG') return;
        for (const declared of declarations(instruction)) {
          if (exempt(declared.name) || references.usedAfter(declared.name, index)) continue;
          report({ messageId: 'unused', data: { name: declared.name }, range: declared.range, tags: ['unnecessary'], fixes: fixFor(declared) });
        }
      });
    }
  },
});
