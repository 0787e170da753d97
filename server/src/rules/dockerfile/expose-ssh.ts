import { Argument, Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { deleteInstructionLines } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import { defineDockerfileRule, FixProposal } from '../types';

export default defineDockerfileRule({
  id: 'expose-ssh',
  title: 'Do not expose the SSH port',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'trivy', id: 'DS004' }],
  lesson: 'security',
  fix: 'unsafe',
  messages: {
    ssh: 'Port 22 is for SSH: containers are entered with "docker exec", so do not run or expose an SSH server.',
  },
  docs: {
    flags: `\`EXPOSE 22\` (with or without \`/tcp\` or \`/udp\`).`,
    why: `Port 22 means an SSH server runs in the container. That is one more long-running process, one more
      set of credentials or keys to manage and one more service that attackers can reach. Docker already gives
      you a shell in a running container with \`docker exec -it <container> sh\` (and \`kubectl exec\` on
      Kubernetes), without any daemon or key in the image. The quick fix removes port 22 from \`EXPOSE\` (the
      whole line when it was the only port); it is not applied automatically, because whatever publishes or
      probes that port (\`docker run -P\`, a compose file) changes too, and the SSH server itself still needs
      removing.`,
    bad: [
      {
        code: `FROM ubuntu:24.04
EXPOSE 22
USER nobody
`,
        fixed: `FROM ubuntu:24.04
USER nobody
`,
        expect: [{ messageId: 'ssh', line: 2, column: 8, text: '22' }],
      },
      {
        code: `FROM ubuntu:24.04
EXPOSE 8080 22/tcp
USER nobody
`,
        fixed: `FROM ubuntu:24.04
EXPOSE 8080
USER nobody
`,
        expect: [{ messageId: 'ssh', line: 2, column: 13, text: '22/tcp' }],
      },
    ],
    good: [
      {
        code: `FROM nginx:1.27
EXPOSE 8080
USER nginx
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      const args = instruction.getArguments();
      args.forEach((arg, index) => {
        if (/^22(\/(tcp|udp))?$/i.test(arg.getValue()))
          report({
            messageId: 'ssh',
            range: arg.getRange(),
            fixes: () => removePortFixes(model, instruction, args, index),
          });
      });
    }
  },
});

/** Deletes one port (and the blank before it), or the whole EXPOSE when it is the only one. */
function removePortFixes(
  model: DockerfileModel,
  instruction: Instruction,
  args: Argument[],
  index: number,
): FixProposal[] {
  const arg = args[index];
  if (args.length === 1)
    return [{ title: 'Remove this EXPOSE 22', safe: false, edits: [deleteInstructionLines(model, instruction)] }];
  const range =
    index === 0
      ? { start: arg.getRange().start, end: args[1].getRange().start }
      : { start: args[index - 1].getRange().end, end: arg.getRange().end };
  return [{ title: `Remove ${arg.getValue()} from EXPOSE`, safe: false, edits: [TextEdit.del(range)] }];
}
