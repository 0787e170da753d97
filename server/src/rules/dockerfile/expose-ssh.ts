import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'expose-ssh',
  title: 'Do not expose the SSH port',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'trivy', id: 'DS004' }],
  lesson: 'security',
  fix: 'none',
  messages: {
    ssh: 'Port 22 is for SSH: containers are entered with "docker exec", so do not run or expose an SSH server.',
  },
  docs: {
    flags: '`EXPOSE 22` (with or without `/tcp` or `/udp`).',
    why: 'Port 22 means an SSH server runs in the container. That is one more long-running process, one more set of credentials or keys to manage and one more service that attackers can reach. Docker already gives you a shell in a running container with `docker exec -it <container> sh` (and `kubectl exec` on Kubernetes), without any daemon or key in the image.',
    bad: [{ code: 'FROM ubuntu:24.04\nEXPOSE 22\nUSER nobody\n' }],
    good: [{ code: 'FROM nginx:1.27\nEXPOSE 8080\nUSER nginx\n' }],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        if (/^22(\/(tcp|udp))?$/i.test(arg.getValue())) report({ messageId: 'ssh', range: arg.getRange() });
      }
    }
  },
});
