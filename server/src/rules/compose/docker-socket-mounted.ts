import { findingRange, volumeMounts } from '../../compose/entries';
import { isInterpolated } from '../../compose/model';
import { defineComposeRule } from '../types';

/** True when a bind source is the Docker daemon's socket, or a folder that holds it. */
export function isDockerSocketSource(source: string): boolean {
  const path = source.replace(/\\/g, '/').replace(/\/+$/, '');
  const base = path.slice(path.lastIndexOf('/') + 1);
  // The literal file name is enough even when the folder comes from a variable (`${XDG_RUNTIME_DIR}/docker.sock`).
  if (base === 'docker.sock' && !isInterpolated(base)) return true;
  if (isInterpolated(path)) return false;
  return path === '/var/run' || path === '/run' || /^\/\/\.\/pipe\/docker_engine$/i.test(path);
}

export default defineComposeRule({
  id: 'docker-socket-mounted',
  title: 'Do not mount the Docker socket',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0001' }],
  lesson: 'security',
  fix: 'none',
  messages: {
    socket:
      'Service "{service}" mounts the Docker socket ("{source}"), which gives it full control of the Docker daemon — root on the host. If it needs the Docker API, put a socket proxy that allows only the calls it makes in between.',
  },
  docs: {
    flags: `A volume whose host side is the Docker daemon's socket (\`/var/run/docker.sock\`,
      \`/run/docker.sock\`, any \`…/docker.sock\`, the Windows pipe \`//./pipe/docker_engine\`) or the \`/var/run\` or
      \`/run\` folder that holds it, in the short or the long volume syntax. \`:ro\` does not help and is not an
      exception.`,
    why: `Whoever can talk to the Docker socket can start a privileged container that mounts the host's root
      file system: access to the socket is root on the host. Mounting it read-only only makes the socket file
      read-only, not the API behind it. Tools such as reverse proxies or CI runners that need container events
      can go through a socket proxy that exposes only the read-only endpoints they use.`,
    bad: [
      {
        code: `services:
  proxy:
    image: traefik:v3.1
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
`,
        expect: [{ messageId: 'socket', line: 5, column: 9, text: '/var/run/docker.sock:/var/run/docker.sock:ro' }],
      },
      {
        caption: 'Long syntax',
        code: `services:
  runner:
    image: example/runner:1.2
    volumes:
      - type: bind
        source: /run/docker.sock
        target: /var/run/docker.sock
`,
        expect: [{ messageId: 'socket', line: 6, column: 17, text: '/run/docker.sock' }],
      },
    ],
    good: [
      {
        caption: 'The service talks to a socket proxy (a separate, locked-down stack) over the network instead',
        code: `services:
  proxy:
    image: traefik:v3.1
    environment:
      DOCKER_HOST: tcp://socket-proxy:2375
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('volumes');
      if (!entry) continue;
      for (const mount of volumeMounts(service)) {
        if (mount.type !== 'bind' || mount.source === null || !isDockerSocketSource(mount.source)) continue;
        const range = findingRange(model, service, entry, mount.syntax === 'long' ? mount.sourceNode : mount.node);
        if (range) report({ messageId: 'socket', data: { service: service.name, source: mount.source }, range });
      }
    }
  },
});
