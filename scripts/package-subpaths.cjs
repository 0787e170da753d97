// dclint's package.json "exports" hides its `schemas/` folder, which we import as JSON.
// esbuild bundles it through a plugin (scripts/build.mjs); this hook lets Node load the
// tsc output (out/) that the unit tests run: `dclint/schemas/x.json` → the file itself.
const Module = require('module');
const path = require('path');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^dclint\/schemas\/[\w.-]+\.json$/.test(request)) {
    const root = path.dirname(resolve.call(this, 'dclint/package.json', ...rest));
    return path.join(root, request.slice('dclint/'.length));
  }
  return resolve.call(this, request, ...rest);
};
