/** The compose-spec JSON schema (draft-07) shipped in the dclint package; esbuild bundles it (see scripts/build.mjs). */
export { default } from 'dclint/schemas/compose.schema.json';
