import { runCommands } from '../../dockerfile/commands';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule } from '../types';

interface Credential {
  word: ShellWord;
  /** The secret part of the word's value and where it starts in the value. */
  secret: string;
  at: number;
  kind: 'password' | 'token';
}

/** `scheme://user:password@` or `scheme://token@` anywhere in a word. */
// The look-behind starts a scheme only at the start of a run of scheme characters, so a long word is scanned in linear time.
const URL_USERINFO = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/([^/\s@:]+)(?::([^/\s@]*))?@/gi;
/** Well-known token formats (GitHub, GitLab, Slack) and long opaque strings used as a URL user name. */
const TOKEN_USER = /^(gh[pousr]_|github_pat_|glpat-|xox[abpr]-)|^[A-Za-z0-9_-]{32,}$/;
/** A header carrying credentials, as given to `curl -H`, `wget --header=` or `git -c http.extraHeader=`. */
const AUTH_HEADER =
  /^(?:--header=|http\.extraheader=|\S*\.extraheader=)?\s*(authorization|proxy-authorization|private-token|x-api-key|x-auth-token)\s*:\s*(?:(?:bearer|basic|token|digest|apikey)\s+)?(\S.*)$/i;
/** npm registry credentials in `.npmrc` syntax. */
const NPM_AUTH = /(?:^|:)(?:_authToken|_auth|_password)=(.+)$/;
const NPM_AUTH_KEY = /(?:^|:)(?:_authToken|_auth|_password)$/;

const CURL_USER_OPTIONS = new Set(['-u', '--user', '-U', '--proxy-user']);
const WGET_PASSWORD_OPTIONS = new Set(['--password', '--http-password', '--ftp-password', '--proxy-password']);

function literal(secret: string): boolean {
  return secret !== '' && !secret.includes('$');
}

/** The credentials written literally in one command's words. */
export function credentialsIn(name: string | null, words: ShellWord[]): Credential[] {
  const found: Credential[] = [];
  const add = (word: ShellWord, secret: string, at: number, kind: Credential['kind']) => {
    if (literal(secret) && !found.some((c) => c.word === word)) found.push({ word, secret, at, kind });
  };
  words.forEach((word, i) => {
    const value = word.value;
    if (value === null) return;
    // Each pattern needs a character most words lack: tested first, as every word of every RUN comes here.
    if (value.includes('@'))
      for (const m of value.matchAll(URL_USERINFO)) {
        const [whole, user, password] = m;
        if (password !== undefined) add(word, password, m.index + whole.length - 1 - password.length, 'password');
        else if (TOKEN_USER.test(user)) add(word, user, m.index + whole.length - 1 - user.length, 'token');
      }
    const header = value.includes(':') ? AUTH_HEADER.exec(value) : null;
    if (header) add(word, header[2], value.length - header[2].length, 'token');
    const npm = value.includes('=') ? NPM_AUTH.exec(value) : null;
    if (npm) add(word, npm[1], value.length - npm[1].length, 'token');
    const next = words[i + 1];
    if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
      if (NPM_AUTH_KEY.test(value) && next?.value) add(next, next.value, 0, 'token');
    }
    if (name === 'curl') {
      let user: { word: ShellWord; value: string; at: number } | null = null;
      if (CURL_USER_OPTIONS.has(value) || /^-[A-Za-z]*[uU]$/.test(value))
        user = next?.value ? { word: next, value: next.value, at: 0 } : null;
      else if (/^-[uU]./.test(value)) user = { word, value: value.slice(2), at: 2 };
      const colon = user ? user.value.indexOf(':') : -1;
      if (user && colon > 0) add(user.word, user.value.slice(colon + 1), user.at + colon + 1, 'password');
    }
    if (name === 'wget') {
      const eq = value.indexOf('=');
      if (eq > 0 && WGET_PASSWORD_OPTIONS.has(value.slice(0, eq))) add(word, value.slice(eq + 1), eq + 1, 'password');
      else if (WGET_PASSWORD_OPTIONS.has(value) && next?.value) add(next, next.value, 0, 'password');
    }
  });
  return found;
}

export default defineDockerfileRule({
  id: 'credentials-in-run',
  title: 'Do not write credentials in RUN commands',
  defaultSeverity: 'error',
  category: 'security',
  equivalents: [],
  lesson: 'configuration-and-secrets',
  fix: 'none',
  messages: {
    password:
      'This password is written in the RUN command, so it is stored in the image history: pass it as a build secret (RUN --mount=type=secret) instead.',
    token:
      'This token is written in the RUN command, so it is stored in the image history: pass it as a build secret (RUN --mount=type=secret) instead.',
  },
  docs: {
    flags: `A password or token written literally in a \`RUN\` command: \`curl -u user:password\` (also \`--user\`,
      \`-U\`, \`--proxy-user\`), \`wget --password=…\` (and \`--http-password\`, \`--ftp-password\`, \`--proxy-password\`),
      URLs with \`user:password@\`, URLs whose user name is an access token (\`https://ghp_…@github.com\`),
      \`Authorization:\` and similar headers (\`curl -H\`, \`wget --header\`, \`git -c http.extraHeader\`), and npm
      \`_authToken\`/\`_auth\`/\`_password\` settings. Values taken from variables (\`$TOKEN\`, \`\${NPM_TOKEN}\`) are
      fine.`,
    why: `The text of every \`RUN\` is stored in the image: \`docker history --no-trunc\` prints it, and so does
      any registry UI that shows the build steps. A password written there is shared with everyone who can pull
      the image and stays in the Dockerfile's version history too. A build secret is mounted for one command and
      never stored: \`docker build --secret id=token,env=GITHUB_TOKEN\` with \`RUN
      --mount=type=secret,id=token,env=GITHUB_TOKEN …\` (or read it from \`/run/secrets/token\`).`,
    bad: [
      {
        code: `FROM alpine:3.20
RUN wget -q --http-password=s3cret --http-user=ci https://example.com/tool.tgz
USER nobody
`,
        expect: [{ messageId: 'password', line: 2, column: 29, text: 's3cret' }],
      },
      {
        code: `FROM alpine:3.20
RUN git clone https://ci:s3cret@git.example.com/team/app.git /src
USER nobody
`,
        expect: [{ messageId: 'password', line: 2, column: 26, text: 's3cret' }],
      },
      {
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm config set //registry.npmjs.org/:_authToken=npm_abcdef123456 && npm ci
USER node
`,
        expect: [{ messageId: 'token', line: 4, column: 53, text: 'npm_abcdef123456' }],
      },
    ],
    good: [
      {
        caption: 'The token comes from a build secret',
        code: `FROM alpine:3.20
RUN --mount=type=secret,id=token,env=TOKEN wget -q --header="Authorization: Bearer $TOKEN" https://example.com/tool.tgz
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      for (const credential of credentialsIn(rc.name, rc.words)) {
        const { word, secret, at, kind } = credential;
        const found = model.text.indexOf(secret, word.start + at);
        const inWord = found >= 0 && found + secret.length <= word.end;
        report({
          messageId: kind,
          range: inWord ? model.rangeOf(found, found + secret.length) : model.rangeOf(word.start, word.end),
        });
      }
    }
  },
});
