/** A file-name-safe ASCII slug ("Cours d'été: Python" -> "cours-d-ete-python"), `fallback` when nothing is left. */
export function slugify(text: string, fallback: string, maxLength = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, "");
  return slug || fallback;
}

/** Content-Disposition for a download; `filename` must already be ASCII-safe (see slugify). */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}

/** A download response: private, never cached by a shared cache. */
export function download(body: string, contentType: string, filename: string): Response {
  return new Response(body, {
    headers: { "content-type": contentType, "content-disposition": attachment(filename), "cache-control": "private, no-store" },
  });
}
