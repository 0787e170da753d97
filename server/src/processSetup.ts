/**
 * Imported first by the server: process-wide V8 settings that must be in place
 * before any real work (see `SERVER_PROCESS.v8Flags`).
 */
import { applyServerV8Flags } from './serverProcess';

applyServerV8Flags();
