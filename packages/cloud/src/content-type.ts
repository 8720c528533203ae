import path from 'node:path';
import mime from 'mime-types';

/**
 * Where Panoptic's choice differs from mime-db's, or mime-db has none: Prometheus' text format and
 * JSON lines are Panoptic's own outputs; YAML and icons keep the types stores were given before.
 */
const OWN_TYPES: Record<string, string> = {
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.prom': 'text/plain; version=0.0.4; charset=utf-8',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.ico': 'image/x-icon',
};

/** The content type a browser needs to show an artifact, from its extension. */
export function contentTypeFor(file: string): string {
  const extension = path.extname(file).toLowerCase();
  const own = OWN_TYPES[extension];
  if (own) return own;
  const type = mime.lookup(extension);
  if (!type) return 'application/octet-stream';
  // Artifacts are written as UTF-8; a browser guessing another charset garbles logs and reports.
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/**
 * Text-like types that gzip well. Images other than SVG, video, archives and fonts are already
 * compressed: gzipping them costs CPU and saves nothing.
 */
export function isCompressible(contentType: string): boolean {
  const [mediaType = ''] = contentType.split(';', 1);
  const type = mediaType.trim().toLowerCase();
  if (type.startsWith('text/')) return true;
  if (type.endsWith('+json') || type.endsWith('+xml')) return true;
  return ['application/json', 'application/x-ndjson', 'application/xml', 'application/javascript', 'application/yaml', 'image/svg+xml'].includes(type);
}
