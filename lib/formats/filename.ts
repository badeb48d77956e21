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

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 8187). */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const ascii =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\%;]/g, "_")
      .trim() || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
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
