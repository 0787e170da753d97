import { TextEdit } from 'vscode-languageserver-types';
import { argumentsForm, toExecForm } from '../../dockerfile/execForm';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'exec-form-cmd',
  title: 'Write CMD and ENTRYPOINT in exec (JSON) form',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3025' },
    { tool: 'buildkit', id: 'JSONArgsRecommended' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    shell: '{keyword} in shell form runs under "/bin/sh -c", so your process is not PID 1 and does not receive SIGTERM on "docker stop": use the JSON form.',
  },
  docs: {
    flags: '`CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`) rather than exec form (`CMD ["node", "server.js"]`).',
    why: 'In shell form Docker starts `/bin/sh -c "<your command>"`. The shell becomes PID 1 and most shells do not forward signals, so `docker stop` waits for its timeout (10 s by default) and then kills the process with SIGKILL: no graceful shutdown, lost in-flight work. A shell-form `ENTRYPOINT` also ignores the arguments of `docker run` and any `CMD`. The exec form runs the program directly. Use `exec` inside a script if you really need the shell.',
    bad: [
      {
        code: 'FROM node:20-alpine\nUSER node\nCMD node server.js\n',
        fixed: 'FROM node:20-alpine\nUSER node\nCMD ["node", "server.js"]\n',
      },
      {
        code: 'FROM alpine:3.20\nUSER nobody\nENTRYPOINT /usr/local/bin/app --port 8080\n',
        fixed: 'FROM alpine:3.20\nUSER nobody\nENTRYPOINT ["/usr/local/bin/app", "--port", "8080"]\n',
      },
    ],
    good: [
      { code: 'FROM node:20-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
      { code: 'FROM alpine:3.20\nUSER nobody\nENTRYPOINT ["/usr/local/bin/app"]\nCMD ["--port", "8080"]\n' },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const hasEntrypoint = stage.instructions.some((i) => i.getKeyword() === 'ENTRYPOINT');
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const range = instruction.getArgumentsRange();
        if (!range || argumentsForm(model, instruction).kind !== 'shell') continue;
        report({
          messageId: 'shell',
          data: { keyword },
          range,
          fixes: () => {
            const scripts = model.shellScripts(instruction);
            const script = scripts?.[0];
            if (!script || scripts!.length !== 1 || script.error || script.commands.length !== 1) return [];
            const command = script.commands[0];
            if (command.nested || command.redirects || command.assignments || command.words.some((w) => w.value === null)) return [];
            const values = command.words.map((w) => w.value!);
            // Converting changes how ENTRYPOINT combines with CMD and how CMD combines with an ENTRYPOINT.
            const safe = keyword === 'CMD' && !hasEntrypoint;
            return [{ title: `Convert ${keyword} to exec form`, safe, edits: [TextEdit.replace(range, toExecForm(values))] }];
          },
        });
      }
    }
  },
});
