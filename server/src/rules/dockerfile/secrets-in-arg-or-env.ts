import { Arg, Env } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { argDeclarations, looksLikeSecretName } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'secrets-in-arg-or-env',
  title: 'Do not pass secrets through ARG or ENV',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [
    { tool: 'buildkit', id: 'SecretsUsedInArgOrEnv' },
    { tool: 'hadolint', id: 'DL3064' },
  ],
  lesson: 'configuration-and-secrets',
  fix: 'none',
  messages: {
    secret:
      '{keyword} "{name}" looks like a secret: values of ARG and ENV stay in the image metadata and history. Use a secret mount (RUN --mount=type=secret) instead.',
  },
  docs: {
    flags: `An \`ARG\` or \`ENV\` whose name is, starts with or ends with (at an underscore) \`apikey\`, \`auth\`,
      \`credential(s)\`, \`key\`, \`password\`, \`pword\`, \`passwd\`, \`secret\` or \`token\`, in any case, unless a word of
      the name is \`public\`, \`file\` (a path to the secret, as in \`POSTGRES_PASSWORD_FILE\`) or \`version\`
      (\`DOCKER_AUTH_VERSION\`). This is BuildKit's heuristic, with one more exception: names ending in \`GPG_KEY\`
      or \`PGP_KEY\` (\`GPG_KEY\`, \`PYTHON_GPG_KEY\`), which by convention hold the fingerprint of a public signing
      key that a \`RUN\` passes to \`gpg --recv-keys\` (BuildKit reports those); hadolint's DL3064 uses a list of
      known names and substrings instead (it also flags \`username\` and \`private\`), which finds more but also
      flags names such as \`PRIVATE_REGISTRY\`. The same name declared again in the same stage is reported once,
      at its first declaration.`,
    why: `ENV values are stored in the image configuration, and build arguments are recorded in the image
      history: anyone who can pull the image can read them with \`docker history\` or \`docker inspect\`. Build
      secrets (\`RUN --mount=type=secret,id=…\`) are mounted only while one RUN executes and never stored in a
      layer.`,
    bad: [
      {
        code: `FROM alpine:3.20
ARG GITHUB_TOKEN
RUN wget -q --header="Authorization: token $GITHUB_TOKEN" https://example.com/app.tgz
USER nobody
`,
        expect: [{ messageId: 'secret', line: 2, column: 5, text: 'GITHUB_TOKEN' }],
      },
      {
        code: `FROM alpine:3.20
ENV DB_PASSWORD=changeme
USER nobody
`,
        expect: [{ messageId: 'secret', line: 2, column: 5, text: 'DB_PASSWORD' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN wget -q --header="Authorization: token $GITHUB_TOKEN" https://example.com/app.tgz
USER nobody
`,
      },
      {
        caption: 'Public keys and ordinary names are fine',
        code: `FROM alpine:3.20
ARG PUBLIC_KEY_URL=https://example.com/key.pub
ENV MONKEY_COUNT=3 TRUST_URL=\${PUBLIC_KEY_URL}
USER nobody
`,
      },
      {
        caption: 'So are signing-key fingerprints, versions and paths to secret files',
        code: `FROM alpine:3.20
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
ENV DOCKER_AUTH_VERSION=1.13.0
ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    // One finding per name and stage: declaring the same secret again is the same problem,
    // and removing the first declaration brings the next one up.
    let seen = new Set<string>();
    for (const instruction of model.ast.getInstructions()) {
      let names: { name: string; nameRange: Range }[];
      if (instruction.getKeyword() === 'FROM') seen = new Set();
      if (instruction instanceof Arg) names = argDeclarations(model, instruction);
      else if (instruction instanceof Env)
        names = instruction.getProperties().map((p) => ({ name: p.getName(), nameRange: p.getNameRange() }));
      else continue;
      for (const { name, nameRange } of names) {
        const key = `${instruction.getKeyword()} ${name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (looksLikeSecretName(name))
          report({ messageId: 'secret', data: { keyword: instruction.getKeyword(), name }, range: nameRange });
      }
    }
  },
});
