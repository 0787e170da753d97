import { runCommands } from '../../dockerfile/commands';
import { isSubcommand, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

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
    query: '"{package}" asks for "@{version}", which resolves to a different version over time: pin an exact version such as "{path}@v1.2.3".',
    missing: '"go get {package}" fetches the newest version: pin one as "{package}@<version>".',
  },
  docs: {
    flags: 'A remote package in `go install`, `go run` or `go get` whose `@version` is a moving query (`@latest`, `@upgrade`, `@patch`, a branch such as `@main`, a partial version such as `@v1`), and a remote package in `go get` without any version. Local paths (`.`, `./cmd/app`, `./...`) and packages given through a variable are not flagged. Unlike hadolint, `go install` and `go run` of a path without `@version` are not flagged: they build the version that `go.mod` requires, or fail outside a module.',
    why: 'A version query is resolved when the build runs, so `go install golang.org/x/tools/gopls@latest` installs whatever was tagged last, and an old cached layer keeps an old one: the image depends on the day and on the cache. An exact version (`@v0.16.1`, or a commit) always builds the same code. The same goes for `go get`, which otherwise upgrades the requirement in `go.mod` to the newest release.',
    bad: [
      { code: 'FROM golang:1.22 AS build\nRUN go install golang.org/x/tools/gopls@latest\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /go/bin/gopls /gopls\nUSER nonroot\n' },
    ],
    good: [
      { code: 'FROM golang:1.22 AS build\nRUN go install golang.org/x/tools/gopls@v0.16.1\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /go/bin/gopls /gopls\nUSER nonroot\n' },
      {
        caption: 'Building the module in the context, at the versions go.mod requires',
        code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go install -trimpath ./cmd/app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /go/bin/app /app\nUSER nonroot\n',
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'go', ['install', 'get', 'run'])) continue;
      const sub = command.subcommand!.value!;
      // `go run pkg args…`: only the first operand is a package; the rest belong to the program.
      const operands = sub === 'run' ? command.args.operands.slice(0, 1) : command.args.operands;
      for (const word of operands) {
        const spec = word.value;
        if (spec === null || isLocal(spec) || spec.endsWith('.go')) continue;
        const at = spec.lastIndexOf('@');
        const range = model.rangeOf(word.start, word.end);
        if (at < 0) {
          if (sub === 'get') report({ messageId: 'missing', data: { package: spec }, range });
          continue;
        }
        const version = spec.slice(at + 1);
        if (EXACT_VERSION.test(version) || version === 'none') continue;
        report({ messageId: 'query', data: { package: spec, path: spec.slice(0, at), version }, range });
      }
    }
  },
});
