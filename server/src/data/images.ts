/**
 * An offline list of common official images and tags that exist for them,
 * for "pin the base image" fixes (and, later, completion and hovers). Tags
 * are examples of real, maintained tag families, not a claim about which
 * version is newest: the fix lets the user choose or type another one.
 */
import { ImageReference } from '../dockerfile/image';

export interface KnownImage {
  /** Repository as written for Docker Hub official images (`node`), or the full path for other registries. */
  name: string;
  /** Tags that exist, the closest to `latest` (same distribution) first. */
  tags: string[];
}

export const KNOWN_IMAGES: readonly KnownImage[] = [
  { name: 'alpine', tags: ['3.20', '3.21', '3.19'] },
  { name: 'ubuntu', tags: ['24.04', '22.04', 'noble'] },
  { name: 'debian', tags: ['12', '12-slim', 'bookworm-slim'] },
  { name: 'fedora', tags: ['41', '40'] },
  { name: 'busybox', tags: ['1.36', '1.37'] },
  { name: 'node', tags: ['22', '22-bookworm-slim', '22-alpine', '20'] },
  { name: 'python', tags: ['3.12', '3.12-slim', '3.13-slim', '3.12-alpine'] },
  { name: 'golang', tags: ['1.23', '1.23-bookworm', '1.23-alpine'] },
  { name: 'rust', tags: ['1', '1-slim', '1-alpine'] },
  { name: 'ruby', tags: ['3.3', '3.3-slim', '3.3-alpine'] },
  { name: 'php', tags: ['8.3-cli', '8.3-fpm', '8.3-apache'] },
  { name: 'eclipse-temurin', tags: ['21-jre', '21-jdk', '17-jre'] },
  { name: 'maven', tags: ['3.9-eclipse-temurin-21', '3.9-eclipse-temurin-17'] },
  { name: 'gradle', tags: ['8-jdk21', '8-jdk17'] },
  { name: 'nginx', tags: ['1.27', '1.27-alpine', 'stable'] },
  { name: 'httpd', tags: ['2.4', '2.4-alpine'] },
  { name: 'postgres', tags: ['16', '16-alpine', '17'] },
  { name: 'mysql', tags: ['8.4', '8.0'] },
  { name: 'mariadb', tags: ['11.4', '10.11'] },
  { name: 'redis', tags: ['7.4', '7.4-alpine', '7.2'] },
  { name: 'mongo', tags: ['7.0', '8.0'] },
  { name: 'rabbitmq', tags: ['3.13-management', '3.13'] },
  { name: 'mcr.microsoft.com/dotnet/sdk', tags: ['8.0'] },
  { name: 'mcr.microsoft.com/dotnet/aspnet', tags: ['8.0'] },
  { name: 'gcr.io/distroless/static-debian12', tags: ['nonroot'] },
  { name: 'gcr.io/distroless/base-debian12', tags: ['nonroot'] },
];

const byName = new Map(KNOWN_IMAGES.map((image) => [image.name, image]));

/** The known image an image reference names (`node`, `library/node`, `docker.io/library/node`). */
export function knownImage(image: ImageReference): KnownImage | undefined {
  const hub = image.registry === null || image.registry === 'docker.io' || image.registry === 'index.docker.io';
  if (hub) return byName.get(image.repository.replace(/^library\//, '').toLowerCase());
  return byName.get(`${image.registry}/${image.repository}`.toLowerCase());
}
