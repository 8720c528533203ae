/**
 * The CDN's link to a stored object: `<cdn endpoint>/<key>`, each segment of the key encoded. The
 * CDN serves the store as its origin, so the link carries no signature and does not expire.
 */
export function cdnLink(cdnEndpoint: string, key: string): string {
  return `${cdnEndpoint.replace(/\/+$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
