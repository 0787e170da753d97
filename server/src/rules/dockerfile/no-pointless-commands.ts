import { mountsOf, RunCommand, runCommands } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

/** Commands that make no sense in a build step, and why. */
const POINTLESS: Record<string, string> = {
  free: 'shows the memory of a build container that is gone once the step ends',
  ifconfig: 'network settings made during a build do not reach the running container',
  kill: 'nothing in this RUN was started in the background, and no process outlives a RUN step, so there is nothing of the running container to stop',
  mount: 'a build step cannot mount file systems; use RUN --mount for caches, secrets and bind mounts',
  ps: 'lists the processes of a build container that is gone once the step ends',
  service: 'a service started in a RUN step stops when the step ends; start it from CMD or ENTRYPOINT',
  shutdown: 'a container stops when its main process exits; there is no system to shut down',
  ssh: 'a build has no one to type a password or accept a host key; clone with RUN --mount=type=ssh or COPY the files',
  top: 'an interactive monitor has no terminal during a build',
  vim: 'nobody can type into an editor during a build; change files with sed, a patch or COPY',
};

/**
 * A kill that stops a process the same RUN started: something earlier in the script runs in the
 * background (`daemon & … kill $!`), or the target is computed (`$pid`, `$(cat /run/x.pid)`) or a
 * job (`%1`). Starting a helper daemon, using it and stopping it in one RUN is a normal pattern.
 */
function killsOwnProcess(rc: RunCommand): boolean {
  const commands = rc.script.commands;
  const index = commands.indexOf(rc.command);
  if (commands.slice(0, index).some((c) => c.background)) return true;
  return rc.words.slice(1).some((w) => w.value === null || w.value.startsWith('%'));
}

export default defineDockerfileRule({
  id: 'no-pointless-commands',
  title: 'Commands that make no sense in a build',
  defaultSeverity: 'info',
  category: 'correctness',
  equivalents: [{ tool: 'hadolint', id: 'DL3001' }],
  lesson: 'images-and-containers',
  fix: 'none',
  messages: {
    pointless: '"{command}" in a RUN: {reason}.',
  },
  docs: {
    flags: `Interactive or system-management commands in a \`RUN\`: \`ssh\`, \`vim\`, \`shutdown\`, \`service\`, \`ps\`,
      \`free\`, \`top\`, \`kill\`, \`mount\`, \`ifconfig\`. \`ssh\` is accepted in a \`RUN\` that mounts an SSH agent
      (\`--mount=type=ssh\`). \`kill\` is accepted when it stops a process of the same \`RUN\`: after a command
      started in the background (\`&\`), or with a computed target (\`kill $!\`, \`kill "$pid"\`, \`kill $(cat
      /run/app.pid)\`, \`kill %1\`).`,
    why: `Each \`RUN\` executes in a throw-away container without a terminal, init system or user at the
      keyboard, and only the files it leaves behind become part of the image. Processes, services, mounts and
      network settings end with the step, and an interactive program either waits forever or fails. Such a
      command is usually a leftover from working in a virtual machine: do the work with files (\`COPY\`, \`sed\`),
      and start services from \`CMD\` or \`ENTRYPOINT\`.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN service nginx start
USER nobody
`,
        expect: [{ messageId: 'pointless', line: 2, column: 5, text: 'service' }],
      },
      {
        code: `FROM debian:12-slim
RUN ps aux
USER nobody
`,
        expect: [{ messageId: 'pointless', line: 2, column: 5, text: 'ps' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN sed -i "s/^#user/user/" /etc/example.conf
USER nobody
`,
      },
      {
        caption: 'Start a helper in the background, use it, stop it',
        code: `FROM debian:12-slim
RUN /usr/local/bin/helper --listen 127.0.0.1:9000 & pid=$!; sleep 2; /usr/local/bin/setup --server 127.0.0.1:9000; kill "$pid"
USER nobody
`,
      },
      {
        caption: "ssh with the build's SSH agent",
        code: `FROM debian:12-slim
RUN --mount=type=ssh ssh -o StrictHostKeyChecking=yes git@example.com info
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name === null || !Object.prototype.hasOwnProperty.call(POINTLESS, rc.name)) continue;
      if (rc.name === 'ssh' && mountsOf(rc.run).some((m) => m.get('type') === 'ssh')) continue;
      if (rc.name === 'kill' && killsOwnProcess(rc)) continue;
      const name = rc.words[0];
      report({
        messageId: 'pointless',
        data: { command: rc.name, reason: POINTLESS[rc.name] },
        range: model.rangeOf(name.start, name.end),
      });
    }
  },
});
