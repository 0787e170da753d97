/**
 * Signals worth offering for `STOPSIGNAL`, with when each one is the right
 * choice. Written for Docker Coach; the application-specific facts are those
 * of the programs' own documentation and the official images' Dockerfiles.
 */

export interface SignalDoc {
  name: string;
  /** Markdown. */
  doc: string;
}

export const STOP_SIGNALS: readonly SignalDoc[] = [
  {
    name: 'SIGTERM',
    doc:
      'The default stop signal. Most servers finish their work and exit on it.\n\n' +
      'The kernel applies no default action to PID 1: a program running as PID 1 without a `SIGTERM` handler ignores it, and ' +
      '`docker stop` kills it after the timeout (10 s). Run such programs under an init (`docker run --init`, tini).',
  },
  {
    name: 'SIGINT',
    doc:
      'What Ctrl+C sends. Choose it for programs that shut down cleanly on an interrupt but not on `SIGTERM`, e.g. a Python ' +
      'application as PID 1 that has no `SIGTERM` handler (Python handles `SIGINT` by raising `KeyboardInterrupt`).',
  },
  {
    name: 'SIGQUIT',
    doc:
      'Graceful shutdown for nginx and PHP-FPM: they stop accepting connections and finish the requests in flight (on ' +
      '`SIGTERM` they stop at once). Their official images set `STOPSIGNAL SIGQUIT`. Programs without a handler terminate ' +
      'and may dump core.',
  },
  {
    name: 'SIGKILL',
    doc:
      'Cannot be caught: the process dies at once, without closing files or connections. Docker sends it anyway when the stop ' +
      'timeout runs out, so as a stop signal it only removes the chance of a clean shutdown.',
  },
  {
    name: 'SIGHUP',
    doc:
      'Traditionally "reload your configuration": nginx, Apache httpd and many other daemons reload or restart on it ' +
      'instead of exiting. Use it only for a program that documents it as its stop signal.',
  },
  {
    name: 'SIGUSR1',
    doc: 'Has no fixed meaning; each application defines it (nginx reopens its log files). Use it only when the application documents it as its shutdown signal.',
  },
  {
    name: 'SIGUSR2',
    doc: 'Has no fixed meaning; each application defines it (nginx upgrades its binary). Use it only when the application documents it as its shutdown signal.',
  },
  {
    name: 'SIGWINCH',
    doc:
      'Normally "the terminal was resized", ignored by programs without a handler. Apache httpd uses it for a graceful stop ' +
      '(finish the requests in flight); its official image sets `STOPSIGNAL SIGWINCH`.',
  },
  {
    name: 'SIGRTMIN+3',
    doc: 'What systemd shuts down cleanly on. Use it when the container runs systemd as PID 1: on `SIGTERM` systemd re-executes itself instead of stopping.',
  },
];

/**
 * The signal names Docker accepts for `STOPSIGNAL` (moby's Linux signal map, the names without `SIG`):
 * BuildKit reads the name case-insensitively, with or without `SIG`, or a non-zero number.
 */
export const SIGNAL_NAMES: ReadonlySet<string> = new Set([
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
  'RTMIN',
  'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

/** Whether Docker accepts `value` (quotes already removed) as a stop signal. */
export function isStopSignal(value: string): boolean {
  if (/^[+-]?\d+$/.test(value)) return !/^[+-]?0+$/.test(value);
  return SIGNAL_NAMES.has(value.toUpperCase().replace(/^SIG/, ''));
}
