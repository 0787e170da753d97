import { Arg, Env } from 'dockerfile-ast';
import { looksLikeSecretName } from '../../dockerfile/variables';
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
    secret: '{keyword} "{name}" looks like a secret: values of ARG and ENV stay in the image metadata and history. Use a secret mount (RUN --mount=type=secret) instead.',
  },
  docs: {
    flags: 'An `ARG` or `ENV` whose name is, starts with or ends with (at an underscore) `apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`, `passwd`, `secret` or `token`, in any case, unless the name also contains the word `public`. This is BuildKit\'s heuristic; hadolint\'s DL3064 uses a list of known names and substrings instead (it also flags `username` and `private`), which finds more but also flags names such as `PRIVATE_REGISTRY`.',
    why: 'ENV values are stored in the image configuration, and build arguments are recorded in the image history: anyone who can pull the image can read them with `docker history` or `docker inspect`. Build secrets (`RUN --mount=type=secret,id=…`) are mounted only while one RUN executes and never stored in a layer.',
    bad: [
      { code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN wget -q --header="Authorization: token $GITHUB_TOKEN" https://example.com/app.tgz\nUSER nobody\n' },
      { code: 'FROM alpine:3.20\nENV DB_PASSWORD=changeme\nUSER nobody\n' },
    ],
    good: [
      { code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN wget -q --header="Authorization: token $GITHUB_TOKEN" https://example.com/app.tgz\nUSER nobody\n' },
      { caption: 'Public keys and ordinary names are fine', code: 'FROM alpine:3.20\nARG PUBLIC_KEY_URL=https://example.com/key.pub\nENV MONKEY_COUNT=3 TRUST_URL=${PUBLIC_KEY_URL}\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (!(instruction instanceof Arg || instruction instanceof Env)) continue;
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        if (looksLikeSecretName(name)) report({ messageId: 'secret', data: { keyword: instruction.getKeyword(), name }, range: property.getNameRange() });
      }
    }
  },
});
