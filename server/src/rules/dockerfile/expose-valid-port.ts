import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'expose-valid-port',
  title: 'EXPOSE ports must be between 0 and 65535',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3011' },
    { tool: 'trivy', id: 'DS008' },
  ],
  lesson: 'networking',
  fix: 'none',
  messages: {
    range: 'Port {port} is outside the valid range 0–65535.',
    invalid: '"{value}" is not a port: write a number (8080), a range (8000-8010), optionally with /tcp, /udp or /sctp.',
    protocol: '"{value}": "{protocol}" is not a protocol, and BuildKit stops the build ("invalid proto"): write /tcp, /udp or /sctp after the port.',
  },
  docs: {
    flags: 'An `EXPOSE` value that is not a port number, a port range or one of those followed by `/tcp`, `/udp` or `/sctp` (in any case; a bare trailing `/` means tcp, as in BuildKit), or a port above 65535. BuildKit reads the protocol as everything after the first `/`, so `8080/tcp/x` has the protocol `tcp/x` and fails the build (older Docker versions, which split at every `/`, kept `8080/tcp`). Values built from variables, and values with an IP address or host port (see [expose-invalid-format](expose-invalid-format.md)), are not judged here.',
    why: 'TCP and UDP ports are 16-bit numbers, so nothing can listen on port 70000. Docker rejects such a value when the image is built or the container starts, and a typo here usually means the port you meant to document is wrong too.',
    bad: [
      { code: 'FROM nginx:1.27\nEXPOSE 80800\nUSER nginx\n' },
      { code: 'FROM nginx:1.27\nEXPOSE http\nUSER nginx\n' },
      { caption: 'Not a protocol', code: 'FROM nginx:1.27\nEXPOSE 8080/tcp/x\nUSER nginx\n' },
    ],
    good: [{ code: 'FROM nginx:1.27\nEXPOSE 8080 8443/tcp 5353/udp 9000-9010 8081/\nUSER nginx\n' }, { code: 'FROM nginx:1.27\nARG PORT=8080\nEXPOSE ${PORT}\nUSER nginx\n' }],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        // IP addresses and host ports (a colon) are expose-invalid-format's.
        if (value.includes('$') || value.includes(':')) continue;
        // As BuildKit reads it: the port before the first `/`, the protocol after it (case-insensitive;
        // nothing after the slash means tcp, so `8080/` is 8080/tcp).
        const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp)?)?$/i.exec(value);
        if (!match) {
          const protocol = /^\d+(?:-\d+)?\/(.+)$/.exec(value)?.[1];
          if (protocol !== undefined) report({ messageId: 'protocol', data: { value, protocol }, range: arg.getRange() });
          else report({ messageId: 'invalid', data: { value }, range: arg.getRange() });
          continue;
        }
        const tooHigh = [match[1], match[2]].find((p) => p !== undefined && Number(p) > 65535);
        if (tooHigh) report({ messageId: 'range', data: { port: tooHigh }, range: arg.getRange() });
      }
    }
  },
});
