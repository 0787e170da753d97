/**
 * Forbids the network: every way Node opens a socket or resolves a name
 * throws (in-process use: `forbidNetwork()` / the returned restore), or, as a
 * preload (`node --require out/test/support/noNetwork.js`, with
 * DOCKER_COACH_FORBID_NETWORK=exit), ends the process with code 97 and says
 * what was used.
 */
import dgram = require('dgram');
import dns = require('dns');
import http = require('http');
import https = require('https');
import net = require('net');
import tls = require('tls');

export const NETWORK_EXIT_CODE = 97;

type Patchable = Record<string, unknown>;

export function forbidNetwork(onUse: (what: string) => never): () => void {
  const saved: [Patchable, string, unknown][] = [];
  const patch = (target: Patchable, key: string, what: string) => {
    saved.push([target, key, target[key]]);
    target[key] = () => onUse(what);
  };
  patch(net.Socket.prototype as unknown as Patchable, 'connect', 'net.Socket#connect');
  patch(net as unknown as Patchable, 'connect', 'net.connect');
  patch(net as unknown as Patchable, 'createConnection', 'net.createConnection');
  patch(tls as unknown as Patchable, 'connect', 'tls.connect');
  patch(dns as unknown as Patchable, 'lookup', 'dns.lookup');
  patch(dns as unknown as Patchable, 'resolve', 'dns.resolve');
  patch(dns.promises as unknown as Patchable, 'lookup', 'dns.promises.lookup');
  patch(http as unknown as Patchable, 'request', 'http.request');
  patch(http as unknown as Patchable, 'get', 'http.get');
  patch(https as unknown as Patchable, 'request', 'https.request');
  patch(https as unknown as Patchable, 'get', 'https.get');
  patch(dgram as unknown as Patchable, 'createSocket', 'dgram.createSocket');
  if (typeof globalThis.fetch === 'function') patch(globalThis as unknown as Patchable, 'fetch', 'fetch');
  return () => {
    for (const [target, key, value] of saved.reverse()) target[key] = value;
  };
}

if (process.env.DOCKER_COACH_FORBID_NETWORK === 'exit') {
  forbidNetwork((what) => {
    process.stderr.write(`NETWORK USE: ${what}\n`);
    process.exit(NETWORK_EXIT_CODE);
  });
}
