/** Dockerfile hovers: flags, mount options, directives, variables, stages, images and the rules of findings. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { FLAG_DOCS, MOUNT_OPTIONS, MOUNT_TYPES } from '../../server/src/data/flags';
import { IMAGE_NOTES } from '../../server/src/data/imageNotes';
import { KNOWN_IMAGES } from '../../server/src/data/images';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { CHECKED_BY_SHOWN, firstSentence } from '../../server/src/service/hover';
import PIN_BASE_IMAGE from '../../server/src/rules/dockerfile/pin-base-image';
import { docOf } from '../support/lint';

const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });

/** The cursor marker in test texts (`|` is common in RUN lines). */
const CURSOR = '‸';

function at(marked: string): { doc: TextDocument; position: Position } {
  const index = marked.indexOf(CURSOR);
  assert.ok(index >= 0, `the text needs a ${CURSOR} cursor marker`);
  const doc = docOf(marked.slice(0, index) + marked.slice(index + 1));
  return { doc, position: doc.positionAt(index) };
}

interface Shown {
  text: string;
  /** The document text the hover's range covers. */
  covers: string;
  range: Range;
}

function hover(marked: string, lintFirst = false): Shown | null {
  const { doc, position } = at(marked);
  if (lintFirst) service.lint(doc, DEFAULT_SETTINGS);
  const result = service.hover(doc, position);
  if (!result) return null;
  assert.ok(result.range, 'every hover has a range');
  return { text: (result.contents as MarkupContent).value, covers: doc.getText(result.range), range: result.range };
}

function shown(marked: string, lintFirst = false): Shown {
  const result = hover(marked, lintFirst);
  assert.ok(result, `expected a hover at the cursor of:\n${marked}`);
  return result;
}

