// Minimal typings for the SPDX packages (plain CommonJS, no declarations of their own).
declare module 'spdx-expression-parse' {
  /** Parses an SPDX license expression; throws on an invalid one. */
  function parse(source: string): object;
  export = parse;
}
declare module 'spdx-license-ids' {
  const ids: string[];
  export = ids;
}
declare module 'spdx-license-ids/deprecated.json' {
  const ids: string[];
  export = ids;
}
declare module 'spdx-exceptions' {
  const ids: string[];
  export = ids;
}
