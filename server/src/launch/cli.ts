#!/usr/bin/env node
/**
 * `docker-coach`: runs the CLI bundle (`cli.bundle.js`) through V8's code cache
 * (util/codeCache.ts). The CLI's lint threads start from this file too.
 */
import { runBundle } from '../util/codeCache';

runBundle('cli.bundle.js', { module, require, filename: __filename });
