import { leafStages, stageLineage } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'healthcheck-missing',
  title: 'Images should define a HEALTHCHECK',
  defaultSeverity: 'off',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3057' },
    { tool: 'trivy', id: 'DS026' },
  ],
  lesson: 'limits-and-debugging',
  fix: 'none',
  messages: {
    missing: 'This image has no HEALTHCHECK: add one so that Docker can tell a hung container from a healthy one.',
  },
  docs: {
    flags: 'A stage that is an image of its own (no later stage builds on it or copies from it) without a `HEALTHCHECK`, neither its own nor one inherited from a stage it is built `FROM`. Off by default: many images get their health checks from the orchestrator instead.',
    why: 'Without a health check Docker only knows whether the main process is running, not whether it still answers. A `HEALTHCHECK` lets `docker ps`, Compose (`depends_on: condition: service_healthy`) and Swarm see an unhealthy container and act on it. `HEALTHCHECK NONE` states on purpose that there is none.',
    bad: [{ code: 'FROM nginx:1.27-alpine\nUSER nginx\n', settings: { rules: { 'healthcheck-missing': 'info' } } }],
    good: [{ code: 'FROM nginx:1.27-alpine\nHEALTHCHECK --interval=30s CMD ["wget", "-q", "-O", "/dev/null", "http://localhost/"]\nUSER nginx\n' }],
  },
  check(model, report) {
    for (const stage of leafStages(model)) {
      const has = stageLineage(stage).some((s) => s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK'));
      if (!has) report({ messageId: 'missing', range: stage.from.getImageRange() ?? stage.from.getRange() });
    }
  },
});
