import { runCommands } from '../../dockerfile/commands';
import { isSubcommand, packageCommands } from '../../dockerfile/packages';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule } from '../types';
import { spanOf, unpinnedData } from '../unpinnedPackages';

/** A full semantic version (`v1.2.3`, pseudo-versions included) or a commit hash. */
const EXACT_VERSION = /^(v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?|[0-9a-f]{7,40})$/;

/** Local packages and patterns, built from the files in the build context. */
function isLocal(path: string): boolean {
  return /^(\.{1,2}(\/|$)|\/)/.test(path) || path === 'all' || path === 'std' || path === 'cmd' || path === 'tool';
}

export default defineDockerfileRule({
  id: 'go-pin-versions',
  title: 'Pin module versions in go install, go get and go run',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3062' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    query:
      '"{command}" resolves {packages} when the image is built, so each build can get another version: pin an exact version ("{path}@v1.2.3" or a commit hash).',
    get: '"go get" takes the newest version of {packages}: pin an exact version ("{path}@v1.2.3"). To install a tool, use "go install {path}@v1.2.3" instead: since Go 1.18, "go get" in module mode only changes the requirements in go.mod.',
  },
  docs: {
    flags: `A \`go install\`, \`go run\` or \`go get\` of remote packages whose \`@version\` is a moving query
      (\`@latest\`, \`@upgrade\`, \`@patch\`, a branch such as \`@main\`, a partial version such as \`@v1\`), and a \`go
      get\` of remote packages without any version: one finding per command, naming those packages. Local paths
      (\`.\`, \`./cmd/app\`, \`./...\`) and packages given through a variable are not flagged. Unlike hadolint, \`go
      install\` and \`go run\` of a path without \`@version\` are not flagged: they build the version that \`go.mod\`
      requires, or fail outside a module.`,
    why: `A version query is resolved when the build runs, so \`go install golang.org/x/tools/gopls@latest\`
      installs whatever was tagged last, and an old cached layer keeps an old one: the image depends on the day
      and on the cache. An exact version (\`@v0.16.1\`, or a commit) always builds the same code. The same goes
      for \`go get\`, which without a version upgrades the requirement in \`go.mod\` to the newest release. In
      module mode (the default since Go 1.16) \`go get\` builds nothing since Go 1.18: it only changes the
      requirements in \`go.mod\`, and fails outside a module. Tools are installed with \`go install path@version\`,
      which ignores the \`go.mod\` of the current directory.`,
    bad: [
      {
        code: `FROM golang:1.22 AS build
RUN go install golang.org/x/tools/gopls@latest
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /go/bin/gopls /gopls
USER nonroot
`,
        expect: [{ messageId: 'query', line: 2, column: 16, text: 'golang.org/x/tools/gopls@latest' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS build
RUN go install golang.org/x/tools/gopls@v0.16.1
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /go/bin/gopls /gopls
USER nonroot
`,
      },
      {
        caption: 'Building the module in the context, at the versions go.mod requires',
        code: `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go install -trimpath ./cmd/app
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /go/bin/app /app
USER nonroot
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'go', ['install', 'get', 'run'])) continue;
      const sub = command.subcommand!.value!;
      // `go run pkg args…`: only the first operand is a package; the rest belong to the program.
      const operands = sub === 'run' ? command.args.operands.slice(0, 1) : command.args.operands;
      const flagged: ShellWord[] = [];
      for (const word of operands) {
        const spec = word.value;
        if (spec === null || isLocal(spec) || spec.endsWith('.go')) continue;
        const at = spec.lastIndexOf('@');
        const version = at < 0 ? null : spec.slice(at + 1);
        // Without a version, `go install` and `go run` build what go.mod requires; `go get` takes the newest.
        const moving = version === null ? sub === 'get' : !EXACT_VERSION.test(version) && version !== 'none';
        if (moving) flagged.push(word);
      }
      if (flagged.length === 0) continue;
      const specs = flagged.map((word) => word.value!);
      const first = specs[0];
      const path = first.includes('@') ? first.slice(0, first.lastIndexOf('@')) : first;
      report({
        messageId: sub === 'get' ? 'get' : 'query',
        data: { ...unpinnedData(`go ${sub}`, specs), path },
        range: spanOf(model, flagged),
      });
    }
  },
});
