import { posix } from 'path';
import { copyInstructions, isRemoteSource } from '../../dockerfile/copies';
import { defineDockerfileRule } from '../types';

/** `.env` files meant to be committed as templates. */
const ENV_TEMPLATES = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'default']);

/** File names that hold credentials by convention. */
const SECRET_NAMES = new Set([
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  'id_ecdsa_sk',
  'id_ed25519_sk',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  'credentials.json',
  '.htpasswd',
]);

/** Directories that hold credentials by convention (`~/.ssh`, `~/.aws`). */
const SECRET_DIRS = new Set(['.ssh', '.aws', '.gnupg']);

/** Key stores and private keys by extension. */
const KEY_EXTENSIONS = new Set(['.key', '.p12', '.pfx', '.pem', '.jks', '.keystore']);

/** A `.pem` named like a certificate holds public data (CA bundles, certificate chains). */
const PUBLIC_PEM = /(^|[-_.])(ca|cacert|cert|certs|certificate|chain|fullchain|bundle|pub|public|root)([-_.]|$)/i;

/** Why a source looks like a secret, or null. */
export function secretKind(source: string): string | null {
  const path = source.replace(/\\/g, '/').replace(/\/+$/, '');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const name = parts[parts.length - 1] ?? '';
  if (
    name === '.env' ||
    /^\.env[*?[]/.test(name) ||
    (name.startsWith('.env.') && !ENV_TEMPLATES.has(name.slice(5).toLowerCase()))
  )
    return 'an environment file';
  if (SECRET_NAMES.has(name))
    return name === 'credentials.json' || name === '.git-credentials'
      ? 'a credentials file'
      : name.startsWith('id_')
        ? 'a private SSH key'
        : 'a file that usually holds a token or password';
  if (parts.slice(-2).join('/') === '.docker/config.json' || parts.slice(-2).join('/') === '.kube/config')
    return 'a file that holds registry or cluster credentials';
  if (parts.some((p) => SECRET_DIRS.has(p))) return 'a folder of keys or credentials';
  const ext = posix.extname(name).toLowerCase();
  if (KEY_EXTENSIONS.has(ext) && !(ext === '.pem' && PUBLIC_PEM.test(name.slice(0, -4))))
    return 'a private key or key store';
  return null;
}

export default defineDockerfileRule({
  id: 'copy-secret-files',
  title: 'Do not copy secrets into the image',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [],
  lesson: 'configuration-and-secrets',
  fix: 'none',
  messages: {
    secret:
      '"{source}" looks like {kind}: everything copied stays readable in the image layers. Pass it at build time with RUN --mount=type=secret, or at run time.',
  },
  docs: {
    flags: `A \`COPY\` or \`ADD\` whose source looks like a secret: \`.env\` and \`.env.*\` files (not \`.env.example\`,
      \`.env.sample\`, \`.env.template\`), private SSH keys (\`id_rsa\`, \`id_ed25519\`…), \`*.key\`, \`*.p12\`, \`*.pfx\`,
      \`*.jks\` and \`*.pem\` files (not those named like certificates, such as \`ca.pem\` or \`fullchain.pem\`),
      \`.npmrc\`, \`.pypirc\`, \`.netrc\`, \`.git-credentials\`, \`credentials.json\`, \`.docker/config.json\`,
      \`.kube/config\`, and anything under \`.ssh/\`, \`.aws/\` or \`.gnupg/\`. Glob sources are checked too (\`COPY
      *.key …\`). Reported as a warning rather than an error because only the name is known: an \`.npmrc\` may hold
      nothing but a registry address.`,
    why: `Every file a \`COPY\` puts in a layer can be read by anyone who can pull the image, with \`docker
      save\` or \`docker history\`, and deleting it in a later instruction does not remove it from the earlier
      layer. Secrets needed during the build belong in a secret mount: \`docker build --secret
      id=npmrc,src=.npmrc\` with \`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\` makes the file
      available to that one command and never stores it. Secrets needed at run time belong in environment
      variables, compose \`secrets:\` or the orchestrator's secret store.`,
    bad: [
      {
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY .npmrc package.json package-lock.json ./
RUN npm ci
USER node
`,
        expect: [{ messageId: 'secret', line: 3, column: 6, text: '.npmrc' }],
      },
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY .env app.py ./
USER nobody
CMD ["python", "app.py"]
`,
        expect: [{ messageId: 'secret', line: 3, column: 6, text: '.env' }],
      },
      {
        code: `FROM alpine:3.20
COPY id_ed25519 /root/.ssh/id_ed25519
USER nobody
`,
        expect: [{ messageId: 'secret', line: 2, column: 6, text: 'id_ed25519' }],
      },
    ],
    good: [
      {
        caption: 'The token is mounted for one command only',
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
USER node
`,
      },
      {
        caption: 'Templates and certificates are not secrets',
        code: `FROM python:3.12-slim
WORKDIR /app
COPY .env.example app.py ./
COPY ca.pem /usr/local/share/ca-certificates/ca.crt
USER nobody
CMD ["python", "app.py"]
`,
      },
    ],
  },
  check(model, report) {
    for (const copy of copyInstructions(model)) {
      for (const source of copy.sources) {
        if (copy.keyword === 'ADD' && isRemoteSource(source.value)) continue;
        const kind = secretKind(source.value);
        if (kind) report({ messageId: 'secret', data: { source: source.value, kind }, range: source.range });
      }
    }
  },
});
