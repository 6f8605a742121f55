/**
 * PDF preview under the page CSP. The download endpoint answers `Content-Disposition: attachment`
 * and `Content-Security-Policy: sandbox`, and the page policy has `object-src 'none'` and no
 * blob: frames, so neither an <iframe> nor an <object> can show it. A blob: URL can: the bytes are
 * fetched with the session cookie and opened in a new tab, where the browser's own PDF viewer
 * renders them (blob: URLs are same-origin).
 *
 * The tab is opened synchronously in the click (no popup blocker complains), then pointed at the
 * blob once it is there. When the browser refuses the popup, the caller gets the blob URL to offer
 * as a link instead.
 */
export async function openPdfPreview(url: string): Promise<{ ok: true; fallbackUrl?: string } | { ok: false; message: string }> {
  const tab = window.open('', '_blank');
  try {
    if (tab) tab.document.title = 'Opening preview…';
  } catch {
    // A tab we cannot script is fine: it is navigated below.
  }
  let blob: Blob;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
      tab?.close();
      return {
        ok: false,
        message: response.status === 404 ? 'This file no longer exists.' : 'The file could not be loaded for preview.',
      };
    }
    blob = await response.blob();
  } catch {
    tab?.close();
    return { ok: false, message: 'The file could not be loaded. Check your connection and try again.' };
  }
  const pdf = blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
  const blobUrl = URL.createObjectURL(pdf);
  // Long enough for the tab to load it (and for the fallback link to be clicked).
  window.setTimeout(() => URL.revokeObjectURL(blobUrl), 10 * 60_000);
  if (tab && !tab.closed) {
    tab.location.href = blobUrl;
    return { ok: true };
  }
  return { ok: true, fallbackUrl: blobUrl };
}
