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
  patch(net, 'connect', 'net.connect');
  patch(net, 'createConnection', 'net.createConnection');
  patch(tls, 'connect', 'tls.connect');
  patch(dns, 'lookup', 'dns.lookup');
  patch(dns, 'resolve', 'dns.resolve');
  patch(dns.promises, 'lookup', 'dns.promises.lookup');
  patch(http, 'request', 'http.request');
  patch(http, 'get', 'http.get');
  patch(https, 'request', 'https.request');
  patch(https, 'get', 'https.get');
  patch(dgram, 'createSocket', 'dgram.createSocket');
  if (typeof globalThis.fetch === 'function') patch(globalThis, 'fetch', 'fetch');
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
