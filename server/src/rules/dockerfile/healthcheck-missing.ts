import { TextEdit } from 'vscode-languageserver-types';
import { execFormText, healthcheckCommand } from '../../data/healthchecks';
import { imageBaseName } from '../../dockerfile/image';
import { eol } from '../../dockerfile/edits';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { leafStages, stageLineage } from '../../dockerfile/stageRefs';
import { distroFamily } from '../../dockerfile/users';
import { defineDockerfileRule, FixProposal } from '../types';

/** Ports the official web server images listen on (their own EXPOSE, which we cannot see). */
const IMAGE_PORTS: Record<string, string> = { nginx: '80', httpd: '80', 'nginx-unprivileged': '8080' };

function rootImageName(stage: Stage): string | null {
  const lineage = stageLineage(stage);
  const root = lineage[lineage.length - 1];
  return root.image ? imageBaseName(root.image) : null;
}

/** The port the stage EXPOSEs first, for an HTTP check. */
function exposedPort(stage: Stage): string | null {
  for (const s of stageLineage(stage)) {
    for (const instruction of s.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      const port = /^(\d+)/.exec(instruction.getArguments()[0]?.getValue() ?? '');
      if (port) return port[1];
    }
  }
  return null;
}

/**
 * A HEALTHCHECK template before the stage's CMD/ENTRYPOINT (or at its end):
 * the image's own client for known databases, otherwise an HTTP probe with
 * the tool the distribution ships (BusyBox wget on Alpine, curl elsewhere),
 * as a snippet whose command and port the user adjusts.
 */
function healthcheckFix(model: DockerfileModel, stage: Stage): FixProposal[] {
  const family = distroFamily(model, stage);
  if (family === 'scratch' || family === 'distroless') return [];
  const name = rootImageName(stage);
  const nl = eol(model);
  const anchor = stage.instructions.find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  const position = anchor
    ? { line: anchor.getRange().start.line, character: 0 }
    : model.document.positionAt(model.text.length);
  const lead = anchor || model.text === '' || /\n$/.test(model.text) ? '' : nl;
  const tail = anchor || /\n$/.test(model.text) || model.text === '' ? nl : '';
  const options = '--interval=30s --timeout=5s --start-period=10s --retries=3';
  const service = name ? healthcheckCommand(name) : null;
  if (service) {
    const line = `HEALTHCHECK ${options} CMD ${execFormText(service)}`;
    return [
      {
        title: `Add a HEALTHCHECK using ${name}'s own client`,
        safe: false,
        edits: [TextEdit.insert(position, lead + line + tail)],
      },
    ];
  }
  const port = exposedPort(stage) ?? (name ? IMAGE_PORTS[name] : undefined) ?? '8080';
  const probe = family === 'alpine' ? ['wget', '-q', '-O', '/dev/null'] : ['curl', '-fsS', '-o', '/dev/null'];
  const words = (url: string) => [...probe, url].map((w) => `"${w}"`).join(', ');
  const plain = `HEALTHCHECK ${options} CMD [${words(`http://localhost:${port}/`)}]`;
  const snippet = `HEALTHCHECK ${options} CMD [${probe.map((w) => `"${w}"`).join(', ')}, "http://localhost:\${1:${port}}\${2:/}"]`;
  return [
    {
      title: `Add an HTTP HEALTHCHECK (${probe[0]} on port ${port}; adjust the path)`,
      safe: false,
      edits: [TextEdit.insert(position, lead + plain + tail)],
      snippet: lead + snippet + tail,
    },
  ];
}

export default defineDockerfileRule({
  id: 'healthcheck-missing',
  title: 'Images should define a HEALTHCHECK',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3057' },
    { tool: 'trivy', id: 'DS026' },
  ],
  lesson: 'limits-and-debugging',
  fix: 'unsafe',
  messages: {
    missing: 'This image has no HEALTHCHECK: add one so that Docker can tell a hung container from a healthy one.',
  },
  docs: {
    flags: `A stage that is an image of its own (no later stage builds on it or copies from it) without a
      \`HEALTHCHECK\`, neither its own nor one inherited from a stage it is built \`FROM\`. Only in the \`all\`
      preset: many images get their health checks from the orchestrator instead.`,
    why: `Without a health check Docker only knows whether the main process is running, not whether it still
      answers. A \`HEALTHCHECK\` lets \`docker ps\`, Compose (\`depends_on: condition: service_healthy\`) and Swarm
      see an unhealthy container and act on it. \`HEALTHCHECK NONE\` states on purpose that there is none.`,
    bad: [
      {
        code: `FROM nginx:1.27-alpine
USER nginx
`,
        settings: { rules: { 'healthcheck-missing': 'info' } },
        fixed: `FROM nginx:1.27-alpine
USER nginx
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://localhost:80/"]
`,
        expect: [{ messageId: 'missing', line: 1, column: 6, text: 'nginx:1.27-alpine' }],
      },
      {
        caption: 'Database images get a check with their own client',
        code: `FROM postgres:16
COPY init.sql /docker-entrypoint-initdb.d/
USER postgres
`,
        settings: { rules: { 'healthcheck-missing': 'info' } },
        fixed: `FROM postgres:16
COPY init.sql /docker-entrypoint-initdb.d/
USER postgres
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["pg_isready", "-U", "postgres"]
`,
        expect: [{ messageId: 'missing', line: 1, column: 6, text: 'postgres:16' }],
      },
    ],
    good: [
      {
        code: `FROM nginx:1.27-alpine
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O", "/dev/null", "http://localhost/"]
USER nginx
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of leafStages(model)) {
      const has = stageLineage(stage).some((s) => s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK'));
      if (!has)
        report({
          messageId: 'missing',
          range: stage.from.getImageRange() ?? stage.from.getRange(),
          fixes: () => healthcheckFix(model, stage),
        });
    }
  },
});
