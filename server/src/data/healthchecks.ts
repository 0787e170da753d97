/**
 * Health checks that the official database and cache images can run with
 * what they ship, keyed by the image's base name. Shared by the Dockerfile
 * `HEALTHCHECK` fix and the compose `healthcheck:` fix.
 */
const SERVICE_CHECKS: Record<string, readonly string[]> = {
  postgres: ['pg_isready', '-U', 'postgres'],
  redis: ['redis-cli', 'ping'],
  valkey: ['valkey-cli', 'ping'],
  // `mysqladmin ping` exits 0 once the server answers, even when access is denied.
  mysql: ['mysqladmin', 'ping', '-h', '127.0.0.1'],
  mariadb: ['healthcheck.sh', '--connect', '--innodb_initialized'],
  mongo: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
};

/** The exec-form command words of a known image's health check, or null. */
export function healthcheckCommand(imageBaseName: string): readonly string[] | null {
  return SERVICE_CHECKS[imageBaseName] ?? null;
}

/** Words as a JSON array (`["pg_isready", "-U", "postgres"]`), valid in a Dockerfile and in YAML. */
export function execFormText(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}
