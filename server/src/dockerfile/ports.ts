/**
 * EXPOSE values as BuildKit reads them: go-connections' `nat.ParsePortSpec` (`[ip:][hostPort:]containerPort[/proto]`),
 * which fails the build on the first problem it finds. Pure functions over one word (variables already expanded).
 */
import { isIP } from 'net';

export type PortProblem =
  | { kind: 'empty' }
  | { kind: 'protocol'; protocol: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'container'; port: string }
  | { kind: 'range'; port: string }
  | { kind: 'host'; port: string }
  | { kind: 'ranges'; container: string; host: string };

/** The parts of a spec: the IP (everything before the last two colons), the host port and the container port. */
export function splitPortSpec(value: string): { ip: string; host: string; container: string } {
  const parts = value.split(':');
  const n = parts.length;
  if (n === 1) return { ip: '', host: '', container: parts[0] };
  if (n === 2) return { ip: '', host: parts[0], container: parts[1] };
  return { ip: parts.slice(0, n - 2).join(':'), host: parts[n - 2], container: parts[n - 1] };
}

/** Go's `strconv.ParseUint(s, 10, 16)`: decimal digits only, at most 65535; null otherwise. */
function parsePort(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= 65535 ? n : null;
}

/** nat.ParsePortRange: `n` or `start-end` (only the first two `-` parts are read), end not below start. */
function parsePortRange(text: string): { start: number; end: number } | 'invalid' | 'too-high' {
  const parts = text.split('-');
  const words = parts.length === 1 ? [parts[0]] : [parts[0], parts[1]];
  if (words.every((w) => /^\d+$/.test(w)) && words.some((w) => Number(w) > 65535)) return 'too-high';
  const numbers = words.map(parsePort);
  if (numbers.some((n) => n === null)) return 'invalid';
  const [start, end = start] = numbers as number[];
  return end < start ? 'invalid' : { start, end };
}

/** The problem BuildKit reports for one EXPOSE word, or null when it accepts it. */
export function portSpecProblem(value: string): PortProblem | null {
  const { ip: rawIp, host, container: withProto } = splitPortSpec(value);
  // The port before the first `/`, the protocol after it (all of it: `tcp/x` is not a protocol); none means tcp.
  const slash = withProto.indexOf('/');
  const container = slash < 0 ? withProto : withProto.slice(0, slash);
  const protocol = slash < 0 ? '' : withProto.slice(slash + 1);
  if (container === '') return { kind: 'empty' };
  if (protocol !== '' && !['tcp', 'udp', 'sctp'].includes(protocol.toLowerCase()))
    return { kind: 'protocol', protocol };
  let ip = rawIp;
  if (ip.startsWith('[')) ip = /^\[([^\]]*)\]$/.exec(ip)?.[1] ?? '\0';
  if (ip !== '' && (isIP(ip) === 0 || ip.includes('%'))) return { kind: 'ip', ip: rawIp };
  const containerRange = parsePortRange(container);
  if (containerRange === 'too-high') return { kind: 'range', port: container };
  if (containerRange === 'invalid') return { kind: 'container', port: container };
  if (host !== '') {
    const hostRange = parsePortRange(host);
    if (typeof hostRange === 'string') return { kind: 'host', port: host };
    const single = containerRange.start === containerRange.end;
    if (!single && hostRange.end - hostRange.start !== containerRange.end - containerRange.start)
      return { kind: 'ranges', container, host };
  }
  return null;
}

/** The problem in plain words, for messages. */
export function describePortProblem(problem: PortProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'there is no port before the "/"';
    case 'protocol':
      return `"${problem.protocol}" is not a protocol (tcp, udp or sctp)`;
    case 'ip':
      return `"${problem.ip}" is not an IP address`;
    case 'container':
      return `"${problem.port}" is not a port or port range`;
    case 'range':
      return `${problem.port} is beyond the highest port, 65535`;
    case 'host':
      return `the host port "${problem.port}" is not a port or port range`;
    case 'ranges':
      return `the host range ${problem.host} and the container range ${problem.container} differ in size`;
  }
}
