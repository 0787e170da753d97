#!/usr/bin/env node
/**
 * `docker-coach-language-server`: runs the server bundle (`server.bundle.js`)
 * through V8's code cache (util/codeCache.ts).
 */
import * as v8 from 'v8';
import { applyServerV8Flags, EXPOSE_GC } from '../serverProcess';
import { runBundle } from '../util/codeCache';

// V8 takes cached code only under the flags it was made with, and the server sets its own as it starts: set
// them before the bundle is compiled.
applyServerV8Flags();
v8.setFlagsFromString(EXPOSE_GC);
runBundle('server.bundle.js', { module, require, filename: __filename });