function rangeText(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

describe('Dockerfile hover: flags', () => {
  it('explains FROM --platform on the flag, with its exact range', () => {
    const h = shown('FROM --plat‸form=linux/arm64 alpine:3.20\n');
    assert.strictEqual(h.covers, '--platform=linux/arm64');
    assert.strictEqual(rangeText(h.range), '0:5-0:27');
    assert.match(h.text, /\*\*FROM --platform\*\*/);
    assert.match(h.text, /target platform of the build/);
    assert.match(h.text, /Here: `linux\/arm64`/);
    assert.match(h.text, /reference\/dockerfile\/#from\)/);
  });

  it('explains every COPY and ADD flag, with the Dockerfile version where the reference states it', () => {
    const copy = (flag: string) => shown(`FROM alpine:3.20\nCOPY --${flag.slice(0, 1)}‸${flag.slice(1)} a /b/\n`);
    assert.match(copy('from=build').text, /named build context/);
    assert.match(copy('chown=1000:1000').text, /Here: owner `1000`, group `1000`\./);
    assert.match(copy('chown=1000:1000').text, /belong to `root`/);
    assert.match(copy('chmod=755').text, /symbolic notation .*1\.14/i);
    assert.match(copy('link').text, /\*\*COPY --link\*\* · Dockerfile 1\.4\+/);
    assert.match(copy('link').text, /Here: on \(the same as `--link=true`\); default `false`\./);
    const parents = copy('parents').text;
    assert.match(parents, /Dockerfile 1\.20\+/);
    assert.match(
      parents,
      /labs channel of Dockerfile 1\.7 \(`# syntax=docker\/dockerfile:1\.7-labs`\); stable since 1\.20/,
    );
    const exclude = copy('exclude=*.md').text;
    assert.match(exclude, /labs channel of Dockerfile 1\.7.*stable since 1\.19/);
    const add = (flag: string) =>
      shown(`FROM alpine:3.20\nADD --${flag.slice(0, 1)}‸${flag.slice(1)} https://example.com/a.tgz /a\n`);
    assert.match(add('keep-git-dir=true').text, /`\.git` directory/);
    assert.match(
      add('checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d').text,
      /SHA-256/,
    );
    assert.match(
      add('checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d').text,
      /Dockerfile 1\.6\+/,
    );
    assert.match(add('unpack=true').text, /Local archives are extracted by default, remote ones/);
    for (const flag of ['chown', 'chmod', 'link', 'exclude']) assert.ok(FLAG_DOCS.ADD[flag], `ADD --${flag}`);
  });

  it('explains RUN --network and --security values', () => {
    for (const [value, pattern] of [
      ['default', /same as leaving the flag out/],
      ['none', /no network at all/],
      ['host', /network\.host/],
    ] as const) {
      const h = shown(`FROM alpine:3.20\nRUN --net‸work=${value} true\n`);
      assert.strictEqual(h.covers, `--network=${value}`);
      assert.match(h.text.split('Here:')[1], pattern);
    }
    assert.match(
      shown('FROM alpine:3.20\nRUN --secu‸rity=insecure true\n').text,
      /Here: `insecure`: .*--privileged.*security\.insecure/,
    );
    assert.match(
      shown('FROM alpine:3.20\nRUN --secu‸rity=sandbox true\n').text,
      /Here: `sandbox`: the normal, restricted container/,
    );
    assert.match(
      shown('FROM alpine:3.20\nRUN --network=‸bogus true\n').text,
      /Here: `bogus`, which is not one of `default`, `none`, `host`\./,
    );
  });

  it('gives every HEALTHCHECK flag with its default', () => {
    const defaults: Record<string, string> = {
      interval: '30s',
      timeout: '30s',
      'start-period': '0s',
      'start-interval': '5s',
      retries: '3',
    };
    for (const [flag, value] of Object.entries(defaults)) {
      const h = shown(`FROM alpine:3.20\nHEALTHCHECK --${flag}‸ CMD true\n`);
      assert.strictEqual(h.covers, `--${flag}`);
      assert.match(h.text, new RegExp(`Default: \`${value}\``), flag);
    }
    const h = shown('FROM alpine:3.20\nHEALTHCHECK --interval=5s --start-inter‸val=1s CMD true\n');
    assert.strictEqual(h.covers, '--start-interval=1s');
    assert.match(h.text, /Here: `1s` \(default `5s`\)\./);
    assert.match(h.text, /Docker 25\.0/);
  });

  it('says when a flag does not exist for the instruction', () => {
    const h = shown('FROM alpine:3.20\nCOPY --pla‸tform=linux/amd64 a /b/\n');
    assert.strictEqual(h.covers, '--platform=linux/amd64');
    assert.match(h.text, /not a flag of `COPY`.*unknown flag.*`--from`, `--chown`/);
  });
});

describe('Dockerfile hover: RUN --mount', () => {
  const run = (mount: string) => `FROM alpine:3.20 AS base\nFROM alpine:3.20\nRUN --mount=${mount} true\n`;

  it('explains the --mount flag with the mount type of that flag', () => {
    const h = shown(run('type=cache,target=/root/.cache').replace('--mount', '--mo‸unt'));
    assert.strictEqual(h.covers, 'mount');
    assert.match(h.text, /\*\*RUN --mount\*\* · Dockerfile 1\.2\+/);
    assert.match(h.text, /\*\*Mount type `cache`\*\*/);
    const bind = shown(run('target=/src').replace('--mount', '--mo‸unt'));
    assert.match(bind.text, /\*\*Mount type `bind`\*\*/, 'bind is the default type');
  });

  it('explains each mount type on its type= option', () => {
    for (const type of Object.keys(MOUNT_TYPES)) {
      const h = shown(run(`type=${type.slice(0, 1)}‸${type.slice(1)},target=/x`));
      assert.strictEqual(h.covers, `type=${type}`);
      assert.match(h.text, new RegExp(`\\*\\*Mount type \`${type}\`\\*\\*`));
      assert.match(h.text, new RegExp(`#run---mounttype${type}\\)`));
    }
    assert.match(shown(run('type=secret‸,id=npm')).text, /\/run\/secrets\/<id>/);
    assert.match(shown(run('type=ssh‸')).text, /--ssh default/);
    assert.match(shown(run('type=cach‸,target=/x')).text, /`type=cach` is not a mount type/);
  });

  it('explains each option for the type it is used with, aliases included', () => {
    const cases: [string, RegExp][] = [
      [
        'type=cache,targ‸et=/root/.npm',
        /\*\*--mount target\*\* \(also written `dst`, `destination`\), on a `cache` mount[\s\S]*cache's id/,
      ],
      ['type=cache,ds‸t=/root/.npm', /\*\*--mount target\*\* \(also written `target`, `destination`\)/],
      ['type=tmpfs,destinat‸ion=/tmp', /on a `tmpfs` mount[\s\S]*Where the tmpfs is mounted/],
      ['type=bind,sour‸ce=/etc,target=/x', /path inside `from`/],
      ['type=bind,sr‸c=/etc,target=/x', /\*\*--mount source\*\* \(also written `source`\)/],
      ['type=bind,from=base,target=/x,r‸o', /Mounts read-only/],
      ['type=bind,target=/x,readon‸ly', /\*\*--mount ro\*\* \(also written `ro`\)/],
      ['type=bind,target=/x,r‸w', /writes are thrown away after the step/],
      ['type=cache,target=/x,i‸d=npm', /mounts with the same id share it/],
      ['type=secret,i‸d=npm', /docker build --secret id=<id>/],
      ['type=ssh,i‸d=github', /Default: `default`/],
      ['type=cache,target=/var/cache/apt,shar‸ing=locked', /`locked`: a build waits/],
      ['type=cache,target=/x,mo‸de=0700', /Default: `0755`/],
      ['type=secret,id=a,mo‸de=0440', /Default: `0400`/],
      ['type=ssh,mo‸de=0600', /Default: `0600`/],
      ['type=secret,id=a,ui‸d=1000', /non-root `USER` needs this/],
      ['type=cache,target=/x,gi‸d=1000', /Group ID of a new cache directory/],
      ['type=tmpfs,target=/tmp,si‸ze=64m', /largest size/],
      ['type=secret,id=a,requir‸ed', /step fails when the build does not pass the secret/],
      ['type=ssh,requi‸red=true', /pass an SSH agent/],
      ['type=secret,id=api,en‸v=API_KEY', /environment variable[\s\S]*1\.10/],
    ];
    for (const [mount, pattern] of cases) {
      const h = shown(run(mount));
      assert.match(h.text, pattern, mount);
    }
    for (const name of Object.keys(MOUNT_OPTIONS)) assert.ok(Object.keys(MOUNT_OPTIONS[name].byType).length > 0, name);
  });

  it('covers exactly the option under the cursor', () => {
    const h = shown(run('type=cache,target=/root/.cache,sharing=loc‸ked'));
    assert.strictEqual(h.covers, 'sharing=locked');
    assert.strictEqual(rangeText(h.range), '2:43-2:57');
    assert.match(h.text, /\*\*--mount sharing\*\*/);
  });

  it('says when an option does not apply to the type, or is no option at all', () => {
    const h = shown(run('type=bind,target=/x,si‸ze=10'));
    assert.match(h.text, /Does not apply to `bind` mounts; it is an option of `tmpfs` mounts\./);
    const bogus = shown(run('type=cache,bog‸us=1,target=/x'));
    assert.strictEqual(bogus.covers, 'bogus=1');
    assert.match(bogus.text, /not a mount option.*unexpected key.*Options of `cache` mounts: `type`, `target`/);
  });

  it('shows the stage a from= option points at', () => {
    const h = shown(run('type=bind,from=ba‸se,target=/x'));
    assert.strictEqual(h.covers, 'base');
    assert.match(h.text, /\*\*Stage `base`\*\* \(stage 1 of 2, index 0\), defined on line 1/);
    assert.match(h.text, /Used on line 3 \(`RUN --mount from=`\)/);
  });
});

describe('Dockerfile hover: ONBUILD', () => {
  it('explains when the trigger instruction runs', () => {
    const h = shown('FROM python:3.12-slim\nONBUILD CO‸PY requirements.txt /app/\n');
    assert.strictEqual(h.covers, 'COPY');
    assert.match(h.text, /\*\*ONBUILD trigger\*\*: this instruction does not run in this build/);
    assert.match(h.text, /right after that `FROM`, in the order the triggers were written/);
    assert.match(h.text, /\*\*COPY\*\*:/, 'followed by the instruction text');
    assert.match(shown('FROM python:3.12-slim\nONBUILD FR‸OM alpine\n').text, /`FROM` is not allowed as a trigger/);
  });

  it('explains the flags of the trigger, and resolves --from in the downstream build', () => {
    const text = 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nONBUILD COPY --chmod‸=755 --from=build a /b/\n';
    const flag = shown(text);
    assert.strictEqual(flag.covers, '--chmod=755');
    assert.match(flag.text, /\*\*COPY --chmod\*\*[\s\S]*In an `ONBUILD` trigger/);
    const from = shown(text.replace('‸', '').replace('--from=build', '--from=bu‸ild'));
    assert.strictEqual(from.covers, 'build');
    assert.match(from.text, /stage of that Dockerfile/);
  });
});

describe('Dockerfile hover: parser directives', () => {
  it('explains syntax, escape and check on their line', () => {
    const text =
      '# syn‸tax=docker/dockerfile:1\n# escape=`\n# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM alpine:3.20\n';
    const syntax = shown(text);
    assert.strictEqual(syntax.covers, '# syntax=docker/dockerfile:1');
    assert.match(syntax.text, /\*\*Parser directive `syntax`\*\*/);
    assert.match(syntax.text, /A major version only/);
    const escape = shown(text.replace('‸', '').replace('# escape', '# esc‸ape'));
    assert.match(escape.text, /\*\*Parser directive `escape`\*\*/);
    assert.match(escape.text, /Here: `` ` ``, the Windows-friendly choice/);
    const check = shown(text.replace('‸', '').replace('error=true', 'error=tr‸ue'));
    assert.match(
      check.text,
      /Here: skips `JSONArgsRecommended`, `StageNameCasing`; makes failed checks fail the build\./,
    );
    assert.match(check.text, /Dockerfile 1\.8/);
  });

  it('says nothing on a comment that only looks like a directive', () => {
    assert.strictEqual(hover('# a comment\n# syn‸tax=docker/dockerfile:1\nFROM alpine:3.20\n'), null);
  });
});

describe('Dockerfile hover: variables', () => {
  const FILE =
    [
      'ARG BASE=alpine', // 0
      'ARG VERSION=3.20', // 1
      'FROM ${BASE}:${VERSION} AS build', // 2
      'ARG VERSION', // 3
      'ARG APP=/opt/app', // 4
      'ENV BIN=$APP/bin', // 5
      'RUN echo "$BIN" \'$BIN\' ${MISSING:-fallback}', // 6
      'RUN ["echo", "$BIN"]', // 7
      'FROM build AS final', // 8
      'ARG TARGETARCH', // 9
      'RUN echo $APP $TARGETARCH $TARGETOS $HTTP_PROXY', // 10
      'CMD echo $BIN $APP', // 11
      'COPY --chown=$APP a /b/', // 12
    ].join('\n') + '\n';

  /** The hover with the cursor at `column` of `line`. */
  function on(line: number, column: number): Shown | null {
    const lines = FILE.split('\n');
    lines[line] = lines[line].slice(0, column) + CURSOR + lines[line].slice(column);
    return hover(lines.join('\n'));
  }

  it('resolves global ARGs in FROM', () => {
    const h = on(2, 16)!;
    assert.strictEqual(h.covers, '${VERSION}');
    assert.strictEqual(rangeText(h.range), '2:13-2:23');
    assert.match(h.text, /a global build argument/);
    assert.match(h.text, /Default: `3\.20`/);
    assert.match(h.text, /Defined on line 2: `ARG VERSION=3\.20`/);
    assert.match(h.text, /--build-arg VERSION=…/);
  });

  it('follows ENV to the ARG it is built from, with the line', () => {
    const h = on(6, 12)!;
    assert.strictEqual(h.covers, '$BIN');
    assert.match(h.text, /an environment variable \(`ENV`\)/);
    assert.match(h.text, /Value: `\/opt\/app\/bin` \(written `\$APP\/bin`\)/);
    assert.match(h.text, /Defined on line 6 \(stage `build`\): `ENV BIN=\$APP\/bin`/);
    assert.match(h.text, /Expanded by the shell of this `RUN` step/);
  });

  it('does not expand inside single quotes or exec form', () => {
    assert.strictEqual(on(6, 19), null);
    const exec = on(7, 15)!;
    assert.strictEqual(exec.covers, '$BIN');
    assert.match(exec.text, /not expanded here\. Exec form/);
  });

  it('explains names no ARG or ENV defines, and ${name:-word}', () => {
    const h = on(6, 28)!;
    assert.strictEqual(h.covers, '${MISSING:-fallback}');
    assert.match(
      h.text,
      /not defined by an `ARG` or `ENV` of this stage before this line\. The shell takes it from the base image's environment/,
    );
  });

  it('takes a stage ARG without value from the global ARG, in stages built on it too', () => {
    const h = on(10, 10)!;
    assert.strictEqual(h.covers, '$APP');
    assert.match(h.text, /Default: `\/opt\/app`/);
    assert.match(h.text, /Defined on line 5 \(stage `build`\)/);
  });

  it('says what predefined platform and proxy arguments hold', () => {
    const arch = on(10, 16)!;
    assert.strictEqual(arch.covers, '$TARGETARCH');
    assert.match(arch.text, /Set by BuildKit\. The architecture part of `TARGETPLATFORM`/);
    const os = on(10, 28)!;
    assert.strictEqual(os.covers, '$TARGETOS');
    assert.match(os.text, /Not visible in this stage yet: .*`ARG <name>`/);
    const proxy = on(10, 38)!;
    assert.strictEqual(proxy.covers, '$HTTP_PROXY');
    assert.match(proxy.text, /predefined proxy argument/);
    const platform = shown('FROM --platform=$BUILD‸PLATFORM golang:1.23 AS build\n');
    assert.strictEqual(platform.covers, '$BUILDPLATFORM');
    assert.match(
      platform.text,
      /predefined platform argument, set by BuildKit\. The platform of the machine running the build/,
    );
  });

  it('knows that CMD runs later, with ENV only', () => {
    const env = on(11, 10)!;
    assert.strictEqual(env.covers, '$BIN');
    assert.match(env.text, /when the container runs this command/);
    assert.match(env.text, /Value: `\/opt\/app\/bin`/);
    const arg = on(11, 16)!;
    assert.strictEqual(arg.covers, '$APP');
    assert.match(arg.text, /Only an `ARG` of this name is defined \(line 5\): it is empty at run time/);
  });

  it('resolves variables in flags', () => {
    const h = on(12, 15)!;
    assert.strictEqual(h.covers, '$APP');
    assert.match(h.text, /Default: `\/opt\/app`/);
  });

  it('points at a global ARG that the stage does not declare', () => {
    const h = shown('ARG VERSION=1.0\nFROM alpine:3.20\nRUN echo $VER‸SION\n');
    assert.match(
      h.text,
      /A global `ARG VERSION` exists \(line 1\), but stages only see it after `ARG VERSION` inside the stage\./,
    );
  });

  it('resolves references in RUN heredocs', () => {
    const h = shown('FROM alpine:3.20\nARG NAME=world\nRUN <<EOF\necho "hello $NA‸ME"\nEOF\n');
    assert.strictEqual(rangeText(h.range), '3:12-3:17');
    assert.match(h.text, /Default: `world`/);
  });

  it('lets ENV win over an ARG of the same name', () => {
    const h = shown('FROM alpine:3.20\nENV MODE=prod\nARG MODE=dev\nRUN echo $MO‸DE\n');
    assert.match(h.text, /Value: `prod`/);
    assert.match(h.text, /Defined on line 2/);
  });

  it('counts the uses of an ARG or ENV declaration', () => {
    const app = on(4, 5)!;
    assert.strictEqual(app.covers, 'APP');
    assert.strictEqual(rangeText(app.range), '4:4-4:7');
    assert.match(app.text, /Used 3 times, on lines 6, 11, 13\./);
    const version = on(1, 6)!;
    assert.match(version.text, /Used 1 time, on line 3\. Brought into a stage by `ARG VERSION` \(line 4\)\./);
    const arch = on(9, 6)!;
    assert.match(arch.text, /Set by BuildKit\. .*This `ARG` makes it visible in the stage\./);
    assert.match(arch.text, /Used 1 time, on line 11\./);
    const unused = shown('FROM alpine:3.20\nARG DEBIAN_FRONT‸END=noninteractive\nRUN true\n');
    assert.match(
      unused.text,
      /Not used as `\$DEBIAN_FRONTEND` anywhere\. `RUN` steps still see it as an environment variable/,
    );
  });
});

describe('Dockerfile hover: stages and images', () => {
  const FILE =
    [
      'FROM golang:1.23-alpine AS build', // 0
      'RUN go build -o /app ./cmd', // 1
      'FROM build AS test', // 2
      'FROM gcr.io/distroless/static-debian12:nonroot', // 3
      'COPY --from=build /app /app', // 4
      'COPY --from=0 /app /app2', // 5
      'COPY --from=later /x /x', // 6
      'COPY --from=nginx:1.27 /etc/nginx/nginx.conf /n', // 7
      'FROM scratch AS later', // 8
    ].join('\n') + '\n';

  function on(line: number, column: number): Shown {
    const lines = FILE.split('\n');
    lines[line] = lines[line].slice(0, column) + CURSOR + lines[line].slice(column);
    return shown(lines.join('\n'));
  }

  it('explains a stage name where it is defined: line, base, users', () => {
    const h = on(0, 29);
    assert.strictEqual(h.covers, 'build');
    assert.strictEqual(rangeText(h.range), '0:27-0:32');
    assert.match(
      h.text,
      /\*\*Stage `build`\*\* \(stage 1 of 4, index 0\), defined on line 1: `FROM golang:1\.23-alpine AS build`/,
    );
    assert.match(h.text, /Builds from the image `golang:1\.23-alpine`\./);
    assert.match(h.text, /Used on line 3 \(`FROM`\), line 5 \(`COPY --from`\), line 6 \(`COPY --from`\)\./);
  });

  it('explains FROM <stage> and --from=<stage|index>', () => {
    const from = on(2, 7);
    assert.strictEqual(from.covers, 'build');
    assert.match(from.text, /Builds on the stage above:[\s\S]*Stage `build`/);
    const test = on(2, 16);
    assert.match(test.text, /Builds on stage `build` \(line 1\)/);
    assert.match(test.text, /Nothing in this file uses it: it only runs with `docker build --target test`/);
    const copy = on(4, 14);
    assert.strictEqual(copy.covers, 'build');
    assert.match(copy.text, /Stage `build`/);
    const index = on(5, 12);
    assert.strictEqual(index.covers, '0');
    assert.match(index.text, /Stage `build`/);
    assert.match(on(6, 14).text, /defined later, on line 9: a stage can only use the stages above it/);
  });

  it('takes image references apart, with notes on known images', () => {
    const golang = on(0, 8);
    assert.strictEqual(golang.covers, 'golang:1.23-alpine');
    assert.match(golang.text, /\| Registry \| `docker\.io`: Docker Hub/);
    assert.match(golang.text, /\| Repository \| `library\/golang`: an official image/);
    assert.match(golang.text, /\| Tag \| `1\.23-alpine`/);
    assert.match(golang.text, /Full reference: `docker\.io\/library\/golang:1\.23-alpine`/);
    assert.match(golang.text, /\*\*golang\*\*: The Go toolchain/);
    const distroless = on(3, 10);
    assert.match(distroless.text, /\| Registry \| `gcr\.io` \|/);
    assert.match(distroless.text, /`:nonroot` runs as UID 65532/);
    const copied = on(7, 14);
    assert.strictEqual(copied.covers, 'nginx:1.27');
    assert.match(copied.text, /\*\*nginx\*\*: The nginx web server/);
    assert.match(on(8, 7).text, /\*\*`scratch`\*\*: the empty image/);
    assert.match(on(8, 17).text, /The last stage: `docker build` outputs it/);
  });

  it('shows digests, non-root users and images built from ARGs', () => {
    const digest = shown('FROM no‸de:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n');
    assert.match(digest.text, /\| Digest \| `sha256:0123/);
    assert.match(digest.text, /ready `node` user \(UID 1000\)/);
    const arg = shown('ARG PY=3.12-slim\nFROM pyth‸on:${PY}\n');
    assert.strictEqual(arg.covers, 'python:${PY}');
    assert.match(arg.text, /With the default build arguments this is `python:3\.12-slim`\./);
    const unknown = shown('ARG TAG\nFROM pyth‸on:${TAG}\n');
    assert.match(unknown.text, /only known when the build runs/);
  });

  it('has notes for the common images it offers tags for', () => {
    for (const image of KNOWN_IMAGES) assert.ok(IMAGE_NOTES[image.name], `a note for ${image.name}`);
  });
});

describe('Dockerfile hover: findings', () => {
  it('gives why the rule matters, its page and its lesson as links, without saying the problem again', () => {
    const h = shown('FROM ubu‸ntu\nUSER nobody\n', true);
    assert.strictEqual(h.covers, 'ubuntu', 'the range stays the image');
    const [rule, rest] = h.text.split('\n\n---\n\n');
    assert.strictEqual(
      rule,
      '[pin-base-image](file:///docs/rules/pin-base-image.md): Without a tag Docker pulls `latest`, which points at whatever version was pushed last. ' +
        'Lesson: [Registries and tags](file:///lessons/registries-and-tags.md)',
    );
    // The editor shows the finding's message beside the hover: neither it nor the rule's title is repeated.
    assert.ok(!rule.includes(PIN_BASE_IMAGE.title));
    assert.match(rest, /\*\*Image\*\* `ubuntu`/);
  });

  it('ends the reason at its first sentence, not at a question quoted in it', () => {
    assert.strictEqual(
      firstSentence('A build has no terminal to answer "Do you want to continue? [Y/n]". Without `-y` apt aborts.'),
      'A build has no terminal to answer "Do you want to continue? [Y/n]".',
    );
    assert.strictEqual(firstSentence('Tools (e.g. `curl`) stay.  Then more.'), 'Tools (e.g. `curl`) stay.');
    assert.strictEqual(firstSentence('Run `a. b` first. Then'), 'Run `a. b` first.');
  });

  it('names a few rules in "Checked by", the ones about that instruction alone first, and counts the rest', () => {
    const h = shown('FROM alpine:3.20\nR‸UN echo hi\nUSER nobody\n');
    const checked = /^Checked by .*$/m.exec(h.text)![0];
    const named = [...checked.matchAll(/\[([a-z0-9-]+)\]\(file:\/\/\/docs\/rules\/\1\.md\)/g)].map((m) => m[1]);
    assert.strictEqual(named.length, CHECKED_BY_SHOWN);
    assert.ok(!named.includes('undefined-var'), 'a rule about every instruction is not among the first');
    const more = Number(/ and (\d+) more rules\.$/.exec(checked)![1]);
    assert.ok(more > 10, checked);
    assert.match(h.text, /Lesson: \[Layers and the build cache\]\(file:\/\/\/lessons\/layers-and-cache\.md\)$/);
  });

  it('shows only the rule where nothing else has a hover', () => {
    const h = shown(
      'FROM ubuntu:24.04\nRUN apt-get update && apt-get ins‸tall -y --no-install-recommends curl=8.5.0-2ubuntu10.6\nUSER nobody\n',
      true,
    );
    assert.strictEqual(h.covers, 'install');
    assert.match(h.text, /^\[apt-get-clean-lists\]\(file:\/\/\/docs\/rules\/apt-get-clean-lists\.md\): /);
    assert.ok(!h.text.includes('---'));
  });

  it('ignores findings of another text, and keeps those of the same text at another version', () => {
    const text = 'FROM ubuntu\nUSER nobody\n';
    const doc = docOf(text);
    service.lint(doc, DEFAULT_SETTINGS);
    const same = service.hover(TextDocument.create(doc.uri, 'dockerfile', 2, text), { line: 0, character: 7 });
    assert.match((same!.contents as MarkupContent).value, /pin-base-image/);
    // Other text of the same length, at the same version: the findings of the linted text do not apply.
    const other = TextDocument.create(doc.uri, 'dockerfile', doc.version, text.replace('USER', 'USEr'));
    const h = service.hover(other, { line: 0, character: 7 });
    assert.ok(h);
    assert.ok(!(h.contents as MarkupContent).value.includes('pin-base-image'));
  });
});

describe('Dockerfile hover: unfinished input', () => {
  it('answers at every position of a broken Dockerfile without throwing', () => {
    const text = [
      '# syntax=',
      '# escape=x',
      'ARG',
      'ARG A=1 B=$A',
      'FROM --platform= ${NOPE',
      'FROM $A AS',
      'FROM a AS b AS c',
      'RUN --mount= --mount=type --mount=,, --mount=type=cache,=x,from= --network --security= <<EOF bash',
      'echo $A ${B} \\$C',
      'EOF',
      'COPY --from= --chown --chmod= <<EOT /x',
      '$A',
      'EOT',
      'ONBUILD',
      'ONBUILD RUN --mount=type=secret,id=x cat ${X:-${Y}}',
      'ONBUILD ONBUILD COPY --from=x a b',
      'HEALTHCHECK --interval= --retries CMD',
      'ENV',
      'CMD ["$X"',
      'EXPOSE $PORT',
    ].join('\n');
    const doc = docOf(text);
    service.lint(doc, DEFAULT_SETTINGS);
    const lines = text.split('\n');
    let answered = 0;
    for (let line = 0; line <= lines.length; line++) {
      for (let character = 0; character <= (lines[line]?.length ?? 0) + 1; character++) {
        const h = service.hover(doc, { line, character });
        if (h) answered++;
      }
    }
    assert.ok(answered > 100);
  });
});
