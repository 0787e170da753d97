import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const findings = (dockerfile: string) => reportsOf('go-pin-versions', dockerfile);

const flagged = (dockerfile: string) => findings(dockerfile).map((f) => f.text);
const go = (run: string) => `FROM golang:1.22\n${run}\nUSER nobody\n`;

describe('go-pin-versions', () => {
  it('flags moving queries and unversioned go get, once per command', () => {
    assert.deepStrictEqual(
      flagged(
        go(
          'RUN go install -ldflags "-s -w" golang.org/x/tools/gopls@latest example.com/a@main example.com/b@v1 && go get example.com/c && go run example.com/d@upgrade --flag x',
        ),
      ),
      ['golang.org/x/tools/gopls@latest example.com/a@main example.com/b@v1', 'example.com/c', 'example.com/d@upgrade'],
    );
  });
  it('suggests go install path@version for go install, and says what go get does', () => {
    assert.deepStrictEqual(
      findings(go('RUN go install golang.org/x/tools/gopls@latest')).map((f) => f.message),
      [
        '"go install" resolves "golang.org/x/tools/gopls@latest" when the image is built, so each build can get another version: pin an exact version ("golang.org/x/tools/gopls@v1.2.3" or a commit hash).',
      ],
    );
    assert.deepStrictEqual(
      findings(go('RUN go get -u golang.org/x/lint/golint example.com/x@v1.0.0 example.com/y@master')).map(
        (f) => f.message,
      ),
      [
        '"go get" takes the newest version of "golang.org/x/lint/golint" and "example.com/y@master": pin an exact version ("golang.org/x/lint/golint@v1.2.3"). To install a tool, use "go install golang.org/x/lint/golint@v1.2.3" instead: since Go 1.18, "go get" in module mode only changes the requirements in go.mod.',
      ],
    );
  });
  it('accepts exact versions, commits, local paths and go.mod-resolved installs', () => {
    const ok = [
      'go install golang.org/x/tools/gopls@v0.16.1 example.com/x@v0.0.0-20240101000000-abcdef123456 example.com/y@abc1234',
      'go install . ./cmd/... /go/src/app',
      'go install example.com/tool',
      'go run example.com/pkg@v1.2.3 latest @latest',
      'go run ./cmd/app -config /etc/app.yaml',
      'go get example.com/old@none ./...',
      'go build -o /app . && go mod download',
      'go install "$TOOL"',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged(go(`RUN ${run}`)), [], run);
  });
});
